import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { loadConfig } from '../../src/config';
import { forSeller } from '../../src/domain/context';
import { createOrderInput } from '../../src/domain/inputs';
import { currentTrackingUrl } from '../../src/domain/links';
import { createOrder } from '../../src/domain/orders';
import { createSeller } from '../../src/domain/sellers';
import { serviceContext } from '../../src/server/services';
import { REMOTE_DB, testDatabaseUrl } from '../support/harness';
import { outboxStates } from '../support/outbox-processes';
import { freePort, waitFor } from '../support/ports';
import { startTwilioSink, twilioEnv, type TwilioSink } from '../support/twilio-sink';

// Two API server processes on different ports, standing for two machines, share one database: a
// file, or under `npm run test:remote` a libSQL server (the Hrana test server, as sqld would be).
// Events for 60 orders with a confirmed subscriber go to either machine, 10 at a time; each event
// is stored once, each order's page on the other machine shows it, and each text goes out once
// through whichever machine's outbox worker claims it.

const ORDERS = 60;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let sink: TwilioSink;
let dir: string;
let dbServer: { url: string; stop(): Promise<void> };
let database: Database;
let apiKey: string;
const tokens: string[] = [];
const children: { child: ChildProcess; output: string }[] = [];
const ports: number[] = [];

beforeAll(async () => {
  sink = await startTwilioSink({ latencyMs: [2, 10] });
  dir = mkdtempSync(join(tmpdir(), 'porchlight-two-servers-'));
  dbServer = await testDatabaseUrl(join(dir, 'shared.db'));
  const env = { ...twilioEnv(sink.baseUrl), DATABASE_URL: dbServer.url, PUBLIC_BASE_URL: 'https://track.example.test', SMS_DAILY_BUDGET: '100000' };
  database = await openDatabase(dbServer.url);
  await migrateDatabase(database);
  const now = new Date();
  const ctx = serviceContext(loadConfig(env), database, () => now);
  const seller = await createSeller({ ctx, input: { seller: { name: 'Two Machines Co' } } });
  apiKey = seller.apiKey;
  const sellerCtx = forSeller(ctx, seller.sellerId);
  for (let i = 0; i < ORDERS; i++) {
    const { orderId } = await createOrder({
      ctx: sellerCtx,
      input: { source: 'api', order: createOrderInput.parse({
        orderNumber: `TM-${i}`, customer: { firstName: 'Sam' }, destination: { city: 'Honolulu', region: 'HI', postalCode: '96813', country: 'US' },
        packages: [{ carrier: 'AMZL', trackingNumber: `TBA8${String(i).padStart(10, '0')}` }], placedAt: new Date(now.getTime() - 86_400_000).toISOString(),
      }) },
    });
    tokens.push((await currentTrackingUrl(sellerCtx, orderId))!.split('/t/')[1]!);
    // a confirmed subscriber, as after opt-in and YES (the opt-in path has its own tests)
    await database.client.execute({
      sql: 'INSERT INTO sms_subscriptions (order_id, seller_id, phone, language, status, created_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      args: [orderId, seller.sellerId, `+1808555${String(2000 + i)}`, 'en', 'active', now.getTime(), now.getTime()],
    });
  }
  // texts wait for no quiet hours: the test does not depend on the hour it runs
  await database.client.execute('UPDATE sellers SET quiet_start_minute = 0, quiet_end_minute = 0');
  for (let n = 0; n < 2; n++) {
    const port = await freePort();
    ports.push(port);
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/api-process.ts'], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const entry = { child, output: '' };
    const keep = (c: Buffer) => void (entry.output = (entry.output + c.toString()).slice(-10_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    children.push(entry);
  }
  for (const port of ports) await waitFor(`api process on ${port}`, () => fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false), 30_000, 100);
}, 60_000);

afterAll(async () => {
  for (const { child } of children) child.kill('SIGKILL');
  database?.close();
  await dbServer?.stop();
  await sink?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it(`events for ${ORDERS} orders sent to either of two machines: each stored once, shown by the other machine, each text sent once${REMOTE_DB ? ' (libSQL server)' : ''}`, async () => {
  onTestFailed(() => children.forEach((c, i) => console.log(`--- api process ${i}:\n${c.output}`)));
  const occurredAt = new Date(Date.now() - 60_000).toISOString();
  const post = (i: number) => fetch(`http://127.0.0.1:${ports[i % 2]}/api/v1/orders/TM-${i}/events`, {
    method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'out_for_delivery', occurredAt, trackingNumber: `TBA8${String(i).padStart(10, '0')}` }),
  });
  const statuses: number[] = [];
  for (let start = 0; start < ORDERS; start += 10) {
    statuses.push(...(await Promise.all(Array.from({ length: 10 }, (_, k) => post(start + k).then((r) => r.status)))));
  }
  expect(statuses).toEqual(Array(ORDERS).fill(201));

  const events = await database.client.execute("SELECT order_id, count(*) AS n FROM tracking_events WHERE type = 'out_for_delivery' GROUP BY order_id");
  expect(events.rows).toHaveLength(ORDERS);
  expect(events.rows.every((r) => Number(r.n) === 1)).toBe(true);
  // each order's page, asked of the machine that did not take its event
  for (let i = 0; i < ORDERS; i++) {
    const view = await (await fetch(`http://127.0.0.1:${ports[(i + 1) % 2]}/api/t/${tokens[i]}`)).json();
    expect(view.status.stage, `TM-${i}`).toBe('out_for_delivery');
  }

  await waitFor(`${ORDERS} texts submitted`, async () => (await outboxStates(database)).submitted === ORDERS, 40_000, 100);
  expect([...sink.sendsPerMessage().values()].filter((n) => n > 1)).toEqual([]);
  expect(sink.sends).toHaveLength(ORDERS);
  expect(new Set(sink.sends.map((s) => s.to)).size).toBe(ORDERS);
}, 60_000);

it(`the same event with the same Idempotency-Key sent to both machines at once is stored once${REMOTE_DB ? ' (libSQL server)' : ''}`, async () => {
  onTestFailed(() => children.forEach((c, i) => console.log(`--- api process ${i}:\n${c.output}`)));
  const occurredAt = new Date(Date.now() - 30_000).toISOString();
  const send = (i: number, port: number) => fetch(`http://127.0.0.1:${port}/api/v1/orders/TM-${i}/events`, {
    method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': `race-${i}` },
    body: JSON.stringify({ type: 'delayed', occurredAt, note: 'Held at the depot' }),
  });
  const RACES = 20;
  for (let i = 0; i < RACES; i++) {
    const pair = await Promise.all([send(i, ports[0]!), send(i, ports[1]!)]);
    const answers = await Promise.all(pair.map(async (r) => ({ status: r.status, body: await r.text() })));
    expect(answers.some((a) => a.status === 201), `TM-${i}`).toBe(true);
    for (const a of answers) {
      // the other one either got the same answer back or was told the first is still running
      if (a.status === 201) expect(a.body).toBe(answers.find((b) => b.status === 201)!.body);
      else expect([a.status, JSON.parse(a.body).error.code]).toEqual([409, 'idempotency_key_in_use']);
    }
  }
  const delayed = await database.client.execute("SELECT o.order_number AS n, count(*) AS c FROM tracking_events e JOIN orders o ON o.id = e.order_id WHERE e.type = 'delayed' GROUP BY o.order_number");
  expect(delayed.rows).toHaveLength(RACES);
  expect(delayed.rows.filter((r) => Number(r.c) !== 1)).toEqual([]);
}, 60_000);
