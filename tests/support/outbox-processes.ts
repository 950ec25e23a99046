import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../db/client';
import { orders, sellers, smsMessages, smsSubscriptions } from '../../db/schema';

// For the multi-process outbox test: worker processes to start and kill, and a bulk of due texts
// written straight into the outbox (the domain verbs would take minutes for thousands).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = 'tests/support/outbox-process.ts';

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  /** stdout and stderr, for a failed test's report */
  output(): string;
  exited: Promise<void>;
}

/** A worker process: the SMS outbox's by default, or another worker script (the outbound one). */
export function startWorkerProcess(env: Record<string, string>, script = SCRIPT): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { pid: child.pid!, child, output: () => output, exited };
}

/** SIGKILL, and wait until the process is gone. */
export async function killProcess(p: WorkerProcess): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await p.exited;
}

/**
 * `subscriptions` confirmed subscribers, each with `perSubscription` texts due now, each body
 * unique (so a lookup by recipient and body finds exactly one text). Returns the message ids.
 */
export async function seedDueTexts(database: Database, o: { subscriptions: number; perSubscription: number; now: Date }): Promise<number[]> {
  const { db } = database;
  const now = o.now;
  return db.transaction(async (tx) => {
    // No quiet hours: these texts are due now whatever the hour the suite runs (Detroit's evening
    // fall within 00:00–13:00 UTC), so what is measured is sending, not waiting for 08:00.
    const [seller] = await tx.insert(sellers).values({
      slug: 'bulk', name: 'Bulk Goods', accentColor: '#1f6feb', createdAt: now, quietStartMinute: 0, quietEndMinute: 0,
    }).returning({ id: sellers.id });
    const ids: number[] = [];
    for (let start = 0; start < o.subscriptions; start += 200) {
      const n = Math.min(200, o.subscriptions - start);
      const index = Array.from({ length: n }, (_, k) => start + k);
      const orderRows = await tx.insert(orders).values(index.map((i) => ({
        sellerId: seller!.id, orderNumber: `BULK-${i}`, destCountry: 'US', timeZone: 'America/Detroit', timeZoneBasis: 'given' as const,
        timeZoneAssumed: false, createdAt: now,
      }))).returning({ id: orders.id });
      const subs = await tx.insert(smsSubscriptions).values(orderRows.map((order, k) => ({
        orderId: order.id, sellerId: seller!.id, phone: `+1248${String(5_550_000 + index[k]!).padStart(7, '0')}`, language: 'en' as const,
        status: 'active' as const, createdAt: now, confirmedAt: now,
      }))).returning({ id: smsSubscriptions.id, phone: smsSubscriptions.phone });
      const texts = subs.flatMap((sub, k) => Array.from({ length: o.perSubscription }, (_, j) => ({
        subscriptionId: sub.id, eventId: null, kind: j === 0 ? 'shipped' : 'out_for_delivery', toPhone: sub.phone,
        body: `Bulk Goods: order BULK-${index[k]} update ${j + 1}. Track: https://track.example.test/t/x`, segments: 1,
        state: 'pending' as const, dueAt: now, createdAt: now, updatedAt: now,
      })));
      ids.push(...(await tx.insert(smsMessages).values(texts).returning({ id: smsMessages.id })).map((r) => r.id));
    }
    return ids;
  });
}

/** How many texts are in each outbox state. */
export async function outboxStates(database: Database): Promise<Record<string, number>> {
  const res = await database.client.execute('SELECT state, count(*) AS n FROM sms_messages GROUP BY state');
  return Object.fromEntries(res.rows.map((r) => [String(r.state), Number(r.n)]));
}
