import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forSeller } from '../../src/domain/context';
import { ingestScans, noneApplied, type Applied } from '../../src/domain/integrations/ingest';
import { releaseLease, takeLease } from '../../src/domain/leases';
import { call, newSeller, sampleOrder, startHarness, type Harness } from '../support/harness';

// What a delivery did, as the source and the Integrations page see it: counts of scans added,
// already known, about no known package, and left out (with why, on the connector).

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const SECRET = 'ep-secret-123456';
const sign = (body: string) => `hmac-sha256-hex=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
type ScanSpec = { status: string; datetime: string; city: string };
const tracker = (id: string, code: string, scans: ScanSpec[]) => JSON.stringify({
  object: 'Event', id, description: 'tracker.updated',
  result: { object: 'Tracker', id: 'trk_9', tracking_code: code, carrier: 'UPS', tracking_details: scans.map((s) => ({ object: 'TrackingDetail', status: s.status, status_detail: 'unknown', datetime: s.datetime, tracking_location: { city: s.city, state: 'MI', country: 'US' } })) },
});
const SCANS: ScanSpec[] = [
  { status: 'in_transit', datetime: '2026-11-26T08:00:00Z', city: 'Romulus' },
  { status: 'in_transit', datetime: '2026-11-26T20:00:00Z', city: 'Detroit' },
  { status: 'out_for_delivery', datetime: '2026-11-27T13:00:00Z', city: 'Troy' },
];

async function setUp() {
  const seller = await newSeller(h);
  await call(h, 'POST', '/api/v1/orders', { key: seller.apiKey, body: sampleOrder() });
  const url = new URL((await (await call(h, 'PUT', '/api/v1/integrations/easypost', { key: seller.apiKey, body: { webhookSecret: SECRET } })).json()).webhookUrl);
  const send = (body: string, headers: Record<string, string> = { 'x-hmac-signature': sign(body) }) =>
    h.app.request(url.pathname, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { ...seller, url, send };
}
const connector = async () => (await h.database.client.execute('SELECT deliveries, last_error, last_delivery_at FROM integrations')).rows[0]!;

describe('a delivery’s outcome', () => {
  it('counts each scan as added or already known; the connector counts deliveries', async () => {
    const { send } = await setUp();
    expect(await (await send(tracker('evt_1', 'TBA312345678000', SCANS.slice(0, 2)))).json()).toEqual({ received: true, added: 2, known: 0, unmatched: 0, leftOut: 0 });
    expect(await (await send(tracker('evt_2', 'TBA312345678000', SCANS))).json()).toEqual({ received: true, added: 1, known: 2, unmatched: 0, leftOut: 0 });
    const c = await connector();
    expect([c.deliveries, c.last_error]).toEqual([2, null]);
    expect(c.last_delivery_at).toBe(h.clock.now.getTime());
  });

  it('a tracking number written in lower case still finds its package; an unknown one counts each scan unmatched and stores nothing', async () => {
    const { send } = await setUp();
    expect(await (await send(tracker('evt_1', 'tba312345678000', SCANS.slice(0, 1)))).json()).toMatchObject({ added: 1, unmatched: 0 });
    expect(await (await send(tracker('evt_2', 'UNKNOWN000001', SCANS))).json()).toMatchObject({ added: 0, unmatched: 3 });
    expect(await (await send(tracker('evt_3', 'UNKNOWN000001', []))).json()).toMatchObject({ added: 0, unmatched: 0 });
    expect(Number((await h.database.client.execute("SELECT count(*) AS n FROM tracking_events WHERE source = 'easypost'")).rows[0]!.n)).toBe(1);
  });

  it('a scan the API would refuse (in the future) is left out and said on the connector; the rest of the delivery is taken', async () => {
    const { send } = await setUp();
    const future = { status: 'delivered', datetime: '2026-11-27T18:00:00Z', city: 'Troy' }; // 3 h after the clock
    const res = await (await send(tracker('evt_1', 'TBA312345678000', [...SCANS.slice(0, 1), future]))).json();
    expect(res).toMatchObject({ added: 1, leftOut: 1 });
    expect(String((await connector()).last_error)).toMatch(/^Left out: trk_9:2026-11-27T18:00:00\.000Z:delivered:unknown: occurredAt: is in the future$/);
  });

  it('a body that is not JSON, though signed, is a 400; an unsigned ping to a source that has none is a 401', async () => {
    const { send } = await setUp();
    const res = await send('{"object": "Event",');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_json');
    expect((await send('webhook_id=3', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(401);
  });

  it('a WooCommerce ping to a switched-off connector is a 404, like any delivery', async () => {
    const { apiKey } = await newSeller(h);
    const url = new URL((await (await call(h, 'PUT', '/api/v1/integrations/woocommerce', { key: apiKey, body: { webhookSecret: 'wc-secret-123456' } })).json()).webhookUrl);
    await call(h, 'DELETE', '/api/v1/integrations/woocommerce', { key: apiKey });
    expect((await h.app.request(url.pathname, { method: 'POST', body: 'webhook_id=3', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(404);
  });
});

/** Stores scans on order SO-1001 the way the poller does, and tells what happened. */
async function scansOn(ctx: ReturnType<typeof forSeller>, events: Parameters<typeof ingestScans>[1]['events']): Promise<Applied> {
  const orderId = Number((await h.database.client.execute("SELECT id FROM orders WHERE order_number = 'SO-1001'")).rows[0]!.id);
  const into = noneApplied();
  await ingestScans(ctx, { source: 'easypost', orderId, events }, into);
  return into;
}

describe('scans stored at the same moment by two deliveries', () => {
  it('the same scan twice is stored once; the same id with other details keeps the first', async () => {
    const { sellerId } = await setUp();
    const ctx = forSeller(h.ctx, sellerId);
    const scan = { id: 'x:1', type: 'in_transit' as const, occurredAt: '2026-11-26T08:00:00Z', trackingNumber: 'TBA312345678000', location: { city: 'Romulus' } };
    const [a, b] = await Promise.all([scansOn(ctx, [scan]), scansOn(ctx, [scan])]);
    expect([a.added + b.added, a.known + b.known]).toEqual([1, 1]);
    const other = { ...scan, id: 'x:2' };
    const [c, d] = await Promise.all([scansOn(ctx, [other]), scansOn(ctx, [{ ...other, location: { city: 'Elsewhere' } }])]);
    expect([c.added + d.added, c.known + d.known, c.refused.length + d.refused.length]).toEqual([1, 1, 0]);
    const cities = (await h.database.client.execute("SELECT city FROM tracking_events WHERE external_id = 'x:2'")).rows.map((r) => r.city);
    expect(cities).toEqual(['Romulus']);
  });

  it('an event the schema refuses is left out by name, the others taken', async () => {
    const { sellerId } = await setUp();
    const ctx = forSeller(h.ctx, sellerId);
    const applied = await scansOn(ctx, [
      { id: 'bad:1', type: 'teleported' as never, occurredAt: '2026-11-26T08:00:00Z' },
      { id: 'ok:1', type: 'in_transit', occurredAt: '2026-11-26T09:00:00Z' },
    ]);
    expect(applied.added).toBe(1);
    expect(applied.refused).toHaveLength(1);
    expect(applied.refused[0]).toMatch(/^bad:1: type: /);
  });
});

describe('leases', () => {
  it('taken while free, renewed by its holder, refused to another until the instant it lapses, released only by its holder', async () => {
    const t0 = h.clock.now.getTime();
    expect(await takeLease(h.ctx, 'job', 'a', 1_000)).toBe(true);
    expect(await takeLease(h.ctx, 'job', 'a', 1_000)).toBe(true); // renewal: now until t0 + 1000
    h.clock.now = new Date(t0 + 999);
    expect(await takeLease(h.ctx, 'job', 'b', 1_000)).toBe(false);
    await releaseLease(h.ctx, 'job', 'b'); // not b's to release
    expect(await takeLease(h.ctx, 'job', 'b', 1_000)).toBe(false);
    h.clock.now = new Date(t0 + 1_000);
    expect(await takeLease(h.ctx, 'job', 'b', 1_000)).toBe(true);
    await releaseLease(h.ctx, 'job', 'b');
    expect(await takeLease(h.ctx, 'job', 'a', 1_000)).toBe(true);
    expect(await takeLease(h.ctx, 'other-job', 'b', 1_000)).toBe(true); // leases are by name
  });
});
