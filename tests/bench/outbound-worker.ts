// One outbound worker process for the bench (tests/bench/outbound.ts): the app's own worker and
// senders on the bench database, run until nothing waits; prints how long the drain took as JSON.
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
const started = Date.now();
// the production loop (claims as slots free up, polls when idle); done when nothing waits
worker.start();
for (;;) {
  await new Promise((r) => setTimeout(r, 200));
  const { rows } = await database.client.execute("SELECT count(*) AS n FROM outbound_messages WHERE state IN ('pending', 'leased')");
  if (Number(rows[0]!.n) === 0) break;
}
await worker.stop();
// measured to the last delivery recorded, not to the poll that noticed it
const { rows } = await database.client.execute("SELECT max(delivered_at) AS last FROM outbound_messages");
process.stdout.write(`${JSON.stringify({ ms: Number(rows[0]!.last) - started })}\n`);
senders.close();
database.close();
process.exit(0);
