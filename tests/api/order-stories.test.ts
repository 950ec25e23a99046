import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, sampleOrder, startHarness, type Harness } from '../support/harness';
import { customerView, errorCode, feedbackShop, PKG1, PKG2, placeOrder, sellerOrder } from '../support/feedback-api';
import type { Shop } from '../support/sms-api';

// What the seller can tell about an order beyond its scans, and what the page data makes of it:
// a delay's new date (estimatedDelivery), a pickup point (pickup), which items ship in which package.
// The harness clock is Friday 2026-11-27 10:00 in Troy, MI (America/Detroit).

let h: Harness;
let shop: Shop;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
});
afterEach(() => h.close());

const event = (body: object, orderNumber = 'SO-1001') => call(h, 'POST', `/api/v1/orders/${orderNumber}/events`, { key: shop.key, body });
const shipped = { type: 'shipped', occurredAt: '2026-11-26T12:00:00Z', trackingNumber: PKG1 };

describe('a delay: was and now', () => {
  it('a delay with a new date: the page data says the date moved from the promised one to the new one, and expects the new one', async () => {
    const token = await placeOrder(h, shop, 'SO-1001', [PKG1], { promisedDate: '2026-11-28' });
    await event(shipped);
    const res = await event({ type: 'delayed', occurredAt: '2026-11-27T13:00:00Z', trackingNumber: PKG1, note: 'Weather', estimatedDelivery: '2026-12-01' });
    expect(res.status).toBe(201);
    expect((await res.json()).event).toMatchObject({ estimatedDelivery: '2026-12-01', pickup: null });
    const view = await customerView(h, token);
    expect(view.packages[0].delay).toEqual({ was: '2026-11-28', now: '2026-12-01' });
    expect(view.expected).toMatchObject({ date: '2026-12-01', late: false });
  });

  it('a delay without a new date: the old date is no longer promised (no expected arrival), and "now" is unknown', async () => {
    const token = await placeOrder(h, shop, 'SO-1001', [PKG1], { promisedDate: '2026-11-28' });
    await event(shipped);
    await event({ type: 'delayed', occurredAt: '2026-11-27T13:00:00Z', trackingNumber: PKG1 });
    const view = await customerView(h, token);
    expect(view.packages[0].delay).toEqual({ was: '2026-11-28', now: null });
    expect(view.expected).toBeNull();
  });

  it('"was" is the newest estimate before the delay, not the first promise; once moving again the delay is gone and the new date stands', async () => {
    const token = await placeOrder(h, shop, 'SO-1001', [PKG1], { promisedDate: '2026-11-28' });
    await event({ ...shipped, estimatedDelivery: '2026-11-29' });
    await event({ type: 'delayed', occurredAt: '2026-11-27T13:00:00Z', trackingNumber: PKG1, estimatedDelivery: '2026-12-02' });
    expect((await customerView(h, token)).packages[0].delay).toEqual({ was: '2026-11-29', now: '2026-12-02' });
    await event({ type: 'in_transit', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: PKG1 });
    const view = await customerView(h, token);
    expect(view.packages[0].delay).toBeNull();
    expect(view.expected).toMatchObject({ date: '2026-12-02' });
  });

  it('estimatedDelivery must be a real date within the year ahead', async () => {
    await placeOrder(h, shop);
    expect(await errorCode(await event({ ...shipped, estimatedDelivery: '2026-02-30' }), 422)).toBe('validation_failed');
    expect(await errorCode(await event({ ...shipped, estimatedDelivery: '2028-01-01' }), 422)).toBe('validation_failed');
    expect((await event({ ...shipped, estimatedDelivery: '2027-11-27' })).status).toBe(201);
  });
});

describe('ready for pickup', () => {
  it('the pickup point, its hours and the last day are stored, shown in the order and in the page data', async () => {
    const token = await placeOrder(h, shop);
    const pickup = { location: 'Amazon Hub Locker – Maple', hours: 'Daily 6 AM – 10 PM', by: '2026-11-30' };
    expect((await event({ type: 'available_for_pickup', occurredAt: '2026-11-27T13:00:00Z', trackingNumber: PKG1, pickup })).status).toBe(201);
    expect((await sellerOrder(h, shop)).events[0]).toMatchObject({ type: 'available_for_pickup', pickup });
    expect((await customerView(h, token)).packages[0].pickup).toEqual(pickup);
  });

  it('an Amazon pickup with no last day given: 3 days after it became ready, in the destination’s calendar', async () => {
    const token = await placeOrder(h, shop);
    // 03:30 UTC on the 28th is still the 27th in Troy
    h.clock.now = new Date('2026-11-28T04:00:00Z');
    await event({ type: 'available_for_pickup', occurredAt: '2026-11-28T03:30:00Z', trackingNumber: PKG1 });
    expect((await customerView(h, token)).packages[0].pickup).toEqual({ location: null, hours: null, by: '2026-11-30' });
  });

  it('another carrier with no last day given: none is made up', async () => {
    const token = await placeOrder(h, shop, 'SO-1001', []);
    await event({ type: 'available_for_pickup', occurredAt: '2026-11-27T13:00:00Z', trackingNumber: '1Z999AA10123456784', carrier: 'UPS', pickup: { location: 'UPS Access Point' } });
    expect((await customerView(h, token)).packages[0].pickup).toEqual({ location: 'UPS Access Point', hours: null, by: null });
  });

  it('a pickup text longer than 120 characters is refused, nothing stored', async () => {
    await placeOrder(h, shop);
    const long = { type: 'available_for_pickup', occurredAt: '2026-11-27T13:00:00Z', trackingNumber: PKG1, pickup: { location: 'x'.repeat(121) } };
    expect(await errorCode(await event(long), 422)).toBe('validation_failed');
    expect((await sellerOrder(h, shop)).events.filter((e: { type: string }) => e.type === 'available_for_pickup')).toEqual([]);
  });
});

