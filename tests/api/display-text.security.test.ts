import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, sampleOrder, startHarness, type Harness } from '../support/harness';
import { DELIVERED_AT, PKG1, deliver, feedbackShop, placeOrder, reportMissing, sellerOrder, sendFeedback } from '../support/feedback-api';
import type { Shop } from '../support/sms-api';

// Text sent by a seller or a customer is shown to others (the tracking page, the seller's screen,
// texts): a NUL, a bell, a terminal escape or half an emoji is never stored, whichever field it came in.

/** The word with a NUL, a bell, an escape and a lone surrogate in it. */
const dirty = (word: string) => `\u0000${word.slice(0, 1)}\u0007${word.slice(1)}\u001b\ud800`;
const CONTROL_OR_SURROGATE = /[\p{Cc}\p{Cs}]/u;

let h: Harness;
let shop: Shop;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
});
afterEach(() => h.close());

/** Every text value in every table: what anyone could later be shown. */
async function storedText(): Promise<string[]> {
  const tables = await h.database.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'");
  const values: string[] = [];
  for (const { name } of tables.rows) {
    const r = await h.database.client.execute(`SELECT * FROM "${String(name)}"`);
    for (const row of r.rows) for (const v of Object.values(row)) if (typeof v === 'string') values.push(v);
  }
  return values;
}

describe('control characters and lone surrogates are not stored', () => {
  it('in an order: first name, city, region, item name and SKU', async () => {
    await placeOrder(h, shop, 'SO-1001', [PKG1], {
      customer: { firstName: dirty('Dana') },
      destination: { ...sampleOrder().destination, city: dirty('Troy'), region: dirty('MI') },
      items: [{ name: dirty('Ceramic mug'), quantity: 2, sku: dirty('MUG-01') }],
    });
    const order = await sellerOrder(h, shop);
    expect(order.customer.firstName).toBe('Dana');
    expect(order.destination).toMatchObject({ city: 'Troy', region: 'MI' });
    expect(order.items).toEqual([{ name: 'Ceramic mug', quantity: 2, sku: 'MUG-01', trackingNumber: null }]);
    expect((await storedText()).filter((v) => CONTROL_OR_SURROGATE.test(v))).toEqual([]);
  });

  it('in an event: note, city and region', async () => {
    await placeOrder(h, shop);
    const body = { type: 'in_transit', occurredAt: DELIVERED_AT, trackingNumber: PKG1, note: dirty('Arrived at facility'), location: { city: dirty('Detroit'), region: dirty('MI'), country: 'US' } };
    expect((await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key: shop.key, body })).status).toBe(201);
    const event = (await sellerOrder(h, shop)).events.find((e: { type: string }) => e.type === 'in_transit');
    expect(event).toMatchObject({ note: 'Arrived at facility', location: { city: 'Detroit', region: 'MI', country: 'US' } });
    expect((await storedText()).filter((v) => CONTROL_OR_SURROGATE.test(v))).toEqual([]);
  });

  it('in feedback and a not-received report, where a line break the customer typed stays', async () => {
    const token = await placeOrder(h, shop, 'SO-1001');
    await deliver(h, shop);
    expect((await sendFeedback(h, token, { rating: 4, comment: `${dirty('Box was dented')}\r\nMug fine` })).status).toBeLessThan(300);
    expect((await reportMissing(h, token, { note: `${dirty('Not on the porch')}\nChecked the back`, contact: `${dirty('dana')}@example.com` })).status).toBe(201);
    const order = await sellerOrder(h, shop);
    expect(order.feedback.comment).toBe('Box was dented\nMug fine');
    expect(order.reports[0]).toMatchObject({ note: 'Not on the porch\nChecked the back', contact: 'dana@example.com' });
    expect((await storedText()).filter((v) => /[^\n\P{Cc}]|\p{Cs}/u.test(v))).toEqual([]);
  });

  it('a single-line field that is nothing but control characters is refused like an empty one', async () => {
    const res = await call(h, 'POST', '/api/v1/orders', { key: shop.key, body: { ...sampleOrder(), customer: { firstName: '\u0000\u0007' } } });
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('customer.firstName') });
  });

  it('a comment that is nothing but control characters is no comment', async () => {
    const token = await placeOrder(h, shop);
    await deliver(h, shop);
    expect((await sendFeedback(h, token, { rating: 5, comment: '\u0000\u001b\n' })).status).toBeLessThan(300);
    expect((await sellerOrder(h, shop)).feedback.comment).toBeNull();
  });
});
