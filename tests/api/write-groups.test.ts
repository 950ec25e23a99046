import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { startHarness, type Harness } from '../support/harness';

// A process's write transactions on a database file are queued and committed in groups
// (db/write-queue.ts): one BEGIN and one COMMIT for those that arrive together, each in a
// savepoint of its own. What each caller sees must be what it would see alone. (File databases
// only: a libSQL server runs each transaction on its own, so `npm run test:remote` leaves this out.)

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('write transactions that arrive together share one commit, each undoing only itself', () => {
  beforeEach(() => h.database.client.executeMultiple(`
    CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
    CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
  `));
  const bodies = async () => (await h.database.client.execute('SELECT body FROM note ORDER BY id')).rows.map((r) => r.body);
  const add = (body: string) => h.ctx.db.transaction(async (tx) => {
    await tx.run(`INSERT INTO note (body) VALUES ('${body}')`);
    return body;
  });

  it('five at once: each gets its own answer, and the one that fails leaves nothing while the others stay', async () => {
    const failing = h.ctx.db.transaction(async (tx) => {
      await tx.run("INSERT INTO note (body) VALUES ('three')");
      throw new Error('the third changed its mind');
    });
    const results = await Promise.allSettled([add('one'), add('two'), failing, add('four'), add('five')]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['one', 'two', 'the third changed its mind', 'four', 'five']);
    expect(await bodies()).toEqual(['one', 'two', 'four', 'five']);
  });

  it('a transaction is answered only once its write is committed: another connection sees it then', async () => {
    const other = await openDatabase(h.config.databaseUrl);
    try {
      const seen: number[] = [];
      await Promise.all(['a', 'b', 'c'].map(async (body) => {
        await add(body);
        seen.push(Number((await other.client.execute({ sql: 'SELECT count(*) FROM note WHERE body = ?', args: [body] })).rows[0]![0]));
      }));
      expect(seen).toEqual([1, 1, 1]);
    } finally {
      other.close();
    }
  });

  it('a commit that fails fails every transaction that shared it, and stores none of them', async () => {
    const orphan = h.ctx.db.transaction((tx) => tx.run('INSERT INTO child (id, parent_id) VALUES (1, 999)')); // checked at COMMIT
    const results = await Promise.allSettled([add('before'), orphan, add('after')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(await bodies()).toEqual([]);
    expect(await add('later')).toBe('later'); // the queue goes on
    expect(await bodies()).toEqual(['later']);
  });

  it('after a database error that may end the transaction, the rest of the group waits for the next one', async () => {
    // what SQLite does on a full disk or an I/O error: the whole transaction is rolled back
    const ioError = () => h.ctx.db.transaction(async (tx) => {
      await tx.run(sql.raw('ROLLBACK'));
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    });
    const results = await Promise.allSettled([add('one'), ioError(), add('three'), add('four')]);
    // 'one' went with the rolled-back transaction and says so; 'three' and 'four' ran in the next group
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled', 'fulfilled']);
    expect(await bodies()).toEqual(['three', 'four']);
    expect(await add('later')).toBe('later');
  });

  it('a hundred at once (more than one group holds) are all stored, in the order they came', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `n${i}`);
    expect(await Promise.all(names.map(add))).toEqual(names);
    expect(await bodies()).toEqual(names);
  });

  it('a transaction that undoes a savepoint of its own keeps the rest of its writes', async () => {
    const kept = () => h.ctx.db.transaction(async (tx) => {
      await tx.run("INSERT INTO note (body) VALUES ('outer')");
      await tx.transaction(async (inner) => {
        await inner.run("INSERT INTO note (body) VALUES ('inner')");
        inner.rollback();
      }).catch(() => undefined);
    });
    await Promise.all([add('first'), kept(), add('last')]);
    expect(await bodies()).toEqual(['first', 'outer', 'last']);
  });
});
