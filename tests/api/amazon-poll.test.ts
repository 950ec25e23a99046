import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AMAZON_LEASE, pollAmazon } from '../../src/domain/integrations/amazon-poll';
import { takeLease } from '../../src/domain/leases';
import { call, newSeller, startHarness, type Harness } from '../support/harness';
import { SP_API_CREDENTIALS, startSpApiServer, type SpApiServer } from '../support/sp-api-server';

// The MCF poller end to end: a Shopify order (made by its webhook) ships as the MCF order of the
// same number; the poller asks the local SP-API for its packages and scans and stores each once.

const SCANS = [
  { eventDate: '2026-11-26T23:33:28Z', eventAddress: { city: 'Romulus', state: 'MI', country: 'US' }, eventCode: 'EVENT_201' },
  { eventDate: '2026-11-27T13:02:00Z', eventAddress: { city: 'Troy', state: 'MI', country: 'US' }, eventCode: 'EVENT_302' },
];
const tracking = (events: typeof SCANS, status = 'OUT_FOR_DELIVERY') => ({ packageNumber: 7001, trackingNumber: 'TBA399999999001', carrierCode: 'AMZN_US', currentStatus: status, shipToAddress: { city: 'Troy', state: 'MI', country: 'US' }, trackingEvents: events });
const mcfOrder = {
  fulfillmentOrder: { sellerFulfillmentOrderId: '1001', displayableOrderId: '1001', fulfillmentOrderStatus: 'Processing', destinationAddress: { name: 'Dana Privatename', addressLine1: '123 Secret Street', city: 'Troy', stateOrRegion: 'MI', countryCode: 'US', postalCode: '48084' } },
  fulfillmentOrderItems: [],
  fulfillmentShipments: [{ amazonShipmentId: 'S1', fulfillmentCenterId: 'DTW1', fulfillmentShipmentStatus: 'SHIPPED', fulfillmentShipmentPackage: [{ packageNumber: 7001, carrierCode: 'AMZN_US', trackingNumber: 'TBA399999999001' }] }],
};

let h: Harness;
let sp: SpApiServer;
const noWait = { sleep: async () => {} };
beforeEach(async () => {
  h = await startHarness();
  sp = await startSpApiServer({ orders: { 1001: mcfOrder }, tracking: { 7001: tracking(SCANS.slice(0, 1), 'IN_TRANSIT') } });
});
afterEach(async () => {
  await sp.stop();
  await h.close();
});

async function sellerWithMcfOrder() {
  const seller = await newSeller(h);
  await call(h, 'PUT', '/api/v1/integrations/amazon', { key: seller.apiKey, body: { ...SP_API_CREDENTIALS, region: 'na', endpoint: sp.url } });
  const shopify = { shopDomain: 'acme.myshopify.com', accessToken: 'shpat_0123456789', webhookSecret: 'shpss_secret_0123' };
  const url = new URL((await (await call(h, 'PUT', '/api/v1/integrations/shopify', { key: seller.apiKey, body: shopify })).json()).webhookUrl);
  const body = JSON.stringify({ id: 42, name: '#1001', created_at: '2026-11-26T10:00:00Z', customer: { first_name: 'Dana' }, shipping_address: { first_name: 'Dana', city: 'Troy', province_code: 'MI', zip: '48084', country_code: 'US' }, line_items: [{ title: 'Mug', quantity: 1 }] });
  const res = await h.app.request(url.pathname, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'w1', 'x-shopify-hmac-sha256': createHmac('sha256', shopify.webhookSecret).update(body).digest('base64') } });
  expect(res.status).toBe(200);
  return seller;
}
const poll = (owner = 'p1') => pollAmazon({ ctx: h.ctx, input: { owner, tokenUrl: sp.tokenUrl, client: noWait } });
const order = async (key: string) => (await call(h, 'GET', '/api/v1/orders/1001', { key })).json();

