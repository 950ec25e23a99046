import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, newSeller, sampleOrder, startHarness, tokenOf, type Harness } from '../support/harness';

let h: Harness;
let key: string;
beforeEach(async () => {
  h = await startHarness();
  key = (await newSeller(h)).apiKey;
});
afterEach(() => h.close());

describe('seller API: orders and events (happy paths)', () => {
  it('creating an order returns 201 with a tracking link that opens the order', async () => {
    const res = await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(order.orderNumber).toBe('SO-1001');
    expect(order.trackingUrl).toMatch(/^https:\/\/track\.example\.test\/t\/[A-Za-z0-9_-]{32}$/);
    expect(order.status.stage).toBe('order_placed');
    expect(order.packages).toHaveLength(1);
    expect(order.destination.timeZone).toBe('America/Detroit');

    const page = await call(h, 'GET', `/api/t/${tokenOf(order.trackingUrl)}`);
    expect(page.status).toBe(200);
    expect((await page.json()).order.number).toBe('SO-1001');
  });

  it('creating the same orderNumber again returns 200 and the same order, nothing duplicated', async () => {
    const first = await (await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() })).json();
    const again = await call(h, 'POST', '/api/v1/orders', { key, body: { ...sampleOrder(), items: [] } });
    expect(again.status).toBe(200);
    const second = await again.json();
    expect(second.trackingUrl).toBe(first.trackingUrl);
    expect(second.items).toEqual(first.items);
    expect(second.events).toHaveLength(1);
  });

  it('concurrent creates of one orderNumber make exactly one order', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const urls = new Set(await Promise.all(results.map(async (r) => (await r.json()).trackingUrl)));
    expect(urls.size).toBe(1);
  });

  it('an event moves the order along and the same event id again is a 200 with no duplicate', async () => {
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    const event = { id: 'evt-42', type: 'out_for_delivery', occurredAt: '2026-11-27T14:05:00Z', trackingNumber: 'TBA312345678000', location: { city: 'Troy', region: 'MI', country: 'US' }, stopsAway: 7 };
    const first = await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: event });
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body.event).toMatchObject({ id: 'evt-42', type: 'out_for_delivery', stopsAway: 7, trackingNumber: 'TBA312345678000' });
    expect(body.order.status.stage).toBe('out_for_delivery');

    const again = await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: { ...event, location: { country: 'US', region: 'MI', city: 'Troy' } } });
    expect(again.status).toBe(200);
    const order = await (await call(h, 'GET', '/api/v1/orders/SO-1001', { key })).json();
    expect(order.events.filter((e: { type: string }) => e.type === 'out_for_delivery')).toHaveLength(1);
  });

  it('an older event arriving late joins the timeline without moving the status back', async () => {
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: { type: 'delivered', occurredAt: '2026-11-27T14:30:00Z', trackingNumber: 'TBA312345678000', deliveredTo: 'FRONT_DOOR' } });
    const late = await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: { type: 'in_transit', occurredAt: '2026-11-26T10:00:00Z', trackingNumber: 'TBA312345678000' } });
    expect(late.status).toBe(201);
    expect((await late.json()).order.status.stage).toBe('delivered');
    const order = await (await call(h, 'GET', '/api/v1/orders/SO-1001', { key })).json();
    expect(order.status.stage).toBe('delivered');
    expect(order.events.map((e: { type: string }) => e.type)).toEqual(['delivered', 'in_transit', 'order_placed']);
  });

  it('an event with a new tracking number adds a package (split shipment)', async () => {
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    const res = await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: { type: 'shipped', occurredAt: '2026-11-26T10:00:00Z', trackingNumber: '1Z999AA10123456784', carrier: 'ups' } });
    expect((await res.json()).order.status.totalPackages).toBe(2);
    const order = await (await call(h, 'GET', '/api/v1/orders/SO-1001', { key })).json();
    expect(order.packages.map((p: { carrier: string; trackingNumber: string }) => `${p.carrier}:${p.trackingNumber}`)).toEqual(['AMZL:TBA312345678000', 'UPS:1Z999AA10123456784']);
    expect(order.status.totalPackages).toBe(2);
  });

  it('an order created without a time zone gets one from its postal code', async () => {
    const body = { ...sampleOrder('SO-2'), destination: { city: 'Pensacola', region: 'FL', postalCode: '32501', country: 'US' } };
    const order = await (await call(h, 'POST', '/api/v1/orders', { key, body })).json();
    expect(order.destination.timeZone).toBe('America/Chicago');
    expect(order.destination.timeZoneSource).toBe('postal_code');
  });

  it('rotating the link gives a new working URL and the old one answers 410', async () => {
    const order = await (await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() })).json();
    const rotated = await call(h, 'POST', '/api/v1/orders/SO-1001/link/rotate', { key });
    expect(rotated.status).toBe(200);
    const { trackingUrl } = await rotated.json();
    expect(trackingUrl).not.toBe(order.trackingUrl);
    expect((await call(h, 'GET', `/api/t/${tokenOf(trackingUrl)}`)).status).toBe(200);
    const old = await call(h, 'GET', `/api/t/${tokenOf(order.trackingUrl)}`);
    expect(old.status).toBe(410);
    expect((await old.json()).seller.email).toBe('help@acme.example');
    const again = await (await call(h, 'GET', '/api/v1/orders/SO-1001', { key })).json();
    expect(again.trackingUrl).toBe(trackingUrl);
  });
});
