import { openDatabase } from '../../db/client';
import { ConfigError, devSecretWarning, loadConfig, type Config } from '../config';
import { outboxWorker } from '../domain/sms/worker';
import { serviceContext, type Services } from './services';
import { smsTransport } from './sms';

// The running server process: config read, database opened and the service context built once.
// Migrations run before the server starts (src/cli/prepare.ts), never here.

function readConfig(): Config {
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

/** Builds this process's services and starts its SMS outbox worker (leases in the database keep processes apart). */
export async function startServices(): Promise<Services> {
  const config = readConfig();
  const warning = devSecretWarning(config);
  if (warning) console.warn(warning);
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  const ctx = serviceContext(config, database);
  const worker = outboxWorker({ ctx, transport: smsTransport(config) });
  worker.start();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void worker.stop().finally(() => process.exit(0)));
  }
  return { ctx, config };
}
