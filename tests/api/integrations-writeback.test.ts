import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeBackLinks } from '../../src/domain/integrations/writeback';
import { call, newSeller, startHarness, type Harness } from '../support/harness';
import { startShopifyAdminServer, type ShopifyAdminServer } from '../support/shopify-admin-server';

// The Porchlight link written back into Shopify fulfillments (when the seller turns it on), through
// @shopify/admin-api-client against a local server that checks what Shopify checks.

const SHOPIFY = { shopDomain: 'acme-goods.myshopify.com', accessToken: 'shpat_0123456789abcdef', webhookSecret: 'shpss_topsecret_value_42' };
let shop: ShopifyAdminServer;
beforeAll(async () => void (shop = await startShopifyAdminServer({ accessToken: SHOPIFY.accessToken })));
afterAll(() => shop.stop());

let h: Harness;
let apiKey: string;
let hookUrl: URL;
beforeEach(async () => {
  h = await startHarness();
  shop.reset();
  apiKey = (await newSeller(h)).apiKey;
});
afterEach(() => h.close());

const b64 = (body: string) => createHmac('sha256', SHOPIFY.webhookSecret).update(body).digest('base64');
let deliveries = 0;
async function deliver(topic: string, payload: object) {
  const body = JSON.stringify(payload);
  const res = await h.app.request(hookUrl.pathname, {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', 'x-shopify-topic': topic, 'x-shopify-hmac-sha256': b64(body), 'x-shopify-webhook-id': `wb-${++deliveries}` },
  });
  expect(res.status).toBe(200);
}
async function connect(body: object) {
  const res = await call(h, 'PUT', '/api/v1/integrations/shopify', { key: apiKey, body: { ...SHOPIFY, ...body } });
  expect(res.status).toBe(200);
  hookUrl = new URL((await res.json()).webhookUrl);
}
const order = { id: 820982911946154, name: '#1001', created_at: '2026-11-26T10:00:00-05:00', customer: { first_name: 'Dana' }, shipping_address: { city: 'Troy', province_code: 'MI', zip: '48084', country_code: 'US' } };
const fulfillment = (over: object = {}) => ({
  id: 255858046, order_id: order.id, status: 'success', shipment_status: 'in_transit', tracking_company: 'UPS', tracking_number: '1Z999AA10123456784',
  tracking_numbers: ['1Z999AA10123456784'], tracking_url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784', created_at: '2026-11-26T12:00:00-05:00', updated_at: '2026-11-26T15:00:00-05:00', ...over,
});
const round = (owner = 'test-owner') => writeBackLinks({ ctx: h.ctx, input: { owner, adminBaseUrl: shop.url } });
const linkOf = async () => (await (await call(h, 'GET', '/api/v1/orders/1001', { key: apiKey })).json()).trackingUrl as string;
const task = async () => (await h.database.client.execute('SELECT state, attempts, writes, last_error, next_attempt_at FROM link_writebacks')).rows[0];
const later = (ms: number) => void (h.clock.now = new Date(h.clock.now.getTime() + ms));

