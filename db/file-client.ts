import { setTimeout as sleep } from 'node:timers/promises';
import {
  LibsqlBatchError,
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  type Replicated,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
} from '@libsql/client';
import Libsql from 'libsql';

// The client for a database file: @libsql/client's own interface on its own engine (the `libsql`
// package it embeds), with two differences that matter under load. Each connection keeps its
// statements prepared (@libsql/client prepares every statement anew: about a third of a webhook's
// database time). And a write transaction waits for another process's write lock on the event
// loop's timers instead of in SQLite's busy handler, which sleeps the whole process — requests
// it could be reading, verifying and answering meanwhile — in steps of up to 100 ms.
// A libSQL server (DATABASE_URL=libsql://…, http://…) still goes through @libsql/client.

const STATEMENTS_KEPT = 500;
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

type Args = unknown[] | Record<string, unknown>;

/**
 * A kept statement keeps the columns it was prepared with, so one whose columns depend on the
 * schema (`SELECT *`, `RETURNING *`) is prepared each time; Drizzle always names its columns.
 */
const keepable = (sql: string): boolean => !sql.replace(/count\(\*\)/gi, '').includes('*');

/** One connection and the statements it has prepared (the oldest let go past STATEMENTS_KEPT). */
class Connection {
  readonly db: Libsql.Database;
  private readonly statements = new Map<string, Libsql.Statement>();

  constructor(path: string, readonly busyTimeoutMs: number) {
    this.db = new Libsql(path, { timeout: busyTimeoutMs });
  }

  execute(stmt: InStatement | string): ResultSet {
    const { sql, args } = typeof stmt === 'string' ? { sql: stmt, args: [] as InArgs } : { sql: stmt.sql, args: stmt.args ?? [] };
    const bound = bind(args);
    try {
      const prepared = this.statement(sql);
      if (!prepared.reader) {
        const info = prepared.run(bound);
        return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
      }
      const columns = prepared.columns();
      const names = columns.map((c) => c.name);
      const rows = (prepared.all(bound) as unknown[][]).map((values) => toRow(values, names));
      return resultSet(names, columns.map((c) => c.type ?? ''), rows, 0, undefined);
    } catch (e) {
      throw libsqlError(e);
    }
  }

  private statement(sql: string): Libsql.Statement {
    let stmt = this.statements.get(sql);
    if (stmt) return stmt;
    stmt = this.db.prepare(sql);
    stmt.safeIntegers(true);
    if (stmt.reader) stmt.raw(true);
    if (!keepable(sql)) return stmt;
    if (this.statements.size >= STATEMENTS_KEPT) this.statements.delete(this.statements.keys().next().value!);
    this.statements.set(sql, stmt);
    return stmt;
  }

  executeMultiple(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (e) {
      throw libsqlError(e);
    }
  }

  /** Runs statements one after another, naming the one that failed. */
  executeAll(stmts: Array<InStatement | [string, InArgs?]>): ResultSet[] {
    return stmts.map((stmt, i) => {
      try {
        if (i > 0 && !this.db.inTransaction) throw new LibsqlError('The transaction has been rolled back', 'TRANSACTION_CLOSED');
        return this.execute(Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt);
      } catch (e) {
        if (!(e instanceof LibsqlError) || e instanceof LibsqlBatchError) throw e;
        throw new LibsqlBatchError(e.message, i, e.code, e.extendedCode, e.rawCode, e.cause instanceof Error ? e.cause : undefined);
      }
    });
  }

  /**
   * BEGIN IMMEDIATE without SQLite's sleeping busy handler: while another process holds the write
   * lock, try again after a short timer (the event loop runs meanwhile), up to the busy timeout.
   */
  async beginWrite(): Promise<void> {
    const until = Date.now() + this.busyTimeoutMs;
    this.execute('PRAGMA busy_timeout = 0');
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          this.execute(BEGIN.write);
          return;
        } catch (e) {
          if (!(e instanceof LibsqlError) || e.code !== 'SQLITE_BUSY' || Date.now() >= until) throw e;
        }
        // from ~0.25 ms up to ~2 ms (a write turn is a few ms), jittered so waiting processes do not retry in step
        await sleep(Math.min(2, 0.25 * 2 ** Math.min(attempt, 3)) * (0.5 + Math.random()));
      }
    } finally {
      this.execute(`PRAGMA busy_timeout = ${this.busyTimeoutMs}`);
    }
  }

  close(): void {
    this.statements.clear(); // a kept statement would hold the closed connection open until collected
    if (this.db.open) this.db.close();
  }
}

