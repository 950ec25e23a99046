import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, newSeller, sampleOrder, startHarness, type Harness } from '../support/harness';

// Inbound webhooks through the real app: signed the way each source documents, stored once.

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const b64 = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64');
const SHOPIFY = { shopDomain: 'acme-goods.myshopify.com', accessToken: 'shpat_0123456789abcdef', webhookSecret: 'shpss_topsecret_value_42' };

function post(url: string, body: string, headers: Record<string, string>) {
  const u = new URL(url);
  return h.app.request(`${u.pathname}${u.search}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

const shopifyOrder = {
  id: 820982911946154, name: '#1001', order_number: 1001, created_at: '2026-11-26T10:00:00-05:00', customer_locale: 'es-MX', email: 'dana.private@example.com', phone: '+15555550123',
  customer: { first_name: 'Dana', last_name: 'Privatename', email: 'dana.private@example.com', phone: '+15555550123' },
  shipping_address: { first_name: 'Dana', last_name: 'Privatename', name: 'Dana Privatename', address1: '123 Secret Street', address2: 'Apt 9', city: 'Troy', province_code: 'MI', zip: '48084', country_code: 'US', phone: '+15555550123' },
  line_items: [{ id: 1, title: 'Ceramic mug', name: 'Ceramic mug - Blue', quantity: 2, sku: 'MUG-BLUE' }],
};
const fulfillment = (status: string | null, updatedAt: string) => ({
  id: 255858046, order_id: shopifyOrder.id, status: 'success', shipment_status: status, tracking_company: 'UPS', tracking_number: '1Z999AA10123456784', tracking_numbers: ['1Z999AA10123456784'],
  created_at: '2026-11-26T12:00:00-05:00', updated_at: updatedAt, name: '#1001.1',
});

async function connectShopify(key: string) {
  return (await (await call(h, 'PUT', '/api/v1/integrations/shopify', { key, body: SHOPIFY })).json()).webhookUrl as string;
}
const shopifyHeaders = (topic: string, body: string, id: string, secret = SHOPIFY.webhookSecret) => ({ 'x-shopify-topic': topic, 'x-shopify-hmac-sha256': b64(secret, body), 'x-shopify-webhook-id': id });
const rows = async (sql: string) => (await h.database.client.execute(sql)).rows;

describe('Shopify webhooks', () => {
  it('orders/create makes the order with the first name and town only; fulfillments bring the tracking number and status', async () => {
    const { apiKey } = await newSeller(h);
    const url = await connectShopify(apiKey);
    const body = JSON.stringify(shopifyOrder);
    const res = await post(url, body, shopifyHeaders('orders/create', body, 'wh-1'));
    expect(res.status).toBe(200);
    const order = await (await call(h, 'GET', '/api/v1/orders/1001', { key: apiKey })).json();
    expect(order.customer.firstName).toBe('Dana');
    expect(order.customer.language).toBe('es');
    expect(order.destination).toMatchObject({ city: 'Troy', region: 'MI', postalCode: '48084', country: 'US' });
    const dump = JSON.stringify([await rows('SELECT * FROM orders'), await rows('SELECT * FROM items'), await rows('SELECT * FROM tracking_events'), await rows('SELECT * FROM integration_deliveries')]);
    for (const secret of ['Secret Street', 'Apt 9', 'Privatename', 'dana.private', '5555550123']) expect(dump).not.toContain(secret);

    const f1 = JSON.stringify(fulfillment('in_transit', '2026-11-26T15:00:00-05:00'));
    expect((await post(url, f1, shopifyHeaders('fulfillments/create', f1, 'wh-2'))).status).toBe(200);
    const f2 = JSON.stringify(fulfillment('delivered', '2026-11-27T09:30:00-05:00'));
    expect((await post(url, f2, shopifyHeaders('fulfillments/update', f2, 'wh-3'))).status).toBe(200);
    const after = await (await call(h, 'GET', '/api/v1/orders/1001', { key: apiKey })).json();
    expect(after.status.stage).toBe('delivered');
    expect(after.packages.map((p: { trackingNumber: string }) => p.trackingNumber)).toEqual(['1Z999AA10123456784']);
  });

  it('a repeated delivery adds nothing; an older one arriving late adds only its own scan', async () => {
    const { apiKey } = await newSeller(h);
    const url = await connectShopify(apiKey);
    const order = JSON.stringify(shopifyOrder);
    await post(url, order, shopifyHeaders('orders/create', order, 'wh-1'));
    const late = JSON.stringify(fulfillment('delivered', '2026-11-27T09:30:00-05:00'));
    await post(url, late, shopifyHeaders('fulfillments/update', late, 'wh-3'));
    const events = async () => Number((await rows('SELECT count(*) AS n FROM tracking_events'))[0]!.n);
    const before = await events();
    const again = await post(url, late, shopifyHeaders('fulfillments/update', late, 'wh-3'));
    expect(await again.json()).toMatchObject({ received: true, repeat: true });
    // the same content under a new delivery id (Shopify retried with another id): still nothing new
    await post(url, late, shopifyHeaders('fulfillments/update', late, 'wh-3b'));
    expect(await events()).toBe(before);
    const early = JSON.stringify(fulfillment('in_transit', '2026-11-26T15:00:00-05:00'));
    await post(url, early, shopifyHeaders('fulfillments/create', early, 'wh-2'));
    expect(await events()).toBe(before + 1);
    expect((await (await call(h, 'GET', '/api/v1/orders/1001', { key: apiKey })).json()).status.stage).toBe('delivered');
  });

  it('an order the seller already made with that number (the API, an import) is linked, not duplicated', async () => {
    const { apiKey } = await newSeller(h);
    await call(h, 'POST', '/api/v1/orders', { key: apiKey, body: { ...sampleOrder('1001'), packages: [] } });
    const url = await connectShopify(apiKey);
    const order = JSON.stringify(shopifyOrder);
    expect((await post(url, order, shopifyHeaders('orders/create', order, 'wh-1'))).status).toBe(200);
    const f = JSON.stringify(fulfillment('in_transit', '2026-11-26T15:00:00-05:00'));
    const applied = await (await post(url, f, shopifyHeaders('fulfillments/create', f, 'wh-2'))).json();
    expect(applied).toMatchObject({ received: true, unmatched: 0 });
    expect(applied.added).toBeGreaterThan(0);
    expect(await rows('SELECT order_number, source_ref FROM orders')).toEqual([{ order_number: '1001', source_ref: `shopify:${shopifyOrder.id}` }]);
    expect((await (await call(h, 'GET', '/api/v1/orders/1001', { key: apiKey })).json()).status.stage).toBe('in_transit');
  });

  it('a bad signature is a 401 and stores nothing; an unknown, switched-off or other seller’s connector is a 404', async () => {
    const a = await newSeller(h, 'Seller A');
    const b = await newSeller(h, 'Seller B');
    const url = await connectShopify(a.apiKey);
    const body = JSON.stringify(shopifyOrder);
    const refusedCases: [string, Record<string, string>][] = [
      [body, shopifyHeaders('orders/create', body, 'x1', 'wrong-secret-value')],
      [body, { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'x2' }],
      [`${body}\n`, shopifyHeaders('orders/create', body, 'x3')], // one byte more than was signed
    ];
    for (const [sent, headers] of refusedCases) {
      const res = await post(url, sent, headers);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    }
    expect(await rows('SELECT * FROM orders')).toHaveLength(0);
    expect(await rows('SELECT * FROM integration_deliveries')).toHaveLength(0);
    const id = url.split('/').pop()!;
    expect((await post(url.replace(id, 'nope'), body, shopifyHeaders('orders/create', body, 'x4'))).status).toBe(404);
    expect((await post(url.replace('/shopify/', '/woocommerce/'), body, shopifyHeaders('orders/create', body, 'x5'))).status).toBe(404);
    await call(h, 'DELETE', '/api/v1/integrations/shopify', { key: a.apiKey });
    expect((await post(url, body, shopifyHeaders('orders/create', body, 'x6'))).status).toBe(404);
    // seller B's own connector takes only B's secret, and makes B's order
    const urlB = await connectShopify(b.apiKey);
    await call(h, 'PUT', '/api/v1/integrations/shopify', { key: b.apiKey, body: { ...SHOPIFY, webhookSecret: 'b-secret-value-0001' } });
    expect((await post(urlB, body, shopifyHeaders('orders/create', body, 'x7'))).status).toBe(401);
    expect((await post(urlB, body, shopifyHeaders('orders/create', body, 'x8', 'b-secret-value-0001'))).status).toBe(200);
    expect((await call(h, 'GET', '/api/v1/orders/1001', { key: a.apiKey })).status).toBe(404);
    expect((await call(h, 'GET', '/api/v1/orders/1001', { key: b.apiKey })).status).toBe(200);
  });
});

describe('WooCommerce webhooks', () => {
  const wooOrder = {
    id: 727, number: '727', status: 'processing', date_created_gmt: '2026-11-26T15:00:00',
    billing: { first_name: 'Luis', last_name: 'Apellido', email: 'luis@example.com', phone: '5551234567', address_1: '9 Hidden Lane' },
    shipping: { first_name: 'Luis', last_name: 'Apellido', address_1: '9 Hidden Lane', city: 'Austin', state: 'TX', postcode: '78701', country: 'US' },
    line_items: [{ id: 1, name: 'Tote bag', quantity: 1, sku: 'TOTE' }],
    meta_data: [{ id: 5, key: '_wc_shipment_tracking_items', value: [{ tracking_provider: 'usps', tracking_number: '9400111899223197428490', date_shipped: '1795791600', tracking_id: 'abc123' }] }],
  };
  it('answers the creation ping, then takes a signed order.created with its tracking number', async () => {
    const { apiKey } = await newSeller(h);
    const url = (await (await call(h, 'PUT', '/api/v1/integrations/woocommerce', { key: apiKey, body: { webhookSecret: 'wc-secret-123456' } })).json()).webhookUrl;
    const ping = await h.app.request(new URL(url).pathname, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'webhook_id=15' });
    expect(ping.status).toBe(200);
    const body = JSON.stringify(wooOrder);
    const headers = { 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-delivery-id': 'd-1', 'x-wc-webhook-signature': b64('wc-secret-123456', body) };
    expect((await post(url, body, headers)).status).toBe(200);
    const order = await (await call(h, 'GET', '/api/v1/orders/727', { key: apiKey })).json();
    expect(order.customer.firstName).toBe('Luis');
    expect(order.packages[0].trackingNumber).toBe('9400111899223197428490');
    expect(order.status.stage).toBe('shipped');
    expect(JSON.stringify(await rows('SELECT * FROM orders'))).not.toContain('Hidden Lane');
    expect((await post(url, body, { ...headers, 'x-wc-webhook-signature': b64('another-secret-1', body) })).status).toBe(401);
  });
});

describe('EasyPost and Shippo: scans for packages Porchlight knows', () => {
  const tracker = (details: { status: string; datetime: string; city: string }[]) => ({
    object: 'Event', id: `evt_${details.length}`, description: 'tracker.updated', mode: 'production',
    result: {
      object: 'Tracker', id: 'trk_1', tracking_code: 'TBA312345678000', carrier: 'AmazonMws', status: details.at(-1)!.status, est_delivery_date: null,
      tracking_details: details.map((d) => ({ object: 'TrackingDetail', status: d.status, status_detail: 'unknown', message: d.status, datetime: d.datetime, source: 'AmazonMws', tracking_location: { object: 'TrackingLocation', city: d.city, state: 'MI', country: 'US', zip: '48084' } })),
    },
  });
  const sign = (secret: string, body: string) => `hmac-sha256-hex=${createHmac('sha256', secret.normalize('NFKD')).update(body).digest('hex')}`;

  it('EasyPost: each scan once, with its own time and town; a newer payload adds only the new scan; an unknown tracking number stores nothing', async () => {
    const { apiKey } = await newSeller(h);
    await call(h, 'POST', '/api/v1/orders', { key: apiKey, body: sampleOrder() });
    const url = (await (await call(h, 'PUT', '/api/v1/integrations/easypost', { key: apiKey, body: { webhookSecret: 'ep-secret-123456' } })).json()).webhookUrl;
    const scans = [{ status: 'in_transit', datetime: '2026-11-26T08:00:00Z', city: 'Romulus' }, { status: 'out_for_delivery', datetime: '2026-11-27T13:00:00Z', city: 'Troy' }];
    const one = JSON.stringify(tracker(scans.slice(0, 1)));
    const two = JSON.stringify(tracker(scans));
    expect((await post(url, two, { 'x-hmac-signature': sign('ep-secret-123456', two) })).status).toBe(200);
    const count = async () => Number((await rows("SELECT count(*) AS n FROM tracking_events WHERE source = 'easypost'"))[0]!.n);
    expect(await count()).toBe(2);
    expect((await post(url, one, { 'x-hmac-signature': sign('ep-secret-123456', one) })).status).toBe(200);
    expect(await count()).toBe(2);
    const cities = (await rows("SELECT city, occurred_at FROM tracking_events WHERE source = 'easypost' ORDER BY occurred_at")).map((r) => r.city);
    expect(cities).toEqual(['Romulus', 'Troy']);
    const order = await (await call(h, 'GET', '/api/v1/orders/SO-1001', { key: apiKey })).json();
    expect(order.status.stage).toBe('out_for_delivery');
    const stranger = JSON.stringify({ ...tracker(scans), id: 'evt_x', result: { ...tracker(scans).result, tracking_code: 'UNKNOWN00001' } });
    const res = await post(url, stranger, { 'x-hmac-signature': sign('ep-secret-123456', stranger) });
    expect(await res.json()).toMatchObject({ received: true, added: 0 });
    expect(await count()).toBe(2);
    expect((await post(url, two, { 'x-hmac-signature': sign('ep-secret-1234567', two) })).status).toBe(401);
  });

  it('Shippo: the URL’s token is the check; a wrong or missing token is a 401', async () => {
    const { apiKey } = await newSeller(h);
    await call(h, 'POST', '/api/v1/orders', { key: apiKey, body: sampleOrder() });
    const url = (await (await call(h, 'PUT', '/api/v1/integrations/shippo', { key: apiKey, body: {} })).json()).webhookUrl as string;
    const status = { object_id: 'st_1', status: 'DELIVERED', substatus: { code: 'delivered', text: 'Delivered', action_required: false }, status_details: 'Delivered', status_date: '2026-11-27T14:00:00Z', location: { city: 'Troy', state: 'MI', zip: '48084', country: 'US' } };
    const body = JSON.stringify({ event: 'track_updated', test: false, data: { carrier: 'usps', tracking_number: 'TBA312345678000', eta: null, tracking_status: status, tracking_history: [status] } });
    expect((await post(url.replace(/token=.*/, 'token=wrong'), body, {})).status).toBe(401);
    expect((await post(url.split('?')[0]!, body, {})).status).toBe(401);
    expect((await post(url, body, {})).status).toBe(200);
    expect((await (await call(h, 'GET', '/api/v1/orders/SO-1001', { key: apiKey })).json()).status.stage).toBe('delivered');
  });
});