describe('writing the tracking link back into Shopify', () => {
  it('with write-back on, a fulfillment gets the order’s Porchlight link, its number and carrier kept, the customer not notified; once', async () => {
    await connect({ writeBack: true });
    await deliver('orders/create', order);
    await deliver('fulfillments/create', fulfillment());
    expect(await round()).toEqual({ written: 1, retrying: 0, failed: 0 });
    const link = await linkOf();
    expect(link).toMatch(/^https:\/\/track\.example\.test\/t\//);
    expect(shop.calls).toHaveLength(1);
    expect(shop.calls[0]).toMatchObject({
      version: '2026-10', accessToken: SHOPIFY.accessToken, fulfillmentId: 'gid://shopify/Fulfillment/255858046', notifyCustomer: false, status: 200,
      trackingInfoInput: { number: '1Z999AA10123456784', company: 'UPS', url: link },
    });
    // Shopify then tells us of the change (our link on it): nothing more to write
    await deliver('fulfillments/update', fulfillment({ tracking_url: link, tracking_urls: [link] }));
    expect(await round()).toEqual({ written: 0, retrying: 0, failed: 0 });
    expect(shop.calls).toHaveLength(1);
  });

  it('a fulfillment with several packages gets the link for each of its numbers', async () => {
    await connect({ writeBack: true });
    await deliver('orders/create', order);
    await deliver('fulfillments/create', fulfillment({ tracking_numbers: ['1Z999AA10123456784', '1Z999AA10123456785'] }));
    await round();
    const link = await linkOf();
    expect(shop.calls[0]!.trackingInfoInput).toEqual({ company: 'UPS', numbers: ['1Z999AA10123456784', '1Z999AA10123456785'], urls: [link, link] });
  });

  it('with write-back off (the default), nothing is written into the shop; the setting takes a boolean only', async () => {
    const bad = await call(h, 'PUT', '/api/v1/integrations/shopify', { key: apiKey, body: { ...SHOPIFY, writeBack: 'yes' } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('writeBack');
    await connect({});
    await deliver('orders/create', order);
    await deliver('fulfillments/create', fulfillment());
    expect(await round()).toEqual({ written: 0, retrying: 0, failed: 0 });
    expect(shop.calls).toHaveLength(0);
    expect((await h.database.client.execute('SELECT count(*) FROM link_writebacks')).rows[0]![0]).toBe(0);
  });

  it('a 429 and a 500 are retried after a backoff (Retry-After honoured) until Shopify takes it', async () => {
    await connect({ writeBack: true });
    await deliver('orders/create', order);
    await deliver('fulfillments/create', fulfillment());
    shop.failNext({ kind: 'status', status: 429, retryAfter: 120 }, { kind: 'status', status: 500 }, { kind: 'throttled' });
    const wait = async () => Number((await task())!.next_attempt_at) - h.clock.now.getTime();
    const connectorError = async () => (await h.database.client.execute('SELECT last_error FROM integrations')).rows[0]!.last_error;
    expect(await round()).toEqual({ written: 0, retrying: 1, failed: 0 });
    expect(await wait()).toBe(120_000); // Retry-After, longer than the first backoff (30 s ± 20%)
    expect(await round()).toEqual({ written: 0, retrying: 0, failed: 0 }); // not due yet: not sent
    expect(shop.calls).toHaveLength(1);
    later(120_000);
    expect((await round()).retrying).toBe(1); // the 500: the second backoff, 60 s ± 20%
    expect(await wait()).toBeGreaterThanOrEqual(48_000);
    expect(await wait()).toBeLessThanOrEqual(72_000);
    expect(String((await task())!.last_error)).toContain('HTTP 500');
    expect(await connectorError()).toBeNull(); // still trying: not the connector's problem yet
    later(72_000);
    expect((await round()).retrying).toBe(1); // THROTTLED in a 200: 120 s ± 20%
    expect(await wait()).toBeGreaterThanOrEqual(96_000);
    expect(await wait()).toBeLessThanOrEqual(144_000);
    later(144_000);
    expect(await round()).toEqual({ written: 1, retrying: 0, failed: 0 });
    expect(shop.calls.map((c) => c.status)).toEqual([429, 500, 200, 200]);
    expect(await task()).toMatchObject({ state: 'done', attempts: 4, writes: 1, last_error: null });
  });

  it('a refused token fails at once and says why on the connector; so does a userError', async () => {
    await connect({ writeBack: true, accessToken: 'shpat_wrong_token_000' });
    await deliver('orders/create', order);
    await deliver('fulfillments/create', fulfillment());
    expect(await round()).toEqual({ written: 0, retrying: 0, failed: 1 });
    expect(shop.calls[0]!.status).toBe(401);
    const [connector] = (await h.database.client.execute('SELECT last_error FROM integrations')).rows;
    expect(String(connector!.last_error)).toMatch(/Tracking link not written back to Shopify: Shopify refused the access token \(HTTP 401\)/);

    await connect({ writeBack: true }); // the right token now; a new fulfillment
    shop.failNext({ kind: 'userError', message: 'Fulfillment does not exist.' });
    await deliver('fulfillments/create', fulfillment({ id: 255858047, tracking_url: null }));
    expect(await round()).toEqual({ written: 0, retrying: 0, failed: 1 });
    expect(String((await h.database.client.execute('SELECT last_error FROM integrations')).rows[0]!.last_error)).toContain('Fulfillment does not exist.');
  });

  it('a GraphQL error other than THROTTLED fails at once, with Shopify’s words', async () => {
    await connect({ writeBack: true });
    await deliver('orders/create', order);
    await deliver('fulfillments/create', fulfillment());
    shop.failNext({ kind: 'graphqlError', message: 'Access denied for fulfillmentTrackingInfoUpdate field.', code: 'ACCESS_DENIED' });
    expect(await round()).toEqual({ written: 0, retrying: 0, failed: 1 });
    expect(String((await task())!.last_error)).toContain('Access denied for fulfillmentTrackingInfoUpdate field.');
  });

  it('two processes at once: the one that claimed it sends it, the other leaves it alone', async () => {
    await connect({ writeBack: true });
    await deliver('orders/create', order);
    await deliver('fulfillments/create', fulfillment());
    shop.failNext({ kind: 'slow', ms: 150 });
    const first = round('process-a');
    await new Promise((r) => setTimeout(r, 50)); // A has claimed it and is waiting for Shopify
    expect(await round('process-b')).toEqual({ written: 0, retrying: 0, failed: 0 });
    expect(await first).toEqual({ written: 1, retrying: 0, failed: 0 });
    expect(shop.calls).toHaveLength(1);
  });

  it('a shipment carrying the carrier’s link beside ours is written again', async () => {
    await connect({ writeBack: true });
    await deliver('orders/create', order);
    await deliver('fulfillments/create', fulfillment());
    await round();
    const link = await linkOf();
    await deliver('fulfillments/update', fulfillment({ tracking_numbers: ['1Z999AA10123456784', '1Z999AA10123456785'], tracking_urls: [link, 'https://www.ups.com/track?tracknum=1Z999AA10123456785'] }));
    expect((await round()).written).toBe(1);
    expect(shop.calls[1]!.trackingInfoInput.urls).toEqual([link, link]);
  });

  it('a day of failures is given up on', async () => {
    await connect({ writeBack: true });
    await deliver('orders/create', order);
    await deliver('fulfillments/create', fulfillment());
    shop.failNext(...Array.from({ length: 40 }, () => ({ kind: 'status' as const, status: 503 })));
    let last = await round();
    for (let i = 0; i < 40 && last.retrying; i++) {
      later(4_400_000); // past the longest backoff (an hour, +20%)
      last = await round();
    }
    expect(last).toEqual({ written: 0, retrying: 0, failed: 1 });
    expect((await task())!.state).toBe('failed');
  });

  it('a lease held by another process is left alone until it lapses', async () => {
    await connect({ writeBack: true });
    await deliver('orders/create', order);
    await deliver('fulfillments/create', fulfillment());
    await h.database.client.execute({ sql: 'UPDATE link_writebacks SET lease_owner = ?, lease_expires_at = ?', args: ['other', h.clock.now.getTime() + 60_000] });
    expect(await round()).toEqual({ written: 0, retrying: 0, failed: 0 });
    later(59_999);
    expect((await round()).written).toBe(0);
    later(1);
    expect((await round()).written).toBe(1);
    expect(shop.calls).toHaveLength(1);
  });

  it('write-back turned off before the send: nothing is written; a cancelled fulfillment is never written to', async () => {
    await connect({ writeBack: true });
    await deliver('orders/create', order);
    await deliver('fulfillments/create', fulfillment());
    await connect({ writeBack: false });
    expect(await round()).toEqual({ written: 0, retrying: 0, failed: 1 });
    await connect({ writeBack: true });
    await deliver('fulfillments/create', fulfillment({ id: 255858048, status: 'cancelled' }));
    expect((await round()).written).toBe(0);
    expect(shop.calls).toHaveLength(0);
  });

  it('a store that keeps replacing the link is written to three times at most', async () => {
    await connect({ writeBack: true });
    await deliver('orders/create', order);
    for (let i = 0; i < 5; i++) {
      await deliver('fulfillments/update', fulfillment());
      await round();
    }
    expect(shop.calls).toHaveLength(3);
  });
});
