import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema';

export type Db = LibSQLDatabase<typeof schema>;
export interface Database {
  db: Db;
  client: Client;
  close(): void;
}

const BUSY_TIMEOUT_MS = 5_000;

/** The one way to open the database: a local file (embedded libSQL) or a libSQL server. */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  const isFile = url.startsWith('file:');
  if (isFile) ensureParentDir(url);
  // `timeout` is SQLite's busy_timeout on every pooled connection; libSQL turns foreign keys on by default.
  const client = createClient({ url, authToken, timeout: BUSY_TIMEOUT_MS });
  if (isFile) {
    // WAL is stored in the file itself, so setting it once covers every connection.
    await client.execute('PRAGMA journal_mode = WAL');
    const fk = await client.execute('PRAGMA foreign_keys');
    if (Number(fk.rows[0]?.[0]) !== 1) throw new Error('SQLite foreign keys are off for this libSQL build');
  }
  const db = drizzle(client, { schema });
  if (isFile) serializeWriteTransactions(db);
  return { db, client, close: () => client.close() };
}

/**
 * The embedded driver runs SQLite synchronously: a second BEGIN IMMEDIATE in this process would
 * sleep in SQLite's busy handler on the event loop thread while the first transaction waits for
 * that same thread, a deadlock until busy_timeout. So this process queues its own write
 * transactions; other processes still meet SQLite's lock and busy_timeout.
 * Every write goes through db.transaction() for this reason.
 */
function serializeWriteTransactions(db: Db): void {
  const transaction = db.transaction.bind(db);
  let tail: Promise<unknown> = Promise.resolve();
  db.transaction = ((fn, config) => {
    const run = tail.then(() => transaction(fn, config));
    tail = run.catch(() => undefined);
    return run;
  }) as Db['transaction'];
}

function ensureParentDir(url: string): void {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
  if (path === ':memory:' || path === '') return;
  mkdirSync(dirname(path), { recursive: true });
}
