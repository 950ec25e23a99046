import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, newSeller, sampleOrder, startHarness, type Harness } from '../support/harness';

// Ids a sender chooses (event ids, order numbers) belong to one order of one seller: the same id
// elsewhere is a different thing, never a replay of another order's event or another seller's.

let h: Harness;
let a: string;
let b: string;
beforeEach(async () => {
  h = await startHarness();
  a = (await newSeller(h, 'A Goods')).apiKey;
  b = (await newSeller(h, 'B Goods')).apiKey;
});
afterEach(() => h.close());

const shipped = (id: string, occurredAt = '2026-11-26T10:00:00Z') => ({ id, type: 'shipped', occurredAt, trackingNumber: 'TBA312345678000' });
const events = async (key: string, orderNumber: string) => (await (await call(h, 'GET', `/api/v1/orders/${orderNumber}`, { key })).json()).events as { id: string | null; type: string; occurredAt: string }[];

describe('event ids are per order', () => {
  it('the same event id on a second order of the same seller is a new event there (201), not a replay of the first order’s', async () => {
    await call(h, 'POST', '/api/v1/orders', { key: a, body: sampleOrder('SO-1') });
    await call(h, 'POST', '/api/v1/orders', { key: a, body: sampleOrder('SO-2') });
    expect((await call(h, 'POST', '/api/v1/orders/SO-1/events', { key: a, body: shipped('evt-1') })).status).toBe(201);
    const second = await call(h, 'POST', '/api/v1/orders/SO-2/events', { key: a, body: shipped('evt-1', '2026-11-26T11:00:00Z') });
    expect(second.status).toBe(201);
    expect((await second.json()).order.orderNumber).toBe('SO-2');
    expect((await events(a, 'SO-1')).filter((e) => e.id === 'evt-1').map((e) => e.occurredAt)).toEqual(['2026-11-26T10:00:00.000Z']);
    expect((await events(a, 'SO-2')).filter((e) => e.id === 'evt-1').map((e) => e.occurredAt)).toEqual(['2026-11-26T11:00:00.000Z']);
  });

  it('the same event id with a different body on the same order is a 409, and on another order it is not', async () => {
    await call(h, 'POST', '/api/v1/orders', { key: a, body: sampleOrder('SO-1') });
    await call(h, 'POST', '/api/v1/orders', { key: a, body: sampleOrder('SO-2') });
    await call(h, 'POST', '/api/v1/orders/SO-1/events', { key: a, body: shipped('evt-1') });
    const clash = await call(h, 'POST', '/api/v1/orders/SO-1/events', { key: a, body: shipped('evt-1', '2026-11-26T12:00:00Z') });
    expect(clash.status).toBe(409);
    expect((await clash.json()).error.code).toBe('conflict');
    expect((await call(h, 'POST', '/api/v1/orders/SO-2/events', { key: a, body: shipped('evt-1', '2026-11-26T12:00:00Z') })).status).toBe(201);
  });
});

describe('sellers never see or touch each other’s ids', () => {
  it('two sellers with the same order number and the same event id each get their own (201 both times)', async () => {
    await call(h, 'POST', '/api/v1/orders', { key: a, body: sampleOrder('SO-1') });
    await call(h, 'POST', '/api/v1/orders', { key: b, body: { ...sampleOrder('SO-1'), customer: { firstName: 'Bea' } } });
    expect((await call(h, 'POST', '/api/v1/orders/SO-1/events', { key: a, body: shipped('evt-1') })).status).toBe(201);
    expect((await call(h, 'POST', '/api/v1/orders/SO-1/events', { key: b, body: shipped('evt-1', '2026-11-26T13:00:00Z') })).status).toBe(201);
    const ofB = await (await call(h, 'GET', '/api/v1/orders/SO-1', { key: b })).json();
    expect(ofB.customer.firstName).toBe('Bea');
    expect(ofB.events.filter((e: { id: string }) => e.id === 'evt-1').map((e: { occurredAt: string }) => e.occurredAt)).toEqual(['2026-11-26T13:00:00.000Z']);
  });

  it('re-creating another seller’s order number is that seller’s own new order (201), never the other’s (200)', async () => {
    const first = await (await call(h, 'POST', '/api/v1/orders', { key: a, body: sampleOrder('SO-1') })).json();
    const res = await call(h, 'POST', '/api/v1/orders', { key: b, body: sampleOrder('SO-1') });
    expect(res.status).toBe(201);
    expect((await res.json()).trackingUrl).not.toBe(first.trackingUrl);
  });

  it('another seller’s order, report and link are each a 404: reading, adding an event, rotating, resolving', async () => {
    await call(h, 'POST', '/api/v1/orders', { key: a, body: sampleOrder('SO-A') });
    const attempts = [
      call(h, 'GET', '/api/v1/orders/SO-A', { key: b }),
      call(h, 'POST', '/api/v1/orders/SO-A/events', { key: b, body: shipped('x') }),
      call(h, 'POST', '/api/v1/orders/SO-A/link/rotate', { key: b }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
    expect(await events(a, 'SO-A')).toHaveLength(1); // only "placed": nothing of B's arrived
  });
});