describe('the Amazon MCF poller', () => {
  it('follows the store order as its MCF order: packages and scans arrive, each once, a newer poll adds only what is new', async () => {
    const { apiKey } = await sellerWithMcfOrder();
    const first = await poll();
    expect(first).toMatchObject({ sellers: 1, orders: 1, failed: 0 });
    expect(first!.applied.added).toBeGreaterThan(0);
    let o = await order(apiKey);
    expect(o.packages.map((p: { trackingNumber: string }) => p.trackingNumber)).toEqual(['TBA399999999001']);
    expect(o.status.stage).toBe('in_transit');
    const again = await poll();
    expect(again!.applied.added).toBe(0);
    await sp.stop();
    sp = await startSpApiServer({ orders: { 1001: mcfOrder }, tracking: { 7001: tracking(SCANS) } });
    await call(h, 'PUT', '/api/v1/integrations/amazon', { key: apiKey, body: { ...SP_API_CREDENTIALS, region: 'na', endpoint: sp.url } });
    await poll();
    o = await order(apiKey);
    expect(o.status.stage).toBe('out_for_delivery');
    const cities = (await h.database.client.execute("SELECT city FROM tracking_events WHERE source = 'amazon' ORDER BY occurred_at")).rows.map((r) => r.city);
    expect(cities.slice(0, 2)).toEqual(['Romulus', 'Troy']);
    expect(JSON.stringify((await h.database.client.execute('SELECT * FROM tracking_events')).rows)).not.toContain('Secret Street');
  });

  it('one process polls at a time: while another holds the lease nothing is asked of Amazon', async () => {
    await sellerWithMcfOrder();
    expect(await takeLease(h.ctx, AMAZON_LEASE, 'other-process', 60_000)).toBe(true);
    expect(await poll('p1')).toBeNull();
    expect(sp.requests).toHaveLength(0);
    // the other's lease lapses: this one takes over
    h.clock.now = new Date(h.clock.now.getTime() + 60_001);
    expect(await poll('p1')).not.toBeNull();
    expect(sp.requests.length).toBeGreaterThan(0);
  });

  it('a 500 that lasts is noted on the connector in plain words and the next round tries again; a 429 is waited out', async () => {
    const { apiKey } = await sellerWithMcfOrder();
    sp.failNext({ kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const failed = await poll();
    expect(failed!.failed).toBe(1);
    const [row] = (await h.database.client.execute('SELECT last_error FROM integrations WHERE source = ?', ['amazon'])).rows;
    expect(String(row!.last_error)).toMatch(/Amazon answered 500 .* order 1001/);
    expect(String(row!.last_error)).not.toContain(SP_API_CREDENTIALS.refreshToken);
    sp.failNext({ kind: 'throttle', rateLimit: '0.5' });
    const retried = await poll();
    expect(retried!.failed).toBe(0);
    expect((await order(apiKey)).status.stage).toBe('in_transit');
  });

  it('an order Amazon does not know is skipped and the round goes on; returned, cancelled and old orders are not asked for', async () => {
    const { apiKey, sellerId } = await sellerWithMcfOrder();
    // a second store order, created first, that Amazon never heard of
    await h.database.client.execute({ sql: "INSERT INTO orders (seller_id, order_number, dest_country, time_zone, time_zone_basis, time_zone_assumed, source, created_at, mcf_order_id) VALUES (?, 'GHOST-1', 'US', 'America/Detroit', 'given', 0, 'shopify', ?, 'GHOST-1')", args: [sellerId, h.clock.now.getTime() - 1] });
    const round = await poll();
    expect(round).toMatchObject({ sellers: 1, orders: 1, failed: 0 });
    expect(sp.requests.map((r) => r.key)).toContain('GHOST-1');
    expect((await order(apiKey)).status.stage).toBe('in_transit');
    const asked = () => sp.requests.filter((r) => r.operation === 'getFulfillmentOrder').length;
    for (const [column, value] of [['status_exception', "'returned'"], ['status_exception', "'cancelled'"], ['created_at', String(h.clock.now.getTime() - 61 * 86_400_000)]] as const) {
      await h.database.client.execute(`UPDATE orders SET status_exception = NULL, created_at = ${h.clock.now.getTime() - 1000}`);
      await h.database.client.execute(`UPDATE orders SET ${column} = ${value}`);
      const before = asked();
      expect(await poll()).toMatchObject({ orders: 0 });
      expect(asked(), `${column} = ${value}`).toBe(before);
    }
  });

  it('credentials that no longer open (APP_SECRET changed) are said on the connector; nothing is asked of Amazon', async () => {
    await sellerWithMcfOrder();
    await h.database.client.execute("UPDATE integrations SET sealed_credentials = 'v1.AAAA.BBBB.CCCC' WHERE source = 'amazon'");
    expect(await poll()).toMatchObject({ sellers: 0, failed: 1 });
    expect(sp.requests).toHaveLength(0);
    const [row] = (await h.database.client.execute("SELECT last_error FROM integrations WHERE source = 'amazon'")).rows;
    expect(String(row!.last_error)).toContain('save them again');
  });

  it('a switched-off connector and a delivered order are not polled', async () => {
    const { apiKey } = await sellerWithMcfOrder();
    await call(h, 'DELETE', '/api/v1/integrations/amazon', { key: apiKey });
    expect(await poll()).toMatchObject({ sellers: 0, orders: 0 });
    await call(h, 'PUT', '/api/v1/integrations/amazon', { key: apiKey, body: { ...SP_API_CREDENTIALS, region: 'na', endpoint: sp.url } });
    await call(h, 'POST', '/api/v1/orders/1001/events', { key: apiKey, body: { type: 'delivered', occurredAt: '2026-11-27T14:00:00Z' } });
    expect(await poll()).toMatchObject({ sellers: 1, orders: 0 });
    expect(sp.requests).toHaveLength(0);
  });
});
