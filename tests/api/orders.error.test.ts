import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, newSeller, sampleOrder, startHarness, type Harness } from '../support/harness';

let h: Harness;
let key: string;
beforeEach(async () => {
  h = await startHarness();
  key = (await newSeller(h)).apiKey;
});
afterEach(() => h.close());

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body).toEqual({ error: { code, message: expect.any(String) } });
  expect(body.error.message.length).toBeGreaterThan(3);
  return body.error.message as string;
}

async function orderCount(): Promise<number> {
  const r = await h.database.client.execute('SELECT count(*) AS n FROM orders');
  return Number(r.rows[0]!.n);
}

describe('seller API: bad input gets a clear 4xx and stores nothing', () => {
  it('malformed JSON is a 400', async () => {
    await expectError(await call(h, 'POST', '/api/v1/orders', { key, body: '{"orderNumber": ' }), 400, 'invalid_json');
    expect(await orderCount()).toBe(0);
  });

  it('a missing destination country is a 422 naming the field', async () => {
    const body = { ...sampleOrder(), destination: { city: 'Troy' } };
    const message = await expectError(await call(h, 'POST', '/api/v1/orders', { key, body }), 422, 'validation_failed');
    expect(message).toContain('destination.country');
    expect(await orderCount()).toBe(0);
  });

  it.each([
    ['an order number with a slash', { orderNumber: 'SO/1' }],
    ['a promised date that does not exist', { promisedDate: '2026-02-30' }],
    ['an unknown time zone', { destination: { country: 'US', timeZone: 'Mars/Olympus' } }],
    ['a zero quantity', { items: [{ name: 'Mug', quantity: 0 }] }],
    ['two packages with one tracking number', { packages: [{ carrier: 'AMZL', trackingNumber: 'TBA1234' }, { carrier: 'UPS', trackingNumber: 'TBA1234' }] }],
    ['a body that is an array', [1, 2, 3]],
  ])('%s is a 422', async (_name, patch) => {
    const body = Array.isArray(patch) ? patch : { ...sampleOrder(), ...patch };
    await expectError(await call(h, 'POST', '/api/v1/orders', { key, body }), 422, 'validation_failed');
    expect(await orderCount()).toBe(0);
  });

  it('a body over 64 KiB is a 413', async () => {
    const body = { ...sampleOrder(), items: [{ name: 'x'.repeat(70 * 1024), quantity: 1 }] };
    await expectError(await call(h, 'POST', '/api/v1/orders', { key, body }), 413, 'payload_too_large');
    expect(await orderCount()).toBe(0);
  });

  it('a body that is not JSON is a 415', async () => {
    await expectError(await call(h, 'POST', '/api/v1/orders', { key, body: 'orderNumber=1', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
  });

  it('an event for an unknown order is a 404', async () => {
    await expectError(await call(h, 'POST', '/api/v1/orders/NOPE/events', { key, body: { type: 'shipped', occurredAt: '2026-11-27T10:00:00Z' } }), 404, 'not_found');
  });

  it.each([
    ['an unknown type', { type: 'teleported', occurredAt: '2026-11-27T10:00:00Z' }],
    ['a time without an offset', { type: 'shipped', occurredAt: '2026-11-27 10:00' }],
    ['a negative stop count', { type: 'out_for_delivery', occurredAt: '2026-11-27T10:00:00Z', stopsAway: -1 }],
    ['a window that ends before it starts', { type: 'out_for_delivery', occurredAt: '2026-11-27T10:00:00Z', deliveryWindow: { start: '2026-11-27T20:00:00Z', end: '2026-11-27T18:00:00Z' } }],
    ['an unknown delivery location', { type: 'delivered', occurredAt: '2026-11-27T10:00:00Z', deliveredTo: 'ROOF' }],
    ['a time a day in the future', { type: 'delivered', occurredAt: '2026-11-28T15:00:00Z' }],
  ])('an event with %s is a 422 and is not stored', async (_name, event) => {
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await expectError(await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: event }), 422, 'validation_failed');
    const r = await h.database.client.execute('SELECT count(*) AS n FROM tracking_events');
    expect(Number(r.rows[0]!.n)).toBe(1);
  });

  it('the same event id with a different body is a 409', async () => {
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    const event = { id: 'evt-1', type: 'shipped', occurredAt: '2026-11-26T10:00:00Z' };
    expect((await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: event })).status).toBe(201);
    await expectError(await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: { ...event, type: 'delivered' } }), 409, 'conflict');
  });

  it('an unknown API path is a JSON 404', async () => {
    await expectError(await call(h, 'GET', '/api/v1/nothing-here', { key }), 404, 'not_found');
  });
});