/** @libsql/client's `Client` on a database file. */
export function createFileClient(path: string, opts: { busyTimeoutMs: number }): Client {
  let idle: Connection[] = [];
  const open = new Set<Connection>();
  let closed = false;

  const acquire = (): Connection => {
    if (closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    const conn = idle.pop() ?? new Connection(path, opts.busyTimeoutMs);
    open.add(conn);
    return conn;
  };
  const release = (conn: Connection): void => {
    if (conn.db.open && conn.db.inTransaction) {
      try {
        conn.execute('ROLLBACK');
      } catch {
        conn.close();
      }
    }
    if (closed || !conn.db.open) {
      open.delete(conn);
      conn.close();
    } else idle.push(conn);
  };
  /** A call that completes synchronously borrows a connection only for its duration. */
  const borrow = async <T>(fn: (conn: Connection) => T): Promise<T> => {
    const conn = acquire();
    try {
      return fn(conn);
    } finally {
      release(conn);
    }
  };
  const closeAll = () => {
    for (const conn of open) conn.close();
    open.clear();
    idle = [];
  };
  if (path === '' || path === ':memory:') throw new LibsqlError('An in-memory database would be another empty one on each connection: use a file', 'URL_INVALID');
  // the file must open (a bad path fails here, as it does with @libsql/client)
  release(acquire());

  const client: Client = {
    protocol: 'file',
    get closed() {
      return closed;
    },
    execute: ((stmtOrSql: InStatement | string, args?: InArgs) =>
      borrow((conn) => conn.execute(typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql))) as Client['execute'],
    batch: (stmts, mode = 'deferred') =>
      borrow((conn) => {
        conn.execute(BEGIN[mode]);
        const results = conn.executeAll(stmts);
        conn.execute('COMMIT');
        return results;
      }),
    migrate: (stmts) =>
      borrow((conn) => {
        conn.execute('PRAGMA foreign_keys = off');
        try {
          conn.execute(BEGIN.deferred);
          const results = conn.executeAll(stmts);
          conn.execute('COMMIT');
          return results;
        } finally {
          if (conn.db.inTransaction) conn.execute('ROLLBACK');
          conn.execute('PRAGMA foreign_keys = on');
        }
      }),
    async transaction(mode: TransactionMode = 'write') {
      const conn = acquire();
      try {
        if (mode === 'write') await conn.beginWrite();
        else conn.execute(BEGIN[mode]);
      } catch (e) {
        release(conn);
        throw e;
      }
      return fileTransaction(conn, release);
    },
    executeMultiple: (sql) => borrow((conn) => conn.executeMultiple(sql)),
    sync: async (): Promise<Replicated> => undefined,
    reconnect() {
      closeAll();
      closed = false;
    },
    close() {
      closed = true;
      closeAll();
    },
  };
  return client;
}

/** A transaction owns its connection until commit, rollback or close gives it back. */
function fileTransaction(conn: Connection, release: (conn: Connection) => void): Transaction {
  let held: Connection | null = conn;
  const live = (): Connection => {
    if (!held || !held.db.open || !held.db.inTransaction) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    return held;
  };
  const settle = () => {
    if (held) release(held);
    held = null;
  };
  return {
    execute: async (stmt) => live().execute(stmt),
    batch: async (stmts) => live().executeAll(stmts),
    executeMultiple: async (sql) => live().executeMultiple(sql),
    async commit() {
      try {
        live().execute('COMMIT');
      } finally {
        settle();
      }
    },
    async rollback() {
      try {
        if (held?.db.open && held.db.inTransaction) held.execute('ROLLBACK');
      } finally {
        settle();
      }
    },
    close() {
      try {
        if (held?.db.open && held.db.inTransaction) held.execute('ROLLBACK');
      } finally {
        settle();
      }
    },
    get closed() {
      return !held || !held.db.open || !held.db.inTransaction;
    },
  };
}

function bind(args: InArgs): Args {
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(value);
  return named;
}

function toSql(value: InValue): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return value;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

function fromSql(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < MIN_SAFE || value > MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(value);
  }
  if (value instanceof Uint8Array) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

/** A row as @libsql/client gives it: by column name (enumerable) and by index (not), with a length. */
function toRow(values: unknown[], names: string[]): Row {
  const row: Record<string, unknown> = {};
  Object.defineProperty(row, 'length', { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = fromSql(values[i]);
    Object.defineProperty(row, i, { value });
    const name = names[i]!;
    if (!Object.hasOwn(row, name)) row[name] = value;
  }
  return row as unknown as Row;
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({
      columns,
      columnTypes,
      rows: rows.map((row) => Array.prototype.map.call(row, (v: unknown) => (typeof v === 'bigint' ? `${v}` : v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v))),
      rowsAffected,
      lastInsertRowid: lastInsertRowid === undefined ? null : `${lastInsertRowid}`,
    }),
  };
}

const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 2: 'SQLITE_INTERNAL', 3: 'SQLITE_PERM', 4: 'SQLITE_ABORT', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED', 7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY', 9: 'SQLITE_INTERRUPT', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT', 12: 'SQLITE_NOTFOUND', 13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN', 15: 'SQLITE_PROTOCOL', 16: 'SQLITE_EMPTY', 17: 'SQLITE_SCHEMA', 18: 'SQLITE_TOOBIG', 19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH', 21: 'SQLITE_MISUSE', 22: 'SQLITE_NOLFS', 23: 'SQLITE_AUTH', 24: 'SQLITE_FORMAT', 25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB', 27: 'SQLITE_NOTICE', 28: 'SQLITE_WARNING',
};

/** SQLite's errors as @libsql/client reports them: the base code, the extended one and the raw number. */
function libsqlError(e: unknown): unknown {
  if (!(e instanceof Libsql.SqliteError)) return e;
  const raw = (e as { rawCode?: number }).rawCode;
  const code = raw === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`);
  return new LibsqlError(e.message, code, e.code, raw, e);
}
