import { spawn } from 'node:child_process';
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

  it('a repeated column name keeps its first value by name; toJSON gives positions, row ids as text and bytes as base64', async () => {
    const res = await client.execute('SELECT 1 AS a, 2 AS a');
    expect([res.rows[0]!.a, res.rows[0]![1], res.rows[0]!.length]).toEqual([1, 2, 2]);
    const ins = await client.execute({ sql: 'INSERT INTO item (sku, data) VALUES (?, ?)', args: ['j', new Uint8Array([104, 105]).buffer] });
    expect(ins.toJSON()).toEqual({ columns: [], columnTypes: [], rows: [], rowsAffected: 1, lastInsertRowid: '1' });
    expect((await client.execute('SELECT sku, data FROM item')).toJSON().rows).toEqual([['j', 'aGk=']]);
    expect(client.protocol).toBe('file');
  });

  it('a number that is not finite is refused as an argument, and the smallest safe integer reads back as itself', async () => {
    await expect(client.execute({ sql: 'SELECT ?', args: [Number.NaN] })).rejects.toThrow(RangeError);
    await expect(client.execute({ sql: 'SELECT ?', args: [Infinity] })).rejects.toThrow(/finite/);
    expect((await client.execute({ sql: 'SELECT ? AS n', args: [BigInt(Number.MIN_SAFE_INTEGER)] })).rows[0]!.n).toBe(Number.MIN_SAFE_INTEGER);
    await expect(client.execute({ sql: 'SELECT ? AS n', args: [BigInt(Number.MIN_SAFE_INTEGER) - 1n] })).rejects.toThrow(RangeError);
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

  it('an in-memory database is refused: each connection would be another, empty one; a file that cannot open fails at once', () => {
    expect(() => createFileClient(':memory:', { busyTimeoutMs: 100 })).toThrow(/in-memory/);
    expect(() => createFileClient(join(dir, 'no-such-folder', 'x.db'), { busyTimeoutMs: 100 })).toThrow();
  });

  it('a batch: [sql, args] pairs with or without args; a statement after one that ended the transaction is refused; a bad argument is itself', async () => {
    const [one] = await client.batch([['SELECT 1 AS one']], 'read');
    expect(one!.rows[0]!.one).toBe(1);
    const ended = await caught(client.batch(["INSERT INTO item (sku) VALUES ('a')", 'ROLLBACK', "INSERT INTO item (sku) VALUES ('b')"], 'write'));
    expect([ended.code, (ended as LibsqlBatchError).statementIndex]).toEqual(['TRANSACTION_CLOSED', 2]);
    expect((await client.execute('SELECT count(*) AS n FROM item')).rows[0]!.n).toBe(0);
    await expect(client.batch([{ sql: 'SELECT ?', args: [undefined as never] }])).rejects.toThrow(TypeError);
  });

  it('migrate: all or nothing, and foreign keys on again afterwards', async () => {
    const err = await caught(client.migrate([{ sql: 'CREATE TABLE extra (id INTEGER)', args: [] }, { sql: 'CREATE TABLE item (id INTEGER)', args: [] }]));
    expect((err as LibsqlBatchError).statementIndex).toBe(1);
    expect((await client.execute("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'")).rows[0]!.n).toBe(0);
    expect((await client.execute('PRAGMA foreign_keys')).rows[0]![0]).toBe(1);
  });

  it('a connection given back mid-transaction is rolled back first: the next caller inherits nothing and the lock is free', async () => {
    await client.executeMultiple("BEGIN IMMEDIATE; INSERT INTO item (sku) VALUES ('left open')");
    expect((await client.execute('SELECT count(*) AS n FROM item')).rows[0]!.n).toBe(0);
    const other = new Libsql(path, { timeout: 0 });
    try {
      other.exec("INSERT INTO item (sku) VALUES ('theirs')");
    } finally {
      other.close();
    }
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

  it('inside a transaction, batch and executeMultiple run on its connection; read and deferred transactions begin too', async () => {
    const tx = await client.transaction('write');
    await tx.batch([{ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['b1'] }]);
    await tx.executeMultiple("INSERT INTO item (sku) VALUES ('m1')");
    expect((await tx.execute('SELECT count(*) AS n FROM item')).rows[0]!.n).toBe(2);
    await tx.rollback();
    expect((await client.execute('SELECT count(*) AS n FROM item')).rows[0]!.n).toBe(0);
    const read = await client.transaction('read');
    expect((await read.execute('SELECT count(*) AS n FROM item')).rows[0]!.n).toBe(0);
    read.close();
    const deferred = await client.transaction('deferred');
    await deferred.execute("INSERT INTO item (sku) VALUES ('d')");
    await deferred.commit();
    expect((await client.execute('SELECT count(*) AS n FROM item')).rows[0]!.n).toBe(1);
  });

  it('a commit that fails still gives the connection back, rolled back', async () => {
    await client.executeMultiple('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (id INTEGER PRIMARY KEY, p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    const tx = await client.transaction('write');
    await tx.execute('INSERT INTO child (id, p) VALUES (1, 9)');
    expect((await caught(tx.commit())).code).toBe('SQLITE_CONSTRAINT');
    expect(tx.closed).toBe(true);
    const next = await client.transaction('write');
    await next.execute("INSERT INTO item (sku) VALUES ('after')");
    await next.commit();
    expect((await client.execute('SELECT count(*) AS n FROM child')).rows[0]!.n).toBe(0);
  });

  it('a write outside a transaction waits for another process’s lock up to the busy timeout', async () => {
    // another process takes the write lock, says so, and lets go 300 ms later
    const holder = spawn(process.execPath, ['-e', `
      const Libsql = require('libsql');
      const db = new Libsql(${JSON.stringify(path)}, { timeout: 0 });
      db.exec('BEGIN IMMEDIATE');
      console.log('locked');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);
    `], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    await client.execute({ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['waited'] });
    await new Promise((r) => holder.once('exit', r));
    expect((await client.execute('SELECT sku FROM item')).rows.map((r) => r.sku)).toEqual(['waited']);
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
