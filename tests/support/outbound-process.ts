// One server process's outbound worker, alone: the app's own worker and senders on the database in
// DATABASE_URL, until killed. Run: node --import tsx tests/support/outbound-process.ts
// (env: see tests/api/outbound-processes.test.ts)
import { openDatabase } from '../../db/client';
import { loadConfig } from '../../src/config';
import { outboundWorker } from '../../src/domain/outbound/worker';
import { outboundSenders } from '../../src/server/outbound';
import { serviceContext } from '../../src/server/services';

const config = loadConfig(process.env);
const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
const ctx = serviceContext(config, database);
const worker = outboundWorker({
  ctx,
  senders: outboundSenders(ctx, config).byKind,
  leaseMs: Number(process.env.OUTBOUND_LEASE_MS ?? 2_000),
  concurrency: Number(process.env.OUTBOUND_CONCURRENCY ?? 16),
  idleMs: 50,
});
worker.start();
console.log(`outbound worker ${worker.owner} started`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void worker.stop().finally(() => (database.close(), process.exit(0))));
}
