// The integrations part of the bench: a burst of 1,000 webhook deliveries from the four webhook
// sources (Shopify orders, WooCommerce orders with tracking, EasyPost and Shippo scans for known
// packages), 10% of them sent twice and 5% with a bad signature, shuffled (so a newer payload
// often arrives before an older one) and sent by 20 concurrent clients to a running server. Then
// the database is checked: every order and scan once, nothing from a refused delivery.
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { loadConfig } from '../../src/config';
import { forSeller } from '../../src/domain/context';
import { connectSource } from '../../src/domain/integrations/connect';
import { createOrderInput } from '../../src/domain/inputs';
import { createOrder } from '../../src/domain/orders';
import { createSeller } from '../../src/domain/sellers';
import { serviceContext } from '../../src/server/services';
import { keepAliveAgent, post } from './post';
import { startServer } from './server';

export interface HooksBenchResult {
  deliveries: number;
  clients: number;
  deliveriesPerSec: number;
  duplicatesSent: number;
  badSignaturesSent: number;
  refused: number;
  duplicateEvents: number;
  lostEvents: number;
  failures: string[];
}

const CLIENTS = 20;
const PLAN = { shopifyOrders: 200, wooOrders: 150, easypostOrders: 150, shippoOrders: 100 };

interface Delivery { path: string; headers: Record<string, string>; body: string; valid: boolean }

