// The SMS part of the bench: 1,000 orders, each with a confirmed subscriber. (1) one tracking
// event per order through the seller API from 10 concurrent clients: events/s with their texts
// enqueued in the same transaction; (2) the outbox drained by the server's own workers against a
// zero-latency Twilio-compatible sink on loopback: texts/s.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { createOrderInput } from '../../src/domain/inputs';
import { createOrder } from '../../src/domain/orders';
import { createSeller } from '../../src/domain/sellers';
import { forSeller } from '../../src/domain/context';
import { loadConfig } from '../../src/config';
import { serviceContext } from '../../src/server/services';
import { startTwilioSink, twilioEnv } from '../support/twilio-sink';
import { keepAliveAgent, post } from './post';
import { startServer } from './server';
import { startHranaProcess } from './hrana';

export interface SmsBenchResult {
  orders: number;
  clients: number;
  eventsPerSec: number;
  textsEnqueued: number;
  drainTextsPerSec: number;
  textsSent: number;
  duplicates: number;
  failures: string[];
}

const CLIENTS = 10;
// one API key sends every event: its per-key limit is raised out of the way (still counted, as in production)
const NO_LIMIT = { API_RATE_LIMIT_PER_MINUTE: '10000000' };

export async function benchSms(ctx: { dir: string; appSecret: string }, orders: number, remote = false): Promise<SmsBenchResult> {
  const dbPath = join(ctx.dir, remote ? 'sms-remote.db' : 'sms.db');
  console.log(`[texts] seeding ${orders} orders with a confirmed subscriber each…`);
  const database = await openDatabase(`file:${dbPath}`);
  await migrateDatabase(database);
  const now = new Date();
  const service = serviceContext(loadConfig({ DATABASE_URL: `file:${dbPath}`, APP_SECRET: ctx.appSecret, PUBLIC_BASE_URL: 'http://127.0.0.1' }), database, () => now);
  const seller = await createSeller({ ctx: service, input: { seller: { name: 'Bench Texts Co' } } });
  const sellerCtx = forSeller(service, seller.sellerId);
  const numbers: string[] = [];
  for (let i = 0; i < orders; i++) {
    const orderNumber = `SMS-${i}`;
    const { orderId } = await createOrder({
      ctx: sellerCtx,
      input: { source: 'api', order: createOrderInput.parse({
        orderNumber, customer: { firstName: 'Sam' }, destination: { city: 'Honolulu', region: 'HI', postalCode: '96813', country: 'US' },
        packages: [{ carrier: 'AMZL', trackingNumber: `TBA9${String(i).padStart(10, '0')}` }],
      }) },
    });
    numbers.push(orderNumber);
    const phone = `+1808555${String(1000 + i).padStart(4, '0')}`;
    // A confirmed subscriber, as after opt-in and YES (the opt-in path has its own tests).
    await database.client.execute({
      sql: 'INSERT INTO sms_subscriptions (order_id, seller_id, phone, language, status, created_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      args: [orderId, seller.sellerId, phone, 'en', 'active', now.getTime(), now.getTime()],
    });
  }
  // Quiet hours apply to news: have the seller keep none, so the figures do not depend on the hour.
  await database.client.execute('UPDATE sellers SET quiet_start_minute = 0, quiet_end_minute = 0');
  database.close();
  const failures: string[] = [];
  // remote: the server (and the checks below) reach the file through a libSQL server
  const libsql = remote ? await startHranaProcess(dbPath) : null;
  const databaseUrl = libsql?.url;

  // (1) Events through the API; a budget of 0 keeps the server's workers from draining meanwhile.
  let server = await startServer({ dbPath, databaseUrl, appSecret: ctx.appSecret, probePath: '/api/health', env: { SMS_DAILY_BUDGET: '0', ...NO_LIMIT } });
  const queue = [...numbers];
  const agent = keepAliveAgent(CLIENTS);
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    for (let n = queue.shift(); n; n = queue.shift()) {
      const i = n.slice(4);
      const res = await post(agent, `${server.baseUrl}/api/v1/orders/${n}/events`, { authorization: `Bearer ${seller.apiKey}`, 'content-type': 'application/json' },
        JSON.stringify({ id: `bench-${n}`, type: 'shipped', occurredAt: new Date().toISOString(), trackingNumber: `TBA9${i.padStart(10, '0')}` }));
      if (res.status !== 201) failures.push(`event for ${n}: HTTP ${res.status}`);
    }
  }));
  agent.destroy();
  const eventSeconds = (performance.now() - started) / 1000;
  console.log(`[texts${remote ? ', libSQL server' : ''}] ${orders} events through the API from ${CLIENTS} clients in ${eventSeconds.toFixed(2)} s → ${(orders / eventSeconds).toFixed(1)} events/s`);
  await server.stop();

  const check = await openDatabase(databaseUrl ?? `file:${dbPath}`);
  const count = async (sql: string) => Number((await check.client.execute(sql)).rows[0]![0]);
  const textsEnqueued = await count("SELECT count(*) FROM sms_messages WHERE kind = 'shipped' AND state = 'pending'");
  if (textsEnqueued !== orders) failures.push(`expected ${orders} texts enqueued, found ${textsEnqueued}`);

  // (2) The same server, now with the twilio transport pointed at the sink, drains the outbox.
  const sink = await startTwilioSink();
  const drainStart = performance.now();
  server = await startServer({ dbPath, databaseUrl, appSecret: ctx.appSecret, probePath: '/api/health', env: { ...twilioEnv(sink.baseUrl), PUBLIC_BASE_URL: 'http://127.0.0.1', SMS_DAILY_BUDGET: '1000000', ...NO_LIMIT } });
  let left = orders;
  while (left > 0 && performance.now() - drainStart < 120_000) {
    await new Promise((r) => setTimeout(r, 50));
    left = await count("SELECT count(*) FROM sms_messages WHERE kind = 'shipped' AND state <> 'submitted'");
  }
  await server.stop();
  // From the first text the sink took to the last: server start-up is not part of the drain.
  const times = sink.sends.map((m) => m.dateCreated.getTime()).sort((a, b) => a - b);
  const drainSeconds = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : Number.NaN;
  await sink.stop();
  check.close();
  await libsql?.stop();
  if (left > 0) failures.push(`${left} texts not sent after 120 s`);
  console.log(`[texts${remote ? ', libSQL server' : ''}] outbox drained: ${sink.sends.length} texts in ${drainSeconds.toFixed(2)} s → ${((sink.sends.length - 1) / drainSeconds).toFixed(1)} texts/s`);
  const perMessage = sink.sendsPerMessage();
  const duplicates = [...perMessage.values()].filter((n) => n > 1).length;
  if (duplicates) failures.push(`${duplicates} texts sent more than once`);

  return {
    orders, clients: CLIENTS,
    eventsPerSec: orders / eventSeconds, textsEnqueued,
    drainTextsPerSec: (sink.sends.length - 1) / drainSeconds, textsSent: sink.sends.length, duplicates, failures,
  };
}
