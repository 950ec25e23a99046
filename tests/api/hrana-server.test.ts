import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createClient, LibsqlError, type Client, type Config } from '@libsql/client';
import { openHttp } from '@libsql/hrana-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { startHranaServer, type HranaServer, type HranaServerOptions } from '../support/hrana-server';

let dir: string;
let file: string;
let server: HranaServer;
let clients: Client[];
let cleanups: (() => unknown)[];

const start = async (options: Partial<HranaServerOptions> = {}) => {
  await server?.stop();
  server = await startHranaServer({ file, ...options });
};
const connect = (config: Partial<Config> = {}) => {
  const client = createClient({ url: server.url, ...config });
  clients.push(client);
  return client;
};
const caught = async (p: Promise<unknown>): Promise<LibsqlError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LibsqlError);
    return e as LibsqlError;
  }
  throw new Error('expected a LibsqlError');
};
/** One raw Hrana pipeline request, to see what the server itself answers. */
const pipeline = async (body: unknown, version = 2) => {
  const res = await fetch(`${server.url}/v${version}/pipeline`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
};
const waitFor = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-hrana-'));
  file = join(dir, 'remote.db');
  clients = [];
  cleanups = [];
  server = await startHranaServer({ file });
});

afterEach(async () => {
  for (const client of clients) client.close();
  for (const cleanup of cleanups) await cleanup();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Hrana over HTTP test server: protocol surface', () => {
  it('answers the version checks for v2 and v3, and 404 for Protobuf so a probing client falls back to JSON', async () => {
    for (const path of ['/v2', '/v3', '/']) expect((await fetch(server.url + path)).status).toBe(200);
    expect((await fetch(`${server.url}/v3-protobuf`)).status).toBe(404);
    expect((await fetch(`${server.url}/v2/pipeline`)).status).toBe(405);
  });

  it('a pipeline without a baton opens a stream; each answer carries a new baton; close ends the stream', async () => {
    const first = await pipeline({ baton: null, requests: [{ type: 'execute', stmt: { sql: 'SELECT 1 AS one' } }] });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      baton: expect.any(String),
      base_url: null,
      results: [{ type: 'ok', response: { type: 'execute', result: expect.objectContaining({ cols: [{ name: 'one', decltype: null }], rows: [[{ type: 'integer', value: '1' }]], affected_row_count: 0, last_insert_rowid: null }) } }],
    });
    const second = await pipeline({ baton: first.body.baton, requests: [{ type: 'close' }] });
    expect(second.body).toEqual({ baton: null, base_url: null, results: [{ type: 'ok', response: { type: 'close' } }] });
    expect(server.stats().streamsOpen).toBe(0);
  });

  it('rejects malformed bodies, unknown request types, forged and reused batons with 400 and a JSON error', async () => {
    const notJson = await pipeline('{"requests": [');
    expect(notJson).toMatchObject({ status: 400, type: 'application/json', body: { code: 'JSON_DESERIALIZE', message: expect.any(String) } });
    expect((await pipeline({ requests: 'nope' })).body.code).toBe('JSON_DESERIALIZE');
    expect((await pipeline({ requests: [{ type: 'drop_everything' }] })).body).toMatchObject({ code: 'JSON_DESERIALIZE', message: expect.stringContaining('StreamRequest type not recognized') });
    expect((await pipeline({ requests: [{ type: 'execute', stmt: { sql: 'SELECT ?', args: [{ type: 'integer', value: 1 }] } }] })).status).toBe(400);
    expect((await pipeline({ baton: 'made.up.baton', requests: [] })).body).toMatchObject({ code: 'BATON_INVALID' });

    const opened = await pipeline({ requests: [] });
    const next = await pipeline({ baton: opened.body.baton, requests: [] });
    expect(next.status).toBe(200);
    expect((await pipeline({ baton: opened.body.baton, requests: [] })).body).toMatchObject({ code: 'BATON_REUSED' });
    // a stale baton does not end the stream: the current one still works
    expect((await pipeline({ baton: next.body.baton, requests: [{ type: 'close' }] })).status).toBe(200);
  });

  it('a request that breaks the protocol mid-stream drops the stream and rolls back its transaction', async () => {
    await pipeline({ requests: [{ type: 'execute', stmt: { sql: 'CREATE TABLE t (x)' } }, { type: 'close' }] });
    const res = await pipeline({
      requests: [
        { type: 'execute', stmt: { sql: 'BEGIN' } },
        { type: 'execute', stmt: { sql: 'INSERT INTO t VALUES (1)' } },
        { type: 'execute', stmt: { sql_id: 7 } },
      ],
    });
    expect(res).toMatchObject({ status: 400, body: { code: 'SQL_NOT_FOUND' } });
    expect(server.stats()).toMatchObject({ streamsOpen: 0, streamsDiscarded: 1 });
    expect((await connect().execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(0);
  });

  it('stores SQL texts per stream for sql_id, as @libsql/client caches statements in batches', async () => {
    const res = await pipeline({
      requests: [
        { type: 'store_sql', sql_id: 1, sql: 'SELECT ? * 2' },
        { type: 'execute', stmt: { sql_id: 1, args: [{ type: 'integer', value: '21' }] } },
        { type: 'batch', batch: { steps: [{ stmt: { sql_id: 1, args: [{ type: 'float', value: 1.25 }] } }] } },
        { type: 'close_sql', sql_id: 1 },
        { type: 'close_sql', sql_id: 1 },
        { type: 'close' },
      ],
    });
    expect(res.body.results.map((r: any) => r.response.type)).toEqual(['store_sql', 'execute', 'batch', 'close_sql', 'close_sql', 'close']);
    expect(res.body.results[1].response.result.rows).toEqual([[{ type: 'integer', value: '42' }]]);
    expect(res.body.results[2].response.result.step_results[0].rows).toEqual([[{ type: 'float', value: 2.5 }]]);
  });

  it('v3: get_autocommit and is_autocommit conditions work; v2 refuses them', async () => {
    const res = await pipeline(
      {
        requests: [
          { type: 'get_autocommit' },
          {
            type: 'batch',
            batch: {
              steps: [
                { stmt: { sql: 'BEGIN' } },
                { condition: { type: 'not', cond: { type: 'is_autocommit' } }, stmt: { sql: 'SELECT 1' } },
                { condition: { type: 'and', conds: [{ type: 'ok', step: 1 }, { type: 'is_autocommit' }] }, stmt: { sql: 'SELECT 2' } },
                { condition: { type: 'or', conds: [{ type: 'error', step: 2 }, { type: 'ok', step: 0 }] }, stmt: { sql: 'SELECT nope' } },
                { condition: { type: 'error', step: 3 }, stmt: { sql: 'ROLLBACK' } },
              ],
            },
          },
          { type: 'get_autocommit' },
        ],
      },
      3,
    );
    const [before, batch, after] = res.body.results;
    expect(before.response.is_autocommit).toBe(true);
    const { step_results: results, step_errors: errors } = batch.response.result;
    expect(results.map((r: unknown) => r !== null)).toEqual([true, true, false, false, true]);
    expect(errors.map((e: any) => e?.code ?? null)).toEqual([null, null, null, 'SQL_INPUT_ERROR', null]);
    expect(after.response.is_autocommit).toBe(true);
    expect((await pipeline({ requests: [{ type: 'get_autocommit' }] }, 2)).body.code).toBe('NOT_SUPPORTED');
  });

  it('v3 cursor: streams a batch as lines of JSON (step_begin, rows, step_end, step_error)', async () => {
    const res = await fetch(`${server.url}/v3/cursor`, {
      method: 'POST',
      body: JSON.stringify({ baton: null, batch: { steps: [{ stmt: { sql: 'SELECT 1 AS a UNION ALL SELECT 2' } }, { stmt: { sql: 'SELECT nope' } }] } }),
    });
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ baton: expect.any(String), base_url: null });
    expect(lines.slice(1).map((l) => l.type)).toEqual(['step_begin', 'row', 'row', 'step_end', 'step_error']);
    expect(lines[2]).toEqual({ type: 'row', row: [{ type: 'integer', value: '1' }] });
    expect(lines[5]).toMatchObject({ step: 1, error: { code: 'SQL_INPUT_ERROR' } });
  });
});

