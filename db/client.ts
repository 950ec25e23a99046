import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client, type InValue } from '@libsql/client';
import Libsql from 'libsql';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { createFileClient } from './file-client';
import * as schema from './schema';
import { groupWriteTransactions } from './write-queue';

export type Db = LibSQLDatabase<typeof schema>;
export type Row = Record<string, unknown>;
/** One row of a hot read, by SQL text and positional arguments. */
export type ReadRow = (sql: string, args: InValue[]) => Promise<Row | undefined>;
/** Every row of a hot read. */
export type ReadAll = (sql: string, args: InValue[]) => Promise<Row[]>;

export interface Database {
  db: Db;
  client: Client;
  /** Hot reads (the customer page, API key checks): one prepared statement per SQL text, reused. */
  readRow: ReadRow;
  readAll: ReadAll;
  close(): void;
}

const BUSY_TIMEOUT_MS = 5_000;
const READER_MMAP_BYTES = 1024 * 1024 * 1024;
const READER_CACHE_KIB = 64 * 1024;

/** The one way to open the database: a local file (embedded libSQL) or a libSQL server. */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  const isFile = url.startsWith('file:');
  if (isFile) ensureParentDir(url);
  // the busy timeout is SQLite's busy_timeout on every connection; libSQL turns foreign keys on by default
  const client = isFile ? createFileClient(filePath(url), { busyTimeoutMs: BUSY_TIMEOUT_MS }) : createClient({ url, authToken, timeout: BUSY_TIMEOUT_MS });
  if (isFile) {
    // WAL is stored in the file itself, so setting it once covers every connection.
    await client.execute('PRAGMA journal_mode = WAL');
    const fk = await client.execute('PRAGMA foreign_keys');
    if (Number(fk.rows[0]?.[0]) !== 1) throw new Error('SQLite foreign keys are off for this libSQL build');
  }
  const db = drizzle(client, { schema });
  if (!isFile) {
    const readAll: ReadAll = async (sql, args) => (await client.execute({ sql, args })).rows;
    return { db, client, readRow: async (sql, args) => (await readAll(sql, args))[0], readAll, close: () => client.close() };
  }
  groupWriteTransactions(db);
  const reader = preparedReader(filePath(url));
  return { db, client, readRow: reader.readRow, readAll: reader.readAll, close: () => (reader.close(), client.close()) };
}

/**
 * The hot read path of a file database (the customer page, API keys) keeps its own read
 * connection, mapped into memory with a larger cache, whose rows are plain objects; WAL lets it
 * read beside the writers.
 */
function preparedReader(path: string): { readRow: ReadRow; readAll: ReadAll; close(): void } {
  let conn: Libsql.Database | null = null;
  const statements = new Map<string, Libsql.Statement<unknown[]>>();
  const statement = (sql: string) => {
    if (!conn) {
      conn = new Libsql(path, { timeout: BUSY_TIMEOUT_MS });
      // Random page views touch random pages of a large file: map it and keep a bigger cache.
      conn.exec(`PRAGMA mmap_size = ${READER_MMAP_BYTES}; PRAGMA cache_size = -${READER_CACHE_KIB}`);
    }
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = conn.prepare(sql)));
    return stmt;
  };
  return {
    readRow: async (sql, args) => statement(sql).get(...args) as Row | undefined,
    readAll: async (sql, args) => statement(sql).all(...args) as Row[],
    close: () => conn?.close(),
  };
}

function filePath(url: string): string {
  return url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
}

function ensureParentDir(url: string): void {
  const path = filePath(url);
  if (path === ':memory:' || path === '') return;
  mkdirSync(dirname(path), { recursive: true });
}
