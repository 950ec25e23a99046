import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, startHarness, tokenOf, type Harness } from '../support/harness';
import { postForm, type Shop } from '../support/sms-api';
import { customerView, deliveredOrder, errorCode, feedbackFootprint, feedbackShop, reportMissing, sellerOrder, sendFeedback } from '../support/feedback-api';

// Who can give feedback or report an order missing: only whoever holds that order's current link.

let h: Harness;
let shop: Shop;
let tokenA: string;
let tokenB: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  tokenA = await deliveredOrder(h, shop, 'SO-A');
  tokenB = await deliveredOrder(h, shop, 'SO-B');
});
afterEach(() => h.close());

const ENDPOINTS = [
  { name: 'feedback', path: 'feedback', body: { rating: 1, comment: 'awful' } },
  { name: 'not-received report', path: 'not-received', body: { note: 'never came', contact: 'x@example.com' } },
] as const;

const post = (token: string, path: string, body: object, headers: Record<string, string> = {}) =>
  call(h, 'POST', `/api/t/${token}/${path}`, { body, headers });

describe('one order’s link cannot touch another order', () => {
  it('feedback and a report sent with order A’s link land on order A only; order B shows neither', async () => {
    expect((await sendFeedback(h, tokenA, { rating: 1, comment: 'awful' })).status).toBe(201);
    expect((await reportMissing(h, tokenA, { note: 'never came' })).status).toBe(201);
    const b = await customerView(h, tokenB);
    expect([b.feedback, b.reports]).toEqual([null, []]);
    const sellerB = await sellerOrder(h, shop, 'SO-B');
    expect([sellerB.feedback, sellerB.reports]).toEqual([null, []]);
    const sellerA = await sellerOrder(h, shop, 'SO-A');
    expect([sellerA.feedback.rating, sellerA.reports.length]).toEqual([1, 1]);
  });

  it('a body naming another order (orderNumber, orderId) is ignored: the link decides', async () => {
    const res = await sendFeedback(h, tokenA, { rating: 2, orderNumber: 'SO-B', orderId: 2, sellerId: 99 });
    expect(res.status).toBe(201);
    expect((await sellerOrder(h, shop, 'SO-B')).feedback).toBeNull();
  });
});

for (const ep of ENDPOINTS) {
  describe(`${ep.name}: links that do not open an order`, () => {
    it('an unknown or malformed token gets the same 404 as the tracking page data, and nothing is stored', async () => {
      const expected = await (await call(h, 'GET', '/api/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).text();
      const before = await feedbackFootprint(h);
      for (const t of ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'short', `${tokenA}x`, tokenA.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))]) {
        const res = await post(t, ep.path, ep.body);
        expect(res.status).toBe(404);
        expect(await res.text()).toBe(expected);
      }
      expect(await feedbackFootprint(h)).toEqual(before);
    });

    it('a rotated link answers 410 link_expired and stores nothing; the new link works', async () => {
      const rotated = await call(h, 'POST', '/api/v1/orders/SO-A/link/rotate', { key: shop.key });
      const fresh = tokenOf((await rotated.json()).trackingUrl);
      const before = await feedbackFootprint(h);
      expect(await errorCode(await post(tokenA, ep.path, ep.body), 410)).toBe('link_expired');
      expect(await feedbackFootprint(h)).toEqual(before);
      expect((await post(fresh, ep.path, ep.body)).status).toBe(201);
    });

    it('a no-JS form post on a rotated link is still refused (410, nothing stored)', async () => {
      await call(h, 'POST', '/api/v1/orders/SO-A/link/rotate', { key: shop.key });
      const before = await feedbackFootprint(h);
      const res = await postForm(h, `/api/t/${tokenA}/${ep.path}`, { rating: '5', missing: 'order' });
      expect(res.status).toBe(410);
      expect(await feedbackFootprint(h)).toEqual(before);
    });

    it('a form on another site cannot post it (403, nothing stored)', async () => {
      const before = await feedbackFootprint(h);
      const res = await postForm(h, `/api/t/${tokenA}/${ep.path}`, { rating: '5', missing: 'order' }, { origin: 'https://evil.example' });
      expect(await errorCode(res, 403)).toBe('forbidden');
      expect(await feedbackFootprint(h)).toEqual(before);
    });

    it('answers carry the customer privacy headers (never indexed, never cached publicly)', async () => {
      const res = await post(tokenA, ep.path, ep.body);
      expect(res.headers.get('x-robots-tag')).toContain('noindex');
      expect(res.headers.get('cache-control')).toMatch(/private/);
    });
  });
}