describe('Hrana over HTTP test server: through @libsql/client', () => {
  it('binds positional (?, ?NNN) and named (:a, @b, $c, with or without the prefix) arguments, and refuses missing ones as sqld does', async () => {
    const client = connect();
    expect((await client.execute({ sql: 'SELECT ? AS a, ? AS b', args: ['x', 'y'] })).rows[0]).toMatchObject({ a: 'x', b: 'y' });
    expect((await client.execute({ sql: 'SELECT ?2 AS second, ?1 AS first', args: ['one', 'two'] })).rows[0]).toMatchObject({ second: 'two', first: 'one' });
    expect((await client.execute({ sql: 'SELECT :a AS a, @b AS b, $c AS c, :a AS again', args: { a: 'A', '@b': 'B', c: 'C' } })).rows[0]).toMatchObject({ a: 'A', b: 'B', c: 'C', again: 'A' });
    expect((await caught(client.execute({ sql: 'SELECT :a, :b', args: { a: 1 } }))).code).toBe('ARGS_INVALID');
    expect((await caught(client.execute({ sql: 'SELECT ?, ?', args: [1] }))).code).toBe('ARGS_INVALID');
    expect((await caught(client.execute({ sql: 'SELECT ?', args: [1, 2] }))).code).toBe('ARGS_INVALID');
    expect((await caught(client.execute({ sql: 'SELECT :a', args: [1] }))).code).toBe('ARGS_INVALID');
  });

  it('round-trips every value type: null, 64-bit integers as bigint, floats, unicode text, blobs', async () => {
    const client = connect({ intMode: 'bigint' });
    await client.execute('CREATE TABLE v (id INTEGER PRIMARY KEY, x)');
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const values = [null, 9007199254740993n, -(2n ** 63n), 2n ** 63n - 1n, 1.5, -2.25e-300, 'ünïcødé 🚀 中文 \u2028 "quotes"', ''];
    for (const x of [...values, bytes]) await client.execute({ sql: 'INSERT INTO v (x) VALUES (?)', args: [x] });
    const rows = (await client.execute('SELECT x, typeof(x) AS t FROM v ORDER BY id')).rows;
    expect(rows.map((r) => r.t)).toEqual(['null', 'integer', 'integer', 'integer', 'real', 'real', 'text', 'text', 'blob']);
    expect(rows.slice(0, values.length).map((r) => r.x)).toEqual(values);
    expect(new Uint8Array(rows[8]!.x as ArrayBuffer)).toEqual(bytes);

    // The protocol sends a JS number as a float, so SQLite sees REAL (as the embedded driver binds numbers too);
    // INTEGER columns convert it back. bigint and booleans go as integers.
    expect((await client.execute({ sql: 'SELECT typeof(?) AS a, typeof(?) AS b, typeof(?) AS c', args: [3, 3n, true] })).rows[0]).toMatchObject({ a: 'real', b: 'integer', c: 'integer' });
    // intMode decides how integers come back: the default 'number' refuses what it cannot hold exactly
    await expect(connect().execute('SELECT 9007199254740993')).rejects.toThrow(RangeError);
    expect((await connect({ intMode: 'string' }).execute('SELECT 9007199254740993 AS n')).rows[0]!.n).toBe('9007199254740993');
    expect((await connect().execute('SELECT 42 AS n')).rows[0]!.n).toBe(42);
  });

  it('reports columns, declared types, rowsAffected and lastInsertRowid as sqld does', async () => {
    const client = connect();
    await client.execute('CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL)');
    const inserted = await client.execute({ sql: 'INSERT INTO p (name, price) VALUES (?, ?), (?, ?)', args: ['a', 1, 'b', 2] });
    expect(inserted).toMatchObject({ rowsAffected: 2, lastInsertRowid: 2n, columns: [], rows: [] });
    const updated = await client.execute("UPDATE p SET price = price * 2 WHERE name = 'a'");
    expect(updated.rowsAffected).toBe(1);
    expect(updated.lastInsertRowid).toBeUndefined();
    const selected = await client.execute('SELECT id, name AS label, price * 1 AS p FROM p ORDER BY id');
    expect(selected).toMatchObject({ columns: ['id', 'label', 'p'], columnTypes: ['INTEGER', 'TEXT', ''], rowsAffected: 0, lastInsertRowid: undefined });
    expect(selected.rows.map((r) => ({ ...r }))).toEqual([{ id: 1, label: 'a', p: 2 }, { id: 2, label: 'b', p: 2 }]);
    const returned = await client.execute({ sql: 'INSERT INTO p (name) VALUES (?) RETURNING id, name', args: ['c'] });
    expect(returned).toMatchObject({ rowsAffected: 1, lastInsertRowid: 3n, columns: ['id', 'name'] });
    expect(returned.rows[0]).toMatchObject({ id: 3, name: 'c' });
  });

  it('answers statement errors with sqld codes: SQLITE_CONSTRAINT (the base code) for unique, foreign key, not null and RAISE', async () => {
    const client = connect();
    await client.executeMultiple(`
      CREATE TABLE parent (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
      CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id));
      CREATE TRIGGER no_delete BEFORE DELETE ON child BEGIN SELECT RAISE(ABORT, 'append-only'); END;
      INSERT INTO parent (email) VALUES ('a@example.com');
      INSERT INTO child VALUES (1);
    `);
    const unique = await caught(client.execute({ sql: 'INSERT INTO parent (email) VALUES (?)', args: ['a@example.com'] }));
    expect(unique).toMatchObject({ code: 'SQLITE_CONSTRAINT', extendedCode: undefined });
    expect(unique.message).toContain('UNIQUE constraint failed: parent.email');
    expect((await caught(client.execute('INSERT INTO child VALUES (99)'))).message).toContain('FOREIGN KEY constraint failed');
    expect((await caught(client.execute('INSERT INTO parent (email) VALUES (NULL)'))).code).toBe('SQLITE_CONSTRAINT');
    expect((await caught(client.execute('DELETE FROM child'))).message).toContain('append-only');
    expect((await caught(client.execute('SELECT * FROM missing'))).code).toBe('SQL_INPUT_ERROR');
    expect((await caught(client.execute('SELEC 1'))).code).toBe('SQL_PARSE_ERROR');
    expect((await caught(client.execute('SELECT 1; SELECT 2'))).code).toBe('SQL_MANY_STATEMENTS');
    expect((await caught(client.execute(' -- nothing\n;'))).code).toBe('SQL_NO_STATEMENT');
    expect((await caught(client.execute('COMMIT'))).code).toBe('SQLITE_UNKNOWN'); // sqld's name for SQLITE_ERROR
    expect((await client.execute('SELECT count(*) AS n FROM parent')).rows[0]!.n).toBe(1);
  });

  it("batch(…, 'write') is atomic: a failing statement rolls the whole batch back", async () => {
    const client = connect();
    await client.execute('CREATE TABLE item (id INTEGER PRIMARY KEY, sku TEXT UNIQUE)');
    const done = await client.batch([{ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['a'] }, 'SELECT count(*) AS n FROM item'], 'write');
    expect(done.map((r) => r.rowsAffected)).toEqual([1, 0]);
    expect(done[1]!.rows[0]!.n).toBe(1);

    const failed = await caught(client.batch([{ sql: 'INSERT INTO item (sku) VALUES (?)', args: ['b'] }, { sql: 'INSERT INTO item (sku) VALUES (?)', args: ['a'] }, "INSERT INTO item (sku) VALUES ('c')"], 'write'));
    expect(failed).toMatchObject({ code: 'SQLITE_CONSTRAINT', statementIndex: 1 });
    expect((await client.execute('SELECT group_concat(sku) AS skus FROM item')).rows[0]!.skus).toBe('a');
    // a syntax error anywhere fails the batch before any statement runs
    expect((await caught(client.batch(["INSERT INTO item (sku) VALUES ('d')", 'INSERT INTO item (sku VALUES'], 'write'))).code).toBe('SQL_PARSE_ERROR');
    expect((await client.execute('SELECT count(*) AS n FROM item')).rows[0]!.n).toBe(1);
    expect((await client.batch(['SELECT sku FROM item'], 'read'))[0]!.rows).toHaveLength(1);
  });

  it("transaction('write'): commit publishes the writes, rollback discards them, nobody sees them before commit", async () => {
    const [a, b] = [connect(), connect()];
    await a.execute('CREATE TABLE t (x INTEGER)');
    const tx = await a.transaction('write');
    await tx.execute({ sql: 'INSERT INTO t VALUES (?)', args: [1] });
    expect((await tx.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(1);
    expect((await b.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(0);
    await tx.commit();
    expect((await b.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(1);

    const undone = await a.transaction('write');
    await undone.batch(['INSERT INTO t VALUES (2)', 'INSERT INTO t VALUES (3)']);
    await undone.rollback();
    expect((await b.execute('SELECT group_concat(x) AS xs FROM t')).rows[0]!.xs).toBe('1');
    expect(server.stats().streamsOpen).toBe(0);
  });

  it('two clients incrementing in concurrent write transactions serialize: 2 × 50 increments give 100', async () => {
    await connect().execute('CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await connect().execute('INSERT INTO counter VALUES (1, 0)');
    const worker = async (client: Client) => {
      for (let i = 0; i < 50; i++) {
        const tx = await client.transaction('write');
        try {
          const n = Number((await tx.execute('SELECT n FROM counter WHERE id = 1')).rows[0]!.n);
          await tx.execute({ sql: 'UPDATE counter SET n = ? WHERE id = 1', args: [n + 1] });
          await tx.commit();
        } finally {
          tx.close();
        }
      }
    };
    await Promise.all([worker(connect()), worker(connect())]);
    expect((await connect().execute('SELECT n FROM counter')).rows[0]!.n).toBe(100);
    expect(server.stats()).toMatchObject({ busyTimeouts: 0, streamsOpen: 0 });
  });

  it('writers of every kind at once (write and deferred transactions, write and deferred batches, plain statements) all get through', async () => {
    await connect().executeMultiple('CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO counter VALUES (1, 0)');
    const bump = { sql: 'UPDATE counter SET n = n + ? WHERE id = 1', args: [1] };
    const times = 20;
    const repeat = async (client: Client, once: (client: Client) => Promise<unknown>) => {
      for (let i = 0; i < times; i++) await once(client);
    };
    const inTransaction = (mode: 'write' | 'deferred') => async (client: Client) => {
      const tx = await client.transaction(mode);
      await tx.execute(bump);
      await tx.commit();
    };
    await Promise.all([
      repeat(connect(), inTransaction('write')),
      repeat(connect(), inTransaction('deferred')),
      repeat(connect(), (c) => c.batch([bump, bump], 'write')),
      repeat(connect(), (c) => c.batch([bump, bump])), // 'deferred', as drizzle's db.batch() and client.migrate() use
      repeat(connect(), (c) => c.execute(bump)),
    ]);
    expect((await connect().execute('SELECT n FROM counter')).rows[0]!.n).toBe(times * 7);
    expect(server.stats()).toMatchObject({ busyTimeouts: 0, streamsOpen: 0 });
  });

  it('a write transaction waiting for the lock does not stall the one holding it, and the wait ends in SQLITE_BUSY only after the deadline', async () => {
    const [a, b] = [connect(), connect()];
    await a.execute('CREATE TABLE t (x INTEGER)');
    const holder = await a.transaction('write');
    await holder.execute('INSERT INTO t VALUES (1)');
    const waiter = b.transaction('write').then(async (tx) => {
      await tx.execute('INSERT INTO t VALUES (2)');
      await tx.commit();
    });
    await waitFor(() => server.stats().busyRetries > 0);
    await holder.execute('INSERT INTO t VALUES (3)'); // the holder keeps working while the other waits
    await holder.commit();
    await waiter;
    expect((await a.execute('SELECT group_concat(x) AS xs FROM t')).rows[0]!.xs).toBe('1,3,2');

    await start({ busyTimeoutMs: 200 });
    const [c, d] = [connect(), connect()];
    const hog = await c.transaction('write');
    await hog.execute('INSERT INTO t VALUES (4)');
    expect((await caught(d.execute({ sql: 'INSERT INTO t VALUES (?)', args: [5] }))).code).toBe('SQLITE_BUSY');
    expect((await caught(d.batch(['INSERT INTO t VALUES (5)'], 'write'))).code).toBe('SQLITE_BUSY');
    await hog.commit();
    await d.execute({ sql: 'INSERT INTO t VALUES (?)', args: [5] });
    expect(server.stats().busyTimeouts).toBe(2);
    expect((await c.execute('SELECT group_concat(x) AS xs FROM t')).rows[0]!.xs).toBe('1,3,2,4,5');
  });

  it('an idle stream expires: its transaction is rolled back, the lock freed, and the client gets STREAM_EXPIRED', async () => {
    await start({ streamIdleMs: 250 });
    const [a, b] = [connect(), connect()];
    await a.execute('CREATE TABLE t (x INTEGER)');
    const abandoned = await a.transaction('write');
    await abandoned.execute('INSERT INTO t VALUES (1)');
    await waitFor(() => server.stats().streamsExpired > 0);
    expect((await caught(abandoned.execute('INSERT INTO t VALUES (2)'))).code).toBe('STREAM_EXPIRED');
    abandoned.close();
    const tx = await b.transaction('write');
    await tx.execute('INSERT INTO t VALUES (3)');
    await tx.commit();
    expect((await b.execute('SELECT group_concat(x) AS xs FROM t')).rows[0]!.xs).toBe('3');
  });

  it('executeMultiple runs a migration-style script (triggers, CASE … END inside a trigger body); a syntax error anywhere runs none of it', async () => {
    const client = connect();
    await client.executeMultiple(`
      -- schema
      CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL, page_version INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE events (order_id INTEGER NOT NULL REFERENCES orders (id), kind TEXT NOT NULL);
      CREATE TRIGGER events_bump AFTER INSERT ON events
      BEGIN
        UPDATE orders SET page_version = page_version + 1,
          status = CASE NEW.kind WHEN 'delivered' THEN 'done' ELSE status END;
        SELECT 1; /* ; inside a comment */
      END;
      INSERT INTO orders (status) VALUES ('open;still one statement');
      INSERT INTO events VALUES (1, 'scanned'), (1, 'delivered');
    `);
    expect((await client.execute('SELECT status, page_version FROM orders')).rows[0]).toMatchObject({ status: 'done', page_version: 2 });
    const bad = await caught(client.executeMultiple('CREATE TABLE first_one (x); CREATE TABLE second (x'));
    expect(bad.code).toBe('SQL_PARSE_ERROR');
    expect((await client.execute("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'first_one'")).rows[0]!.n).toBe(0);
  });

  it("the app's own migrations apply through openDatabase(http URL) (client.migrate), and again as a no-op", async () => {
    const database = await openDatabase(server.url);
    cleanups.push(() => database.close());
    await migrateDatabase(database);
    await migrateDatabase(database);
    const tables = (await database.client.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")).rows.map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['sellers', 'orders', 'tracking_events', '__drizzle_migrations']));
    expect((await database.client.execute("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger'")).rows[0]!.n).toBeGreaterThan(0);
    expect((await database.client.execute('PRAGMA foreign_keys')).rows[0]![0]).toBe(1);
  });

  it('describe (through @libsql/hrana-client, which @libsql/client does not expose) reports parameters, columns and whether a statement writes', async () => {
    const hrana = openHttp(server.url);
    cleanups.push(() => hrana.close());
    await connect().execute('CREATE TABLE d (id INTEGER PRIMARY KEY, name TEXT)');
    const stream = hrana.openStream();
    const select = await stream.describe('SELECT id, name AS label, 1 + 1 FROM d WHERE id = :id OR name = ?');
    expect(select).toEqual({
      paramNames: [':id', undefined],
      columns: [
        { name: 'id', decltype: 'INTEGER' },
        { name: 'label', decltype: 'TEXT' },
        { name: '1 + 1', decltype: undefined },
      ],
      isExplain: false,
      isReadonly: true,
    });
    expect(await stream.describe('INSERT INTO d (name) VALUES (?)')).toMatchObject({ isReadonly: false, columns: [] });
    expect(await stream.describe('EXPLAIN SELECT 1')).toMatchObject({ isExplain: true, isReadonly: true });
    stream.close();
  });

  it('runs as a script that other processes can share', async () => {
    await server.stop();
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/hrana-server.ts', file], { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((done) => child.once('exit', done));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    });
    const first = String((await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next()).value);
    const url = /^listening (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)?.[1];
    expect(url).toBeDefined();
    const client = createClient({ url: url! });
    clients.push(client);
    await client.execute('CREATE TABLE shared (x)');
    await client.batch(['INSERT INTO shared VALUES (1)'], 'write');
    expect((await client.execute('SELECT count(*) AS n FROM shared')).rows[0]!.n).toBe(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    server = await startHranaServer({ file }); // the file outlives the process
    expect((await connect().execute('SELECT count(*) AS n FROM shared')).rows[0]!.n).toBe(1);
  });
});
