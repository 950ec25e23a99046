import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, startHarness, type Harness } from '../support/harness';
import { type Shop } from '../support/sms-api';
import { deliveredOrder, feedbackShop, PKG1, PKG2, reportMissing, sellerOrder } from '../support/feedback-api';

// The contact a customer leaves with a report is for the seller only: whoever else holds the
// tracking link (a forwarded email, a shared screen) must not learn it, nor the note.

let h: Harness;
let shop: Shop;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  token = await deliveredOrder(h, shop, 'SO-1001', [PKG1, PKG2]);
});
afterEach(() => h.close());

const NOTE = 'Neighbour at 12 Elm saw nothing';
const secretsIn = (text: string) => ['dana.private@example.com', 'Dana.Private', '4155552671', '555-2671', '555 2671', NOTE, 'Elm'].filter((s) => text.includes(s));

describe('a report’s contact and note stay with the seller', () => {
  it('GET /api/t/{token} shows only which package was reported and when, for an email and a phone contact alike', async () => {
    await reportMissing(h, token, { missing: 'order', note: NOTE, contact: 'Dana.Private@Example.com' });
    await reportMissing(h, token, { missing: 2, note: NOTE, contact: '(415) 555-2671' });
    const res = await call(h, 'GET', `/api/t/${token}`);
    const text = await res.text();
    expect(secretsIn(text)).toEqual([]);
    for (const r of JSON.parse(text).reports) expect(Object.keys(r).sort()).toEqual(['at', 'package', 'problem']);
  });

  it('the answer to the customer’s own post does not echo the contact or the note back', async () => {
    for (const body of [{ note: NOTE, contact: 'Dana.Private@Example.com' }, { missing: 1, note: NOTE, contact: '415 555 2671' }]) {
      const res = await reportMissing(h, token, body);
      expect(res.status).toBe(201);
      expect(secretsIn(await res.text())).toEqual([]);
    }
  });

  it('after the seller resolves it, the customer data still shows neither contact, note nor the resolution note', async () => {
    const { report } = await (await reportMissing(h, token, { note: NOTE, contact: '(415) 555-2671' })).json();
    await call(h, 'POST', `/api/v1/reports/${report.id}/resolve`, { key: shop.key, body: { note: 'Refund issued to Dana, card ending 4242' } });
    const text = await (await call(h, 'GET', `/api/t/${token}`)).text();
    expect(secretsIn(text)).toEqual([]);
    expect(text).not.toContain('4242');
  });

  it('the seller who owns the order does see it, normalised', async () => {
    await reportMissing(h, token, { note: NOTE, contact: ' Dana.Private@Example.com ' });
    expect((await sellerOrder(h, shop)).reports[0]).toMatchObject({ note: NOTE, contact: 'dana.private@example.com', contactKind: 'email' });
  });

  it('another seller cannot read it: the order is a 404 and its report lists are empty', async () => {
    await reportMissing(h, token, { note: NOTE, contact: 'dana.private@example.com' });
    const other = await feedbackShop(h, 'Other Shop');
    expect((await call(h, 'GET', '/api/v1/orders/SO-1001', { key: other.key })).status).toBe(404);
    const list = await call(h, 'GET', '/api/v1/reports', { key: other.key });
    expect(await list.json()).toEqual({ items: [], nextCursor: null });
  });
});
