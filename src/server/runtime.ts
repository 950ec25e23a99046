import { openDatabase } from '../../db/client';
import { ConfigError, loadConfig } from '../config';
import type { Services } from './services';

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

export const services: Services = { db: database.db, readRow: database.readRow, config, now: () => new Date() };
