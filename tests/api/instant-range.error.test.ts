import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, sampleOrder, startHarness, type Harness } from '../support/harness';
import { feedbackShop, placeOrder } from '../support/feedback-api';
import type { Shop } from '../support/sms-api';

// A typo'd year in seller input is a 422 naming the field. The floor (2000-01-01) is in the schemas;
// the ceiling (a year from now) needs the clock: checkInstantRange, called where `now` is known.

let h: Harness;
let shop: Shop;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
});
afterEach(() => h.close());

describe('times before 2000 are refused through the API', () => {
  it.each([
    ['placedAt', { placedAt: '1970-01-01T00:00:00Z' }],
    ['promisedDate', { promisedDate: '1999-12-31' }],
  ])('an order with %s before 2000 is a 422 naming it', async (field, patch) => {
    const res = await call(h, 'POST', '/api/v1/orders', { key: shop.key, body: { ...sampleOrder(), ...patch } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toContain(`${field}: must be between 2000-01-01`);
  });

  it('an event that happened in 1999 is a 422', async () => {
    await placeOrder(h, shop);
    const res = await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key: shop.key, body: { type: 'shipped', occurredAt: '1999-12-31T23:59:59Z' } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toContain('occurredAt: must be between 2000-01-01');
  });
});
