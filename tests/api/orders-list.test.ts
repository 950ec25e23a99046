import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forSeller } from '../../src/domain/context';
import { listOrders } from '../../src/domain/orders-list';
import { call, sampleOrder, startHarness, type Harness } from '../support/harness';
import { feedbackShop } from '../support/feedback-api';
import type { Shop } from '../support/sms-api';

// The dashboard's order list: search, status filter, keyset pages, tenancy, and the query plans
// that keep a tracking-number search an index lookup.

let h: Harness;
let shop: Shop;
let rival: Shop;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  rival = await feedbackShop(h, 'Rival Goods');
});
afterEach(() => h.close());

const later = () => (h.clock.now = new Date(h.clock.now.getTime() + 60_000));
async function order(s: Shop, orderNumber: string, firstName: string, trackingNumber: string) {
  later();
  const res = await call(h, 'POST', '/api/v1/orders', {
    key: s.key, body: { ...sampleOrder(orderNumber), customer: { firstName }, packages: [{ carrier: 'AMZL', trackingNumber }] },
  });
  expect(res.status).toBe(201);
}
const list = (input: Parameters<typeof listOrders>[0]['input'], s = shop) => listOrders({ ctx: forSeller(h.ctx, s.sellerId), input });
const numbers = async (input: Parameters<typeof listOrders>[0]['input'], s = shop) => (await list(input, s)).items.map((o) => o.orderNumber);

describe('the order list', () => {
  beforeEach(async () => {
    await order(shop, 'SO-100', 'Dana', 'TBA300000000100');
    await order(shop, 'SO-101', 'Luis', 'TBA300000000101');
    await order(shop, 'XY-200', 'Danielle', 'TBA300000000200');
    await order(rival, 'SO-102', 'Dana', 'TBA300000000102');
  });

  it('newest first, only this seller’s', async () => {
    expect(await numbers({})).toEqual(['XY-200', 'SO-101', 'SO-100']);
    expect(await numbers({}, rival)).toEqual(['SO-102']);
  });

  it('search: a tracking number (any case), an order number’s start, a first name’s start; never another seller’s', async () => {
    expect(await numbers({ q: 'tba300000000101' })).toEqual(['SO-101']);
    expect(await numbers({ q: 'SO-10' })).toEqual(['SO-101', 'SO-100']);
    expect(await numbers({ q: 'dan' })).toEqual(['XY-200', 'SO-100']);
    expect(await numbers({ q: 'TBA300000000102' })).toEqual([]);
    expect(await numbers({ q: 'SO-102' })).toEqual([]);
    expect(await numbers({ q: '%' })).toEqual(['XY-200', 'SO-101', 'SO-100']); // not a wildcard of its own
  });

  it('a status filter: out for delivery only, then the exceptions', async () => {
    await call(h, 'POST', '/api/v1/orders/SO-101/events', { key: shop.key, body: { type: 'out_for_delivery', occurredAt: h.clock.now.toISOString() } });
    await call(h, 'POST', '/api/v1/orders/SO-100/events', { key: shop.key, body: { type: 'delayed', occurredAt: h.clock.now.toISOString() } });
    expect(await numbers({ status: 'out_for_delivery' })).toEqual(['SO-101']);
    expect(await numbers({ status: 'exception' })).toEqual(['SO-100']);
    expect(await numbers({ status: 'order_placed' })).toEqual(['XY-200']);
    expect((await list({ status: 'exception' })).items[0]).toMatchObject({ stage: 'order_placed', exception: 'delayed' });
  });

  it('pages by keyset: 2 then 1, the cursor never repeats or skips one', async () => {
    const first = await list({ limit: 2 });
    expect(first.items.map((o) => o.orderNumber)).toEqual(['XY-200', 'SO-101']);
    const second = await list({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((o) => o.orderNumber)).toEqual(['SO-100']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('query plans', () => {
  const plan = async (sql: string, args: (string | number)[]) =>
    (await h.database.client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args })).rows.map((r) => String(r.detail));

  it('a tracking-number search is an index lookup; the list walks the (seller, created) index without sorting', async () => {
    expect(await plan('SELECT order_id FROM packages WHERE tracking_number = ?', ['TBA300000000100'])).toEqual(['SEARCH packages USING INDEX packages_tracking_idx (tracking_number=?)']);
    const listPlan = await plan('SELECT id FROM orders WHERE seller_id = ? ORDER BY created_at DESC, id DESC LIMIT 26', [1]);
    expect(listPlan.join(' | ')).toContain('orders_seller_created_idx');
    expect(listPlan.join(' | ')).not.toContain('TEMP B-TREE');
  });
});
