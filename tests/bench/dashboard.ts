// npx tsx tests/bench/dashboard.ts [--orders 100000]
// The seller side on the 100k-order / 1M-event benchmark database: server-side time of the
// dashboard home's numbers, the orders list (first page, a status filter, a later page) and a
// search by tracking number, and a sign-in (Argon2id). A benchmark, not a test: it prints figures
// and writes tests/bench/results/dashboard.json.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { users } from '../../db/schema';
import { openDatabase } from '../../db/client';
import { loadConfig } from '../../src/config';
import { signIn } from '../../src/domain/accounts/accounts';
import { hashPassword } from '../../src/domain/accounts/passwords';
import { forSeller } from '../../src/domain/context';
import { needsAttention } from '../../src/domain/dashboard/attention';
import { todayNumbers } from '../../src/domain/dashboard/today';
import { backfillOrderStatuses } from '../../src/domain/order-status';
import { listOrders } from '../../src/domain/orders-list';
import { serviceContext } from '../../src/server/services';
import { seedDatabase } from './seed';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '100000' } } });
const ORDERS = Number(values.orders);
const dir = mkdtempSync(join(tmpdir(), 'porchlight-dash-bench-'));
const path = join(dir, 'bench.db');
const appSecret = randomBytes(32).toString('base64url');
const now = new Date();

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: Math.round(at(0.5) * 10) / 10, p95: Math.round(at(0.95) * 10) / 10, n: s.length };
}
async function time(runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

try {
  console.log(`Seeding ${ORDERS.toLocaleString()} orders…`);
  const seeded = await seedDatabase(path, { orders: ORDERS, events: ORDERS * 10, appSecret, now });
  const database = await openDatabase(`file:${path}`);
  const ctx = serviceContext(loadConfig({ DATABASE_URL: `file:${path}`, APP_SECRET: appSecret }), database, () => now);
  const started = performance.now();
  const filled = await backfillOrderStatuses({ ctx });
  console.log(`Order status kept on ${filled.toLocaleString()} orders in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  const seller = forSeller(ctx, 1);
  await ctx.db.insert(users).values({ sellerId: 1, email: 'bench@shop.example', passwordHash: await hashPassword('bench password here'), role: 'owner', createdAt: now, passwordChangedAt: now });
  const trackingNumbers = (await database.client.execute('SELECT tracking_number FROM packages ORDER BY random() LIMIT 200')).rows.map((r) => String(r.tracking_number));
  const second = (await listOrders({ ctx: seller, input: { limit: 25 } })).nextCursor!;

  const figures = {
    orders: seeded.counts.orders,
    events: seeded.counts.events,
    homeMs: await time(50, () => Promise.all([needsAttention({ ctx: seller, input: { limit: 10 } }), todayNumbers({ ctx: seller })])),
    ordersFirstPageMs: await time(50, () => listOrders({ ctx: seller, input: { limit: 25 } })),
    ordersFilteredMs: await time(50, () => listOrders({ ctx: seller, input: { limit: 25, status: 'out_for_delivery' } })),
    ordersSecondPageMs: await time(50, () => listOrders({ ctx: seller, input: { limit: 25, cursor: second } })),
    searchTrackingNumberMs: await time(100, (i) => listOrders({ ctx: seller, input: { limit: 25, q: trackingNumbers[i % trackingNumbers.length]! } })),
    signInMs: await time(10, (i) => signIn({ ctx: seller, input: { email: 'bench@shop.example', password: 'bench password here', ip: `10.0.0.${i}` } })),
    // a refused sign-in costs the same for an unknown email as for a wrong password (no account probing by time)
    signInWrongPasswordMs: await time(4, (i) => signIn({ ctx: seller, input: { email: 'bench@shop.example', password: 'wrong password', ip: `10.1.0.${i}` } }).catch(() => null)),
    signInUnknownEmailMs: await time(4, (i) => signIn({ ctx: seller, input: { email: `nobody${i}@shop.example`, password: 'wrong password', ip: `10.2.0.${i}` } }).catch(() => null)),
  };
  const plan = (await database.client.execute({
    sql: "EXPLAIN QUERY PLAN SELECT order_id FROM packages WHERE tracking_number = ?", args: [trackingNumbers[0]!],
  })).rows.map((r) => String(r.detail));
  console.table(Object.fromEntries(Object.entries(figures).filter(([, v]) => typeof v === 'object')));
  console.log('tracking-number search plan:', plan.join(' | '));
  const targets = { homeP95: figures.homeMs.p95 <= 50, ordersP95: figures.ordersFirstPageMs.p95 <= 50, searchP95: figures.searchTrackingNumberMs.p95 <= 20, signIn: figures.signInMs.p50 <= 150 };
  console.log('targets met:', targets);
  writeFileSync(join(import.meta.dirname, 'results', 'dashboard.json'), JSON.stringify({ at: now.toISOString(), ...figures, targets }, null, 2) + '\n');
  database.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
