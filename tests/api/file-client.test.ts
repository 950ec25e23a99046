import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibsqlBatchError, LibsqlError, type Client } from '@libsql/client';
import Libsql from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileClient } from '../../db/file-client';

// The database-file client (db/file-client.ts) keeps @libsql/client's behaviour — rows, errors,
// transactions — while keeping statements prepared and waiting for another process's write lock
// on timers. Each test gets its own file.

let dir: string;
let path: string;
let client: Client;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-file-client-'));
  path = join(dir, 'test.db');
  client = createFileClient(path, { busyTimeoutMs: 5_000 });
  await client.execute('PRAGMA journal_mode = WAL');
  await client.executeMultiple('CREATE TABLE item (id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, qty INTEGER, data BLOB, ok INTEGER)');
});
afterEach(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

const caught = async (p: Promise<unknown>): Promise<LibsqlError> => {
  try {
    await p;
  } catch (e) {
    return e as LibsqlError;
  }
  throw new Error('expected a failure');
};

describe('rows and values, as @libsql/client gives them', () => {
  it('a row is read by column name and by position, with a length; only the names are enumerable', async () => {
    await client.execute({ sql: 'INSERT INTO item (sku, qty, ok) VALUES (?, ?, ?)', args: ['mug', 3, true] });
    const res = await client.execute('SELECT sku, qty, ok FROM item');
    const row = res.rows[0]!;
    expect([row.sku, row.qty, row.ok, row[0], row[1], row.length]).toEqual(['mug', 3, 1, 'mug', 3, 3]);
    expect(Object.keys(row)).toEqual(['sku', 'qty', 'ok']);
    expect(res.columns).toEqual(['sku', 'qty', 'ok']);
    expect(res.toJSON()).toMatchObject({ columns: ['sku', 'qty', 'ok'], rows: [['mug', 3, 1]] });
  });

  it('an insert tells how many rows changed and the new row id; named arguments take any of @ $ :', async () => {
    const res = await client.execute({ sql: 'INSERT INTO item (sku, qty) VALUES (:sku, @qty)', args: { sku: 'tote', '@qty': 2 } });
    expect([res.rowsAffected, res.lastInsertRowid]).toEqual([1, 1n]);
    const upd = await client.execute({ sql: 'UPDATE item SET qty = $qty', args: { $qty: 5 } });
    expect(upd.rowsAffected).toBe(1);
  });

  it('bytes come back as the same bytes; a date is stored as its milliseconds', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await client.execute({ sql: 'INSERT INTO item (sku, qty, data) VALUES (?, ?, ?)', args: ['b', new Date(1_700_000_000_000), bytes] });
    const row = (await client.execute('SELECT qty, data FROM item')).rows[0]!;
    expect(row.qty).toBe(1_700_000_000_000);
    expect(new Uint8Array(row.data as ArrayBuffer)).toEqual(bytes);
  });

  it('an integer past what a JavaScript number holds is refused, not rounded', async () => {
    await client.execute({ sql: 'INSERT INTO item (sku, qty) VALUES (?, ?)', args: ['big', 9_007_199_254_740_993n] });
    await expect(client.execute('SELECT qty FROM item')).rejects.toThrow(RangeError);
    expect((await client.execute('SELECT qty - 2 AS q FROM item')).rows[0]!.q).toBe(Number.MAX_SAFE_INTEGER);
    await expect(client.execute({ sql: 'SELECT ?', args: [undefined as never] })).rejects.toThrow(TypeError);
  });

  it('after a change of the table, SELECT * shows the column added and a kept statement still answers', async () => {
    await client.execute({ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['a'] });
    const named = 'SELECT sku, count(*) AS n FROM item';
    expect((await client.execute('SELECT * FROM item')).columns).not.toContain('color');
    expect((await client.execute(named)).rows[0]!.n).toBe(1);
    await client.execute("ALTER TABLE item ADD COLUMN color TEXT DEFAULT 'red'");
    const res = await client.execute('SELECT * FROM item');
    expect(res.columns).toContain('color');
    expect(res.rows[0]!.color).toBe('red');
    await client.execute({ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['b'] });
    expect((await client.execute(named)).rows[0]!.n).toBe(2);
  });

  it('more different statements than a connection keeps all still run and answer right', async () => {
    for (let i = 0; i < 620; i++) expect((await client.execute(`SELECT ${i} AS n`)).rows[0]!.n).toBe(i);
    expect((await client.execute('SELECT 7 AS n')).rows[0]!.n).toBe(7);
  });
});

