// One server process's SMS outbox, alone: the real outboxWorker with the real twilio transport
// (TWILIO_API_BASE_URL points at a test sink), on the database file in DATABASE_URL, until killed.
// Run: node --import tsx tests/support/outbox-process.ts   (env: see tests/api/sms-outbox-processes.test.ts)
import { openDatabase } from '../../db/client';
import { loadConfig } from '../../src/config';
import { outboxWorker } from '../../src/domain/sms/worker';
import { serviceContext } from '../../src/server/services';
import { twilioTransport } from '../../src/server/sms/twilio-transport';

const config = loadConfig(process.env);
const database = await openDatabase(config.databaseUrl);
const worker = outboxWorker({
  ctx: serviceContext(config, database),
  transport: twilioTransport(config.sms),
  leaseMs: Number(process.env.OUTBOX_LEASE_MS ?? 2_000),
  reconcileGraceMs: Number(process.env.OUTBOX_GRACE_MS ?? 5_000),
  idleMs: Number(process.env.OUTBOX_IDLE_MS ?? 50),
});
worker.start();
console.log(`outbox worker ${worker.owner} started`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void worker.stop().finally(() => (database.close(), process.exit(0))));
}