const b64 = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64');
const tracking = (i: number) => `TBA8${String(i).padStart(10, '0')}`;
const iso = (base: number, hours: number) => new Date(base + hours * 3_600_000).toISOString();

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** `nodeArgs` (e.g. --cpu-prof) run the server as one plain process, as the page profile does. */
export async function benchHooks(ctx: { dir: string; appSecret: string; nodeArgs?: string[] }): Promise<HooksBenchResult> {
  const dbPath = join(ctx.dir, 'hooks.db');
  const database = await openDatabase(`file:${dbPath}`);
  await migrateDatabase(database);
  const now = new Date();
  const base = now.getTime() - 2 * 86_400_000;
  const service = serviceContext(loadConfig({ DATABASE_URL: `file:${dbPath}`, APP_SECRET: ctx.appSecret, PUBLIC_BASE_URL: 'http://127.0.0.1' }), database, () => now);
  const seller = await createSeller({ ctx: service, input: { seller: { name: 'Bench Hooks Co' } } });
  const sellerCtx = forSeller(service, seller.sellerId);
  const secrets = { shopify: 'shpss_bench_secret_1', woocommerce: 'wc_bench_secret_1', easypost: 'ep_bench_secret_1' };
  const url = async (source: 'shopify' | 'woocommerce' | 'easypost' | 'shippo', body: object) => new URL((await connectSource({ ctx: sellerCtx, input: { source, body } })).webhookUrl!);
  const shopifyUrl = await url('shopify', { shopDomain: 'bench.myshopify.com', accessToken: 'shpat_bench_0001', webhookSecret: secrets.shopify });
  const wooUrl = await url('woocommerce', { webhookSecret: secrets.woocommerce });
  const easypostUrl = await url('easypost', { webhookSecret: secrets.easypost });
  const shippoUrl = await url('shippo', {});
  const known = PLAN.easypostOrders + PLAN.shippoOrders;
  for (let i = 0; i < known; i++) {
    await createOrder({ ctx: sellerCtx, input: { source: 'api', order: createOrderInput.parse({
      orderNumber: `KN-${i}`, customer: { firstName: 'Kim' }, destination: { city: 'Troy', region: 'MI', postalCode: '48084', country: 'US' },
      packages: [{ carrier: 'UPS', trackingNumber: tracking(i) }],
    }) } });
  }
  database.close();

  const valid: Delivery[] = [];
  for (let i = 0; i < PLAN.shopifyOrders; i++) {
    const body = JSON.stringify({
      id: 5_000_000 + i, name: `#SH${i}`, created_at: iso(base, 1), customer_locale: 'en', customer: { first_name: 'Ana', last_name: 'Lastnameone' },
      shipping_address: { first_name: 'Ana', last_name: 'Lastnameone', address1: '1 Main St', city: 'Austin', province_code: 'TX', zip: '78701', country_code: 'US' },
      line_items: [{ title: 'Mug', quantity: 1 }],
    });
    valid.push({ path: shopifyUrl.pathname, body, valid: true, headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': `sh-${i}`, 'x-shopify-hmac-sha256': b64(secrets.shopify, body) } });
  }
  for (let i = 0; i < PLAN.wooOrders; i++) {
    const body = JSON.stringify({
      id: 9_000 + i, number: `WC${i}`, status: 'processing', date_created_gmt: iso(base, 1).slice(0, 19),
      billing: { first_name: 'Lu', last_name: 'Lastnametwo' }, shipping: { first_name: 'Lu', last_name: 'Lastnametwo', address_1: '2 Side St', city: 'Denver', state: 'CO', postcode: '80202', country: 'US' },
      line_items: [{ name: 'Tote', quantity: 1 }],
      meta_data: [{ key: '_wc_shipment_tracking_items', value: [{ tracking_provider: 'usps', tracking_number: `9400${String(i).padStart(18, '0')}`, date_shipped: String(Math.floor((base + 2 * 3_600_000) / 1000)), tracking_id: `t${i}` }] }],
    });
    valid.push({ path: wooUrl.pathname, body, valid: true, headers: { 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-delivery-id': `wc-${i}`, 'x-wc-webhook-signature': b64(secrets.woocommerce, body) } });
  }
  const scans = (i: number) => [
    { status: 'in_transit', at: iso(base, 10 + (i % 5)), city: 'Romulus' },
    { status: 'out_for_delivery', at: iso(base, 30 + (i % 5)), city: 'Troy' },
  ];
  for (let i = 0; i < PLAN.easypostOrders; i++) {
    for (const n of [1, 2]) {
      const details = scans(i).slice(0, n);
      const body = JSON.stringify({ object: 'Event', id: `evt_${i}_${n}`, description: 'tracker.updated', result: {
        object: 'Tracker', id: `trk_${i}`, tracking_code: tracking(i), carrier: 'UPS', status: details.at(-1)!.status,
        tracking_details: details.map((d) => ({ object: 'TrackingDetail', status: d.status, status_detail: 'unknown', message: d.status, datetime: d.at, tracking_location: { object: 'TrackingLocation', city: d.city, state: 'MI', country: 'US', zip: null } })),
      } });
      valid.push({ path: easypostUrl.pathname, body, valid: true, headers: { 'x-hmac-signature': `hmac-sha256-hex=${createHmac('sha256', secrets.easypost.normalize('NFKD')).update(body).digest('hex')}` } });
    }
  }
  for (let i = 0; i < PLAN.shippoOrders; i++) {
    const k = PLAN.easypostOrders + i;
    for (const n of [1, 2]) {
      const history = scans(k).slice(0, n).map((d, j) => ({ object_id: `st_${k}_${j}`, status: 'TRANSIT', substatus: { code: d.status === 'in_transit' ? 'package_departed' : 'out_for_delivery', text: d.status, action_required: false }, status_details: d.status, status_date: d.at, location: { city: d.city, state: 'MI', zip: '48084', country: 'US' } }));
      const body = JSON.stringify({ event: 'track_updated', test: false, data: { carrier: 'usps', tracking_number: tracking(k), eta: null, tracking_status: history.at(-1), tracking_history: history } });
      valid.push({ path: `${shippoUrl.pathname}${shippoUrl.search}`, body, valid: true, headers: {} });
    }
  }
  const repeats = shuffle([...valid]).slice(0, 100);
  const bad = shuffle([...valid]).slice(0, 50).map((d): Delivery => d.headers['x-shopify-hmac-sha256'] || d.headers['x-wc-webhook-signature'] || d.headers['x-hmac-signature']
    ? { ...d, body: `${d.body} `, valid: false } // signed bytes, one more byte sent
    : { ...d, path: d.path.replace(/token=[^&]+/, 'token=not-the-token'), valid: false });
  const all = shuffle([...valid, ...repeats, ...bad]);

  const server = await startServer({ dbPath, appSecret: ctx.appSecret, probePath: '/api/health', env: { PUBLIC_BASE_URL: 'http://127.0.0.1' }, nodeArgs: ctx.nodeArgs });
  const failures: string[] = [];
  let refused = 0;
  const queue = [...all];
  const agent = keepAliveAgent(CLIENTS);
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        const res = await post(agent, `${server.baseUrl}${d.path}`, { 'content-type': 'application/json', ...d.headers }, d.body);
        if (!d.valid) {
          if (res.status === 401) refused++;
          else failures.push(`a bad signature was answered ${res.status}`);
        } else if (res.status !== 200) failures.push(`${d.path.split('/')[2]}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
      }
    }));
  } finally {
    agent.destroy();
    await server.stop();
  }
  const seconds = (performance.now() - started) / 1000;

  const check = await openDatabase(`file:${dbPath}`);
  const count = async (sql: string) => Number((await check.client.execute(sql)).rows[0]![0]);
  const orders = await count('SELECT count(*) FROM orders');
  const expectedOrders = known + PLAN.shopifyOrders + PLAN.wooOrders;
  if (orders !== expectedOrders) failures.push(`expected ${expectedOrders} orders, found ${orders}`);
  // every order: its placed step; Woo orders also shipped; each known package two scans
  const expectedEvents = expectedOrders + PLAN.wooOrders + 2 * known;
  const events = await count('SELECT count(*) FROM tracking_events');
  const duplicateEvents = await count('SELECT count(*) FROM (SELECT order_id, type, occurred_at FROM tracking_events GROUP BY 1, 2, 3 HAVING count(*) > 1)');
  const lostEvents = Math.max(0, expectedEvents - events);
  if (events !== expectedEvents) failures.push(`expected ${expectedEvents} events, found ${events}`);
  if (duplicateEvents) failures.push(`${duplicateEvents} events stored twice`);
  // nothing beyond the first name and the town was kept: no street, no last name, anywhere
  const stored = JSON.stringify((await check.client.execute('SELECT * FROM orders')).rows) + JSON.stringify((await check.client.execute('SELECT * FROM tracking_events')).rows);
  for (const kept of ['Main St', 'Side St', 'Lastnameone', 'Lastnametwo']) if (stored.includes(kept)) failures.push(`"${kept}" from a payload was stored`);
  check.close();
  if (refused !== bad.length) failures.push(`${bad.length} bad signatures sent, ${refused} refused`);
  console.log(`[webhooks] ${all.length} deliveries (${repeats.length} repeats, ${bad.length} bad signatures) from ${CLIENTS} clients in ${seconds.toFixed(2)} s → ${(all.length / seconds).toFixed(1)} deliveries/s; ${events} events, ${duplicateEvents} duplicated, ${lostEvents} lost, ${refused} refused`);
  return { deliveries: all.length, clients: CLIENTS, deliveriesPerSec: all.length / seconds, duplicatesSent: repeats.length, badSignaturesSent: bad.length, refused, duplicateEvents, lostEvents, failures };
}