describe('errors, as @libsql/client reports them', () => {
  it('a duplicate is SQLITE_CONSTRAINT with its extended code; bad SQL is SQLITE_ERROR', async () => {
    await client.execute({ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['x'] });
    const dup = await caught(client.execute({ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['x'] }));
    expect(dup).toBeInstanceOf(LibsqlError);
    expect([dup.code, dup.extendedCode]).toEqual(['SQLITE_CONSTRAINT', 'SQLITE_CONSTRAINT_UNIQUE']);
    expect((await caught(client.execute('SELEC 1'))).code).toBe('SQLITE_ERROR');
  });

  it('a batch that fails stores none of it and names the statement that failed', async () => {
    const err = await caught(client.batch([
      { sql: 'INSERT INTO item (sku) VALUES (?)', args: ['one'] },
      { sql: 'INSERT INTO item (sku) VALUES (?)', args: ['one'] },
    ], 'write'));
    expect(err).toBeInstanceOf(LibsqlBatchError);
    expect((err as LibsqlBatchError).statementIndex).toBe(1);
    expect((await client.execute('SELECT count(*) AS n FROM item')).rows[0]!.n).toBe(0);
    const ok = await client.batch([['INSERT INTO item (sku) VALUES (?)', ['two']], 'SELECT count(*) AS n FROM item'], 'write');
    expect(ok[1]!.rows[0]!.n).toBe(1);
  });

  it('an in-memory database is refused: each connection would be another, empty one', () => {
    expect(() => createFileClient(':memory:', { busyTimeoutMs: 100 })).toThrow(/in-memory/);
  });
});

describe('transactions', () => {
  it('commit keeps the writes, rollback and close drop them; a settled transaction refuses more work', async () => {
    const kept = await client.transaction('write');
    await kept.execute({ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['kept'] });
    await kept.commit();
    expect(kept.closed).toBe(true);
    expect((await caught(kept.execute('SELECT 1'))).code).toBe('TRANSACTION_CLOSED');

    const undone = await client.transaction('write');
    await undone.execute({ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['undone'] });
    await undone.rollback();
    const dropped = await client.transaction('write');
    await dropped.execute({ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['dropped'] });
    dropped.close();
    expect((await client.execute('SELECT sku FROM item')).rows.map((r) => r.sku)).toEqual(['kept']);
  });

  it('outside a transaction, its uncommitted writes are not seen; after commit they are', async () => {
    const tx = await client.transaction('write');
    await tx.execute({ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['pending'] });
    expect((await tx.execute('SELECT count(*) AS n FROM item')).rows[0]!.n).toBe(1);
    expect((await client.execute('SELECT count(*) AS n FROM item')).rows[0]!.n).toBe(0);
    await tx.commit();
    expect((await client.execute('SELECT count(*) AS n FROM item')).rows[0]!.n).toBe(1);
  });

  it('while another process holds the write lock, a write transaction waits without stopping the event loop, then goes ahead', async () => {
    const other = new Libsql(path, { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    other.prepare('INSERT INTO item (sku) VALUES (?)').run('theirs');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    try {
      let began = false;
      const waiting = client.transaction('write').then((tx) => ((began = true), tx));
      await new Promise((r) => setTimeout(r, 150));
      expect(began).toBe(false);
      expect(ticks).toBeGreaterThan(2); // timers ran while it waited (none would in SQLite's sleeping busy handler)
      other.exec('COMMIT');
      const tx = await waiting;
      await tx.execute({ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['ours'] });
      await tx.commit();
    } finally {
      clearInterval(ticker);
      other.close();
    }
    expect((await client.execute('SELECT sku FROM item ORDER BY id')).rows.map((r) => r.sku)).toEqual(['theirs', 'ours']);
  });

  it('a lock held past the busy timeout fails the transaction with SQLITE_BUSY, and the connection keeps its timeout', async () => {
    const short = createFileClient(path, { busyTimeoutMs: 200 });
    const other = new Libsql(path, { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      const err = await caught(short.transaction('write'));
      expect(err.code).toBe('SQLITE_BUSY');
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect((await short.execute('PRAGMA busy_timeout')).rows[0]![0]).toBe(200);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      short.close();
    }
    const tx = await client.transaction('write');
    await tx.commit();
  });

  it('a closed client refuses work; reconnect opens it again', async () => {
    client.close();
    expect(client.closed).toBe(true);
    expect((await caught(client.execute('SELECT 1'))).code).toBe('CLIENT_CLOSED');
    client.reconnect();
    expect((await client.execute('SELECT 1 AS one')).rows[0]!.one).toBe(1);
  });
});