describe('items per package and the next arrival of a split shipment', () => {
  const split = {
    items: [{ name: 'Blanket', quantity: 1, trackingNumber: PKG1 }, { name: 'Bowl', quantity: 4, trackingNumber: PKG2.toLowerCase() }, { name: 'Card', quantity: 1 }],
    packages: [{ carrier: 'AMZL', trackingNumber: PKG1 }, { carrier: 'UPS', trackingNumber: PKG2 }],
  };

  it('each item is listed under its package (case as the seller wrote it does not matter); one without a package belongs to the order', async () => {
    const res = await call(h, 'POST', '/api/v1/orders', { key: shop.key, body: { ...sampleOrder(), ...split } });
    expect(res.status).toBe(201);
    expect((await res.json()).items).toEqual([
      { name: 'Blanket', quantity: 1, sku: null, trackingNumber: PKG1 },
      { name: 'Bowl', quantity: 4, sku: null, trackingNumber: PKG2 },
      { name: 'Card', quantity: 1, sku: null, trackingNumber: null },
    ]);
  });

  it('an item naming a tracking number the order does not have is a 422 naming the item; no order is made', async () => {
    const body = { ...sampleOrder(), ...split, items: [{ name: 'Blanket', quantity: 1, trackingNumber: 'TBA399999999999' }] };
    const res = await call(h, 'POST', '/api/v1/orders', { key: shop.key, body });
    const envelope = await res.json();
    expect(res.status).toBe(422);
    expect(envelope.error.message).toContain('items.0.trackingNumber: must be the tracking number of one of this order’s packages');
    expect((await call(h, 'GET', '/api/v1/orders/SO-1001', { key: shop.key })).status).toBe(404);
  });

  it('the page data lists each package’s own items; an item without a package is in neither', async () => {
    const res = await call(h, 'POST', '/api/v1/orders', { key: shop.key, body: { ...sampleOrder(), ...split } });
    const view = await customerView(h, (await res.json()).trackingUrl.split('/t/')[1]);
    expect(view.packages.map((p: { items: unknown[] }) => p.items)).toEqual([[{ name: 'Blanket', quantity: 1 }], [{ name: 'Bowl', quantity: 4 }]]);
    expect(view.order.items).toHaveLength(3);
  });

  it('of two packages still coming, the one expected first is the next (whatever its position)', async () => {
    const token = await placeOrder(h, shop, 'SO-1001', [PKG1, PKG2], { promisedDate: '2026-12-03' });
    await event({ type: 'in_transit', occurredAt: '2026-11-27T12:00:00Z', trackingNumber: PKG2, estimatedDelivery: '2026-11-30' });
    await event({ type: 'in_transit', occurredAt: '2026-11-27T12:05:00Z', trackingNumber: PKG1, estimatedDelivery: '2026-12-02' });
    let view = await customerView(h, token);
    expect(view.nextPackage).toBe(2);
    expect(view.expected).toMatchObject({ date: '2026-11-30' });
    await event({ type: 'in_transit', occurredAt: '2026-11-27T12:10:00Z', trackingNumber: PKG1, estimatedDelivery: '2026-11-29' });
    view = await customerView(h, token);
    expect(view.nextPackage).toBe(1);
    expect(view.expected).toMatchObject({ date: '2026-11-29' });
  });

  it('one package delivered: the page data names the other as the next to arrive', async () => {
    const token = await placeOrder(h, shop, 'SO-1001', [PKG1, PKG2], { promisedDate: '2026-11-30' });
    await event({ type: 'delivered', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: PKG1 });
    const view = await customerView(h, token);
    expect(view.nextPackage).toBe(2);
    expect(view.expected).toMatchObject({ date: '2026-11-30' });
  });

  it('a single package order has no "next package"', async () => {
    const token = await placeOrder(h, shop);
    expect((await customerView(h, token)).nextPackage).toBeNull();
  });
});
