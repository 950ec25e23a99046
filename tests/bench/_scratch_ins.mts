import { createClient } from '@libsql/client';
import { rmSync } from 'node:fs';
const N = 200_000;
const rows: (string|number|null)[][] = [];
for (let i = 1; i <= N; i++) rows.push([i, i % 1000 + 1, 'api', i % 3 ? `ev_${i}` : null, 'a'.repeat(64), 'in_transit', 1700000000000 + i, 1700000000000 + i, 'Louisville', 'KY', 'US', null, null, null, null, null, null]);
const cols = 'id, order_id, source, external_id, payload_hash, type, occurred_at, received_at, city, region, country, stops_away, window_start, window_end, delivered_to, signature_required, note';
const ddl = `CREATE TABLE e (id integer primary key autoincrement, order_id int not null, source text not null, external_id text, payload_hash text not null, type text not null, occurred_at int not null, received_at int not null, city text, region text, country text, stops_away int, window_start int, window_end int, delivered_to text, signature_required int, note text); CREATE INDEX e1 ON e(order_id, occurred_at); CREATE UNIQUE INDEX e2 ON e(order_id, source, external_id);`;
const lit = (v: any) => v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`;
async function run(name: string, fn: (c: any) => Promise<void>) {
  rmSync('/tmp/ins.db', { force: true }); rmSync('/tmp/ins.db-wal', { force: true });
  const c = createClient({ url: 'file:/tmp/ins.db' });
  await c.execute('PRAGMA journal_mode=WAL'); await c.execute('PRAGMA synchronous=OFF'); await c.executeMultiple(ddl);
  const t = performance.now(); await fn(c); console.log(name, ((performance.now() - t)/1000).toFixed(2), 's');
  c.close();
}
for (const per of [200, 2000]) await run(`literal ${per}`, async (c) => {
  const stmts: string[] = [];
  for (let i = 0; i < N; i += per) stmts.push(`INSERT INTO e (${cols}) VALUES ` + rows.slice(i, i + per).map(r => `(${r.map(lit).join(',')})`).join(','));
  await c.batch(stmts, 'write');
});
await run('params 500', async (c) => {
  const stmts: any[] = [];
  const per = 500;
  for (let i = 0; i < N; i += per) { const chunk = rows.slice(i, i + per); stmts.push({ sql: `INSERT INTO e (${cols}) VALUES ` + chunk.map(() => `(${Array(17).fill('?').join(',')})`).join(','), args: chunk.flat() }); }
  await c.batch(stmts, 'write');
});
await run('json_each 5000', async (c) => {
  const stmts: any[] = [];
  const per = 5000;
  const sel = Array.from({ length: 17 }, (_, k) => `value->>${k}`).join(', ');
  for (let i = 0; i < N; i += per) stmts.push({ sql: `INSERT INTO e (${cols}) SELECT ${sel} FROM json_each(?)`, args: [JSON.stringify(rows.slice(i, i + per))] });
  await c.batch(stmts, 'write');
});
await run('single-row params', async (c) => {
  const stmts: any[] = [];
  for (const r of rows) stmts.push({ sql: `INSERT INTO e (${cols}) VALUES (${Array(17).fill('?').join(',')})`, args: r });
  await c.batch(stmts, 'write');
});
