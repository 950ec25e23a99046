import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, startHarness, type Harness } from '../support/harness';
import { postForm, rows, type Shop } from '../support/sms-api';
import {
  customerView, deliver, deliveredOrder, feedbackShop, PKG1, PKG2, placeOrder, redirect, reportMissing, sellerOrder,
} from '../support/feedback-api';

// "Marked delivered but not received", told to the seller (product.md §2, §6): one report per
// missing thing (the whole order or one package), a second report updating the first.

let h: Harness;
let shop: Shop;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
});
afterEach(() => h.close());

const HOUR = 3_600_000;
const later = (ms: number) => (h.clock.now = new Date(h.clock.now.getTime() + ms));

describe('reporting a delivered order as not received', () => {
  it('201; the page data then shows when it was reported (and nothing else), the seller sees the note and contact', async () => {
    const token = await deliveredOrder(h, shop);
    const res = await reportMissing(h, token, { note: 'Not on the porch or in the mailroom', contact: 'Dana@Example.COM' });
    expect(res.status).toBe(201);
    const now = h.clock.now.toISOString();
    const { report } = await res.json();
    expect(report).toMatchObject({ missing: 'order', status: 'open', createdAt: now, updatedAt: now });

    expect((await customerView(h, token)).reports).toEqual([{ problem: 'not_received', package: null, at: now }]);
    expect((await sellerOrder(h, shop)).reports).toEqual([
      expect.objectContaining({ id: report.id, trackingNumber: null, note: 'Not on the porch or in the mailroom', contact: 'dana@example.com', contactKind: 'email', status: 'open', createdAt: now }),
    ]);
  });

  it('an empty body reports the whole order, with no note and no contact', async () => {
    const token = await deliveredOrder(h, shop);
    expect((await reportMissing(h, token, {})).status).toBe(201);
    expect(await rows(h, 'SELECT target, note, contact, contact_kind FROM problem_reports')).toEqual([{ target: 'order', note: null, contact: null, contact_kind: null }]);
  });

  it('a phone number as contact is kept in E.164 for the seller to call back', async () => {
    const token = await deliveredOrder(h, shop);
    await reportMissing(h, token, { contact: '(415) 555-2671' });
    expect((await sellerOrder(h, shop)).reports[0]).toMatchObject({ contact: '+14155552671', contactKind: 'phone' });
  });

  it('a customer abroad can leave their own phone number (here a French mobile) for the call-back', async () => {
    const token = await deliveredOrder(h, shop);
    expect((await reportMissing(h, token, { contact: '+33 6 12 34 56 78' })).status).toBe(201);
    expect((await sellerOrder(h, shop)).reports[0]).toMatchObject({ contact: '+33612345678', contactKind: 'phone' });
  });

  it('a report made in Spanish is stored as Spanish for the seller', async () => {
    const token = await deliveredOrder(h, shop);
    await reportMissing(h, token, { note: 'No llegó', lang: 'es' });
    expect((await sellerOrder(h, shop)).reports[0].language).toBe('es');
  });
});

