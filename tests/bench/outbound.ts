// The outbound part of the bench: 10,000 webhook deliveries queued for three local receivers —
// one healthy, one failing 30% of requests with a 500, one that hangs (answers nothing) for its
// first two seconds — and drained by one worker process (the app's own worker and senders).
// Then: every message delivered, none accepted twice by a receiver, none lost.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { loadConfig } from '../../src/config';
import { forSeller } from '../../src/domain/context';
import { createWebhookEndpoint } from '../../src/domain/outbound/endpoints';
import { queueWebhookEvent } from '../../src/domain/outbound/queue';
import { createSeller } from '../../src/domain/sellers';
import { serviceContext } from '../../src/server/services';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

export interface OutboundBenchResult {
  messages: number;
  deliveriesPerSec: number;
  attempts: number;
  duplicates: number;
  lost: number;
  failures: string[];
}

const PLAN = [
  { type: 'order.shipped', share: 0.6, receiver: 'healthy' },
  { type: 'order.delivered', share: 0.3, receiver: 'failing 30%' },
  { type: 'order.exception', share: 0.1, receiver: 'hanging 2 s' },
] as const;

export async function benchOutbound(ctx: { dir: string; appSecret: string }, messages = 10_000): Promise<OutboundBenchResult> {
  const dbPath = join(ctx.dir, 'outbound.db');
  const env = { DATABASE_URL: `file:${dbPath}`, APP_SECRET: ctx.appSecret, PUBLIC_BASE_URL: 'http://127.0.0.1', WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_SECONDS: '1' };
  const database = await openDatabase(env.DATABASE_URL);
  await migrateDatabase(database);
  const service = serviceContext(loadConfig(env), database);
  const seller = forSeller(service, (await createSeller({ ctx: service, input: { seller: { name: 'Bench Webhooks Co' } } })).sellerId);
  const receivers: Receiver[] = [];
  for (const p of PLAN) {
    const r = await startReceiver();
    receivers.push(r);
    await createWebhookEndpoint({ ctx: seller, input: { url: r.url, events: [p.type] } });
  }
  console.log(`[outbound] queuing ${messages} webhook deliveries for 3 receivers (healthy, failing 30%, hanging 2 s)…`);
  const now = new Date();
  let queued = 0;
  for (const [i, p] of PLAN.entries()) {
    const n = i === PLAN.length - 1 ? messages - queued : Math.round(messages * p.share);
    for (let done = 0; done < n; done += 500) {
      await service.db.transaction(async (tx) => {
        for (let k = done; k < Math.min(n, done + 500); k++) {
          const data = { orderNumber: `B-${i}-${k}`, status: { stage: 'shipped', exception: null }, trackingUrl: `http://127.0.0.1/t/${'x'.repeat(43)}`, event: { type: 'shipped', occurredAt: now.toISOString() } };
          await queueWebhookEvent(tx, { sellerId: seller.sellerId, type: p.type, data, now });
        }
      });
    }
    queued += n;
  }
  database.close();

  receivers[1]!.failShare(0.3);
  receivers[2]!.hang(true);
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/obprof'] : []), '--import', 'tsx', 'tests/bench/outbound-worker.ts'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  if ((await next()) !== 'ready') throw new Error('outbound worker did not start');
  setTimeout(() => receivers[2]!.hang(false), 2_000).unref();
  child.stdin!.write('go\n');
  const { ms } = JSON.parse(await next()) as { ms: number };
  await new Promise((r) => child.once('exit', r));

  const accepted = new Map<string, number>();
  let attempts = 0;
  for (const r of receivers) {
    attempts += r.received.length;
    for (const got of r.received) if (got.status === 200) accepted.set(String(got.headers['webhook-id']), (accepted.get(String(got.headers['webhook-id'])) ?? 0) + 1);
    await r.close();
  }
  const check = await openDatabase(env.DATABASE_URL);
  const { rows } = await check.client.execute("SELECT count(*) AS n FROM outbound_messages WHERE state = 'delivered'");
  check.close();
  const delivered = Number(rows[0]!.n);
  const duplicates = [...accepted.values()].filter((n) => n > 1).length;
  const lost = messages - accepted.size;
  const deliveriesPerSec = messages / (ms / 1000);
  const failures = [
    ...(delivered !== messages ? [`${delivered} of ${messages} messages marked delivered`] : []),
    ...(duplicates ? [`${duplicates} messages accepted twice`] : []),
    ...(lost ? [`${lost} messages never accepted`] : []),
  ];
  console.log(`[outbound] ${messages} delivered in ${(ms / 1000).toFixed(2)} s: ${deliveriesPerSec.toFixed(0)}/s (${attempts} attempts; ${duplicates} duplicates, ${lost} lost)`);
  return { messages, deliveriesPerSec, attempts, duplicates, lost, failures };
}
