import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, startHarness, type Harness } from '../support/harness';
import { postForm, rows, type Shop } from '../support/sms-api';
import {
  customerView, deliveredOrder, errorCode, feedbackFootprint, feedbackShop, PKG1, PKG2, placeOrder, redirect, reportMissing, sellerOrder, sendFeedback, walk,
} from '../support/feedback-api';

// "Arrived, but damaged": told to the seller through the same report path as "not received"
// (problem: 'damaged'), one report per damaged thing, kept apart from a not-received report.

let h: Harness;
let shop: Shop;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
});
afterEach(() => h.close());

describe('reporting damage', () => {
  it('201 with problem "damaged"; the page data and the seller both see it as damage', async () => {
    const token = await deliveredOrder(h, shop);
    const res = await reportMissing(h, token, { problem: 'damaged', note: 'Mug handle snapped', contact: 'dana@example.com' });
    expect(res.status).toBe(201);
    expect((await res.json()).report).toMatchObject({ problem: 'damaged', missing: 'order', status: 'open' });
    expect((await customerView(h, token)).reports).toEqual([{ problem: 'damaged', package: null, at: h.clock.now.toISOString() }]);
    expect((await sellerOrder(h, shop)).reports).toEqual([
      expect.objectContaining({ problem: 'damaged', note: 'Mug handle snapped', contact: 'dana@example.com', trackingNumber: null }),
    ]);
  });

  it('a damage report and a not-received report on the same order are two reports; each repeated updates its own', async () => {
    const token = await deliveredOrder(h, shop, 'SO-1001', [PKG1, PKG2]);
    expect((await reportMissing(h, token, { problem: 'damaged', missing: 1, note: 'Dented' })).status).toBe(201);
    expect((await reportMissing(h, token, { missing: 1, note: 'Never came' })).status).toBe(201);
    expect((await reportMissing(h, token, { problem: 'damaged', missing: 1, note: 'Dented and wet' })).status).toBe(200);
    expect((await reportMissing(h, token, { missing: 1, note: 'Still missing' })).status).toBe(200);
    expect(await rows(h, 'SELECT problem, note FROM problem_reports ORDER BY id')).toEqual([
      { problem: 'damaged', note: 'Dented and wet' },
      { problem: 'not_received', note: 'Still missing' },
    ]);
  });

  it('the seller can list damage reports alone (?problem=damaged), or not-received ones alone', async () => {
    const a = await deliveredOrder(h, shop, 'SO-A');
    const b = await deliveredOrder(h, shop, 'SO-B');
    await reportMissing(h, a, { problem: 'damaged' });
    await reportMissing(h, b, {});
    expect(await walk(h, shop, '/api/v1/reports', { problem: 'damaged' })).toEqual([['SO-A']]);
    expect(await walk(h, shop, '/api/v1/reports', { problem: 'not_received' })).toEqual([['SO-B']]);
    const all = await (await call(h, 'GET', '/api/v1/reports', { key: shop.key })).json();
    expect(all.items.map((r: { problem: string }) => r.problem).sort()).toEqual(['damaged', 'not_received']);
    expect(await errorCode(await call(h, 'GET', '/api/v1/reports?problem=broken', { key: shop.key }), 422)).toBe('validation_failed');
  });

  it('without JavaScript the form goes back to the damage form (problem=damaged kept) with report=sent', async () => {
    const token = await deliveredOrder(h, shop);
    const res = redirect(await postForm(h, `/api/t/${token}/not-received`, { problem: 'damaged', note: 'Cracked', lang: 'es' }));
    expect(res).toEqual({ path: `/t/${token}/not-received`, query: { report: 'sent', lang: 'es', problem: 'damaged' }, hash: '#report' });
    expect(await rows(h, 'SELECT problem, note, language FROM problem_reports')).toEqual([{ problem: 'damaged', note: 'Cracked', language: 'es' }]);
  });
});

describe('damage reports refused', () => {
  it('before anything is delivered: 409 not_delivered, nothing stored', async () => {
    const token = await placeOrder(h, shop);
    const before = await feedbackFootprint(h);
    expect(await errorCode(await reportMissing(h, token, { problem: 'damaged' }), 409)).toBe('not_delivered');
    expect(await feedbackFootprint(h)).toEqual(before);
  });

  it('a problem we do not know ("broken") is a 422, nothing stored', async () => {
    const token = await deliveredOrder(h, shop);
    const before = await feedbackFootprint(h);
    expect(await errorCode(await reportMissing(h, token, { problem: 'broken' }), 422)).toBe('validation_failed');
    expect(await feedbackFootprint(h)).toEqual(before);
  });
});

describe('feedback waits for the whole order', () => {
  it('one of two packages delivered: 409 not_delivered; both delivered: 201', async () => {
    const token = await placeOrder(h, shop, 'SO-1001', [PKG1, PKG2]);
    await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key: shop.key, body: { type: 'delivered', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: PKG1 } });
    expect(await errorCode(await sendFeedback(h, token, { rating: 5 }), 409)).toBe('not_delivered');
    expect(await rows(h, 'SELECT * FROM feedback')).toEqual([]);
    await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key: shop.key, body: { type: 'delivered', occurredAt: '2026-11-27T14:30:00Z', trackingNumber: PKG2 } });
    expect((await sendFeedback(h, token, { rating: 5 })).status).toBe(201);
  });
});