describe('reporting again updates the first report', () => {
  it('the whole order reported twice: 200, one report, note and contact replaced, first-reported time kept', async () => {
    const token = await deliveredOrder(h, shop);
    const first = (await (await reportMissing(h, token, { note: 'Not here', contact: 'dana@example.com' })).json()).report;
    later(HOUR);
    const res = await reportMissing(h, token, { note: 'Still not here after 48 hours', contact: '+1 415 555 2671' });
    expect(res.status).toBe(200);
    const second = (await res.json()).report;
    expect(second).toMatchObject({ id: first.id, createdAt: first.createdAt, updatedAt: h.clock.now.toISOString() });
    expect(await rows(h, 'SELECT note, contact FROM problem_reports')).toEqual([{ note: 'Still not here after 48 hours', contact: '+14155552671' }]);
    expect((await customerView(h, token)).reports).toEqual([{ problem: 'not_received', package: null, at: first.createdAt }]);
  });

  it('a report the seller resolved opens again when the customer reports again, without the old resolution', async () => {
    const token = await deliveredOrder(h, shop);
    const { report } = await (await reportMissing(h, token, { note: 'Missing' })).json();
    const resolved = await call(h, 'POST', `/api/v1/reports/${report.id}/resolve`, { key: shop.key, body: { note: 'Refunded' } });
    expect((await resolved.json()).status).toBe('resolved');
    later(HOUR);
    expect((await reportMissing(h, token, { note: 'The refund never came' })).status).toBe(200);
    expect((await sellerOrder(h, shop)).reports).toEqual([
      expect.objectContaining({ id: report.id, status: 'open', resolvedAt: null, resolutionNote: null, note: 'The refund never came' }),
    ]);
  });

  it('one more report on the same package (sent as "1" or 1) is still the one report', async () => {
    const token = await deliveredOrder(h, shop, 'SO-1001', [PKG1, PKG2]);
    expect((await reportMissing(h, token, { missing: 1 })).status).toBe(201);
    expect((await reportMissing(h, token, { missing: '1', note: 'again' })).status).toBe(200);
    expect(await rows(h, 'SELECT count(*) AS n FROM problem_reports')).toEqual([{ n: 1 }]);
  });
});

describe('a double click', () => {
  it('a double-clicked report button makes one report, not two and not an error', async () => {
    const token = await deliveredOrder(h, shop);
    const answers = await Promise.all([reportMissing(h, token, { note: 'a' }), reportMissing(h, token, { note: 'b' })]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(await rows(h, 'SELECT count(*) AS n FROM problem_reports')).toEqual([{ n: 1 }]);
  });
});

describe('split shipments: one report per missing package', () => {
  it('package 1, package 2 and the whole order are three separate reports, each shown with its package number', async () => {
    const token = await deliveredOrder(h, shop, 'SO-1001', [PKG1, PKG2]);
    for (const missing of [2, 1, 'order']) expect((await reportMissing(h, token, { missing })).status).toBe(201);
    const shown = (await customerView(h, token)).reports.map((r: { package: number | null }) => r.package);
    expect(shown.sort()).toEqual([1, 2, null]);
    const seller = (await sellerOrder(h, shop)).reports.map((r: { trackingNumber: string | null }) => r.trackingNumber);
    expect(seller.sort()).toEqual([PKG1, PKG2, null]);
  });

  it('with one of two packages delivered, the delivered one (or the whole order) can be reported', async () => {
    const token = await placeOrder(h, shop, 'SO-1001', [PKG1, PKG2]);
    await deliver(h, shop, 'SO-1001', PKG2);
    expect((await reportMissing(h, token, { missing: 2 })).status).toBe(201);
    expect((await reportMissing(h, token, { missing: 'order' })).status).toBe(201);
  });
});

describe('reporting without JavaScript (form posts)', () => {
  it('goes back to the not-received page with report=sent, keeping the language, and stores the report', async () => {
    const token = await deliveredOrder(h, shop, 'SO-1001', [PKG1, PKG2]);
    const res = redirect(await postForm(h, `/api/t/${token}/not-received`, { missing: '2', note: 'Nada', contact: 'dana@example.com', lang: 'es' }));
    expect(res).toEqual({ path: `/t/${token}/not-received`, query: { report: 'sent', lang: 'es' }, hash: '#report' });
    expect((await customerView(h, token)).reports).toEqual([{ problem: 'not_received', package: 2, at: h.clock.now.toISOString() }]);
  });

  it('reporting again from the form updates the report and still says report=sent', async () => {
    const token = await deliveredOrder(h, shop);
    await postForm(h, `/api/t/${token}/not-received`, { missing: 'order', note: 'one' });
    const res = redirect(await postForm(h, `/api/t/${token}/not-received`, { missing: 'order', note: 'two' }));
    expect(res.query).toEqual({ report: 'sent' });
    expect(await rows(h, 'SELECT note FROM problem_reports')).toEqual([{ note: 'two' }]);
  });
});
