import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Database } from './client';

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies every committed migration not yet applied; safe to run on every start. */
export async function migrateDatabase(database: Database, folder = MIGRATIONS): Promise<void> {
  await migrate(database.db, { migrationsFolder: folder });
}
