// One outbound worker process for the bench (tests/bench/outbound.ts): the app's own worker and
// senders on the bench database, drained once; prints how long the drain took as JSON.
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db/client';
import { loadConfig } from '../../src/config';
import { outboundWorker } from '../../src/domain/outbound/worker';
import { outboundSenders } from '../../src/server/outbound';
import { serviceContext } from '../../src/server/services';

const config = loadConfig();
const database = await openDatabase(config.databaseUrl);
const ctx = serviceContext(config, database);
const senders = outboundSenders(ctx, config);
// The production schedule waits 5 s, then minutes: the bench keeps the same path with waits of
// 50 ms doubling to 1.6 s (±20%), so a run measures the machinery, not the schedule.
const backoff = (attempt: number) => Math.min(1_600, 50 * 2 ** (attempt - 1)) * (0.8 + 0.4 * Math.random());
const worker = outboundWorker({ ctx, senders: senders.byKind, backoff, idleMs: 20 });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const started = performance.now();
let sent = 0;
// drain() returns when nothing is due; retries come due shortly after, so keep going until none wait
for (;;) {
  sent += await worker.drain();
  const { rows } = await database.client.execute("SELECT count(*) AS n FROM outbound_messages WHERE state IN ('pending', 'leased')");
  if (Number(rows[0]!.n) === 0) break;
  await new Promise((r) => setTimeout(r, 10));
}
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, claimed: sent })}\n`);
senders.close();
database.close();
process.exit(0);
