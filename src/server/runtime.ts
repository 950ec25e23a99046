import { openDatabase } from '../../db/client';
import { ConfigError, loadConfig } from '../config';
import type { Services } from './services';
import { smsTransport } from './sms';
import { outboxWorker } from './sms/worker';

// The running server's services: config read and database opened once, at start.
// Migrations run before the server starts (src/cli/prepare.ts), never here.

function readConfig() {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

const config = readConfig();
const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);

export const services: Services = { db: database.db, readRow: database.readRow, readAll: database.readAll, config, now: () => new Date() };

// Every server process runs the SMS outbox; leases in the database keep them from colliding.
const worker = outboxWorker({ db: database.db, transport: smsTransport(config), baseUrl: config.publicBaseUrl, dailyBudget: config.sms.dailyBudget });
worker.start();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void worker.stop().finally(() => process.exit(0)));
}
