import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, startHarness, type Harness } from '../support/harness';
import { type Shop } from '../support/sms-api';
import { deliveredOrder, feedbackShop, PKG1, PKG2, reportMissing, sellerOrder, walk } from '../support/feedback-api';

// The seller's side of "not received" (GET /api/v1/reports, POST …/resolve): newest first, cursor
// pages without repeats or gaps, filters by status and date, and closing a report with a note.

let h: Harness;
let shop: Shop;
let other: Shop;
const T1 = new Date('2026-11-27T15:00:00Z');
const T2 = new Date('2026-11-27T18:00:00Z');
const T3 = new Date('2026-11-29T15:00:00Z');
const ids = new Map<string, number>();

async function report(orderNumber: string, at: Date, body: object = {}, seller = shop, packages = [PKG1]) {
  h.clock.now = at;
  const res = await reportMissing(h, await deliveredOrder(h, seller, orderNumber, packages), body);
  if (res.status !== 201) throw new Error(`report refused: ${res.status} ${await res.text()}`);
  ids.set(orderNumber, (await res.json()).report.id);
}
const resolve = (id: number | string, body: unknown, key = shop.key) => call(h, 'POST', `/api/v1/reports/${id}/resolve`, { key, body });

beforeEach(async () => {
  h = await startHarness();
  ids.clear();
  shop = await feedbackShop(h);
  other = await feedbackShop(h, 'Other Shop');
  // SO-1 … SO-3 reported at one instant (T1); SO-4 three hours later; SO-5 two days later
  await report('SO-1', T1, { note: 'Not on the porch', contact: 'a@example.com' });
  await report('SO-2', T1, { missing: 2 }, shop, [PKG1, PKG2]);
  await report('SO-3', T1);
  await report('SO-4', T2, { contact: '+1 (415) 555-2671' });
  await report('SO-5', T3);
  await report('OT-1', T2, {}, other);
});
afterEach(() => h.close());

const REPORTS = '/api/v1/reports';

describe('GET /api/v1/reports', () => {
  it('lists the seller’s reports newest first, with the package, note and contact for the seller', async () => {
    const page = await (await call(h, 'GET', REPORTS, { key: shop.key })).json();
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((r: { orderNumber: string }) => r.orderNumber)).toEqual(['SO-5', 'SO-4', 'SO-3', 'SO-2', 'SO-1']);
    const [, so4, , so2, so1] = page.items;
    expect(so1).toMatchObject({ id: ids.get('SO-1'), trackingNumber: null, note: 'Not on the porch', contact: 'a@example.com', contactKind: 'email', status: 'open', resolvedAt: null });
    expect(so2).toMatchObject({ trackingNumber: PKG2, carrier: 'AMZL' });
    expect(so4).toMatchObject({ contact: '+14155552671', contactKind: 'phone', createdAt: T2.toISOString() });
  });

  it('another seller sees only its own reports', async () => {
    expect((await walk(h, other, REPORTS)).flat()).toEqual(['OT-1']);
  });

  it('pages of two, then of one, give every report once in order across rows of the same instant', async () => {
    expect(await walk(h, shop, REPORTS, { limit: '2' })).toEqual([['SO-5', 'SO-4'], ['SO-3', 'SO-2'], ['SO-1']]);
    expect((await walk(h, shop, REPORTS, { limit: '1' })).flat()).toEqual(['SO-5', 'SO-4', 'SO-3', 'SO-2', 'SO-1']);
  });

  it('from is inclusive and to exclusive', async () => {
    expect((await walk(h, shop, REPORTS, { from: T2.toISOString() })).flat()).toEqual(['SO-5', 'SO-4']);
    expect((await walk(h, shop, REPORTS, { from: T1.toISOString(), to: T2.toISOString(), limit: '2' })).flat()).toEqual(['SO-3', 'SO-2', 'SO-1']);
  });
});

describe('resolving a report', () => {
  it('POST …/resolve with a note: 200, resolved, the note and the time kept; the order shows it too', async () => {
    h.clock.now = new Date('2026-11-30T10:00:00Z');
    const res = await resolve(ids.get('SO-1')!, { note: 'Found at the neighbour’s' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: ids.get('SO-1'), orderNumber: 'SO-1', status: 'resolved', resolutionNote: 'Found at the neighbour’s',
      resolvedAt: '2026-11-30T10:00:00.000Z', note: 'Not on the porch', contact: 'a@example.com',
    });
    expect((await sellerOrder(h, shop, 'SO-1')).reports[0]).toMatchObject({ status: 'resolved', resolutionNote: 'Found at the neighbour’s' });
  });

  it('status=open and status=resolved split the list; filters and pages combine', async () => {
    await resolve(ids.get('SO-2')!, { note: 'Reshipped' });
    await resolve(ids.get('SO-4')!, { note: 'Refunded' });
    expect((await walk(h, shop, REPORTS, { status: 'resolved' })).flat()).toEqual(['SO-4', 'SO-2']);
    expect(await walk(h, shop, REPORTS, { status: 'open', limit: '2' })).toEqual([['SO-5', 'SO-3'], ['SO-1']]);
    expect((await walk(h, shop, REPORTS, { status: 'open', to: T2.toISOString() })).flat()).toEqual(['SO-3', 'SO-1']);
  });

  it('resolving again replaces the note; the report keeps its place in the list', async () => {
    await resolve(ids.get('SO-3')!, { note: 'Carrier claim opened' });
    const res = await resolve(ids.get('SO-3')!, { note: 'Carrier claim paid' });
    expect((await res.json()).resolutionNote).toBe('Carrier claim paid');
    expect((await walk(h, shop, REPORTS)).flat()).toEqual(['SO-5', 'SO-4', 'SO-3', 'SO-2', 'SO-1']);
  });

  it('a form post from a dashboard without JavaScript resolves too', async () => {
    const res = await h.app.request(`${REPORTS}/${ids.get('SO-5')}/resolve`, {
      method: 'POST', headers: { authorization: `Bearer ${shop.key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ note: 'Delivered late' }).toString(),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('resolved');
  });
});
