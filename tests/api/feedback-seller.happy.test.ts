import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, startHarness, type Harness } from '../support/harness';
import { type Shop } from '../support/sms-api';
import { deliveredOrder, feedbackShop, sendFeedback, walk } from '../support/feedback-api';

// The seller's view of feedback (GET /api/v1/feedback): newest first, cursor pages that neither
// repeat nor skip a row, even when rows share an instant, and filters by rating and date.

let h: Harness;
let shop: Shop;
let other: Shop;
const T1 = new Date('2026-11-27T15:00:00Z');
const T2 = new Date('2026-11-27T16:00:00Z');
const T3 = new Date('2026-11-28T15:00:00Z');

async function rate(orderNumber: string, at: Date, body: object, seller = shop) {
  h.clock.now = at;
  const res = await sendFeedback(h, await tokenFor(orderNumber, seller), body);
  if (res.status !== 201) throw new Error(`feedback refused: ${res.status} ${await res.text()}`);
}
const tokens = new Map<string, string>();
const tokenFor = async (orderNumber: string, seller: Shop) => tokens.get(orderNumber) ?? tokens.set(orderNumber, await deliveredOrder(h, seller, orderNumber)).get(orderNumber)!;

beforeEach(async () => {
  h = await startHarness();
  tokens.clear();
  shop = await feedbackShop(h);
  other = await feedbackShop(h, 'Other Shop');
  // SO-1 … SO-3 share one instant (T1); SO-4 an hour later; SO-5 the next day
  await rate('SO-1', T1, { rating: 5, arrivedOk: true });
  await rate('SO-2', T1, { rating: 1, comment: 'Crushed', arrivedOk: false });
  await rate('SO-3', T1, { rating: 5 });
  await rate('SO-4', T2, { rating: 3, arrivedOk: false });
  await rate('SO-5', T3, { rating: 5, comment: 'Great' });
  await rate('OT-1', T2, { rating: 2 }, other);
});
afterEach(() => h.close());

const list = async (query = '', seller = shop) => (await call(h, 'GET', `/api/v1/feedback${query}`, { key: seller.key })).json();

describe('GET /api/v1/feedback', () => {
  it('lists the seller’s feedback newest first with what each customer said', async () => {
    const page = await list();
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((f: { orderNumber: string }) => f.orderNumber)).toEqual(['SO-5', 'SO-4', 'SO-3', 'SO-2', 'SO-1']);
    expect(page.items[3]).toMatchObject({ orderNumber: 'SO-2', rating: 1, comment: 'Crushed', arrivedOk: false, language: 'en', createdAt: T1.toISOString(), updatedAt: T1.toISOString() });
  });

  it('another seller sees only its own feedback', async () => {
    expect((await list('', other)).items.map((f: { orderNumber: string }) => f.orderNumber)).toEqual(['OT-1']);
  });

  it('an edit keeps the feedback in its place (lists go by when it was first given) and shows when it changed', async () => {
    h.clock.now = new Date('2026-11-29T09:00:00Z');
    expect((await sendFeedback(h, tokens.get('SO-1')!, { rating: 2 })).status).toBe(200);
    const page = await list();
    expect(page.items.map((f: { orderNumber: string }) => f.orderNumber)).toEqual(['SO-5', 'SO-4', 'SO-3', 'SO-2', 'SO-1']);
    expect(page.items[4]).toMatchObject({ rating: 2, createdAt: T1.toISOString(), updatedAt: '2026-11-29T09:00:00.000Z' });
  });
});

describe('cursor pages', () => {
  it('two at a time: every row once, in order, a page boundary falling between rows of the same instant', async () => {
    expect(await walk(h, shop, '/api/v1/feedback', { limit: '2' })).toEqual([['SO-5', 'SO-4'], ['SO-3', 'SO-2'], ['SO-1']]);
  });

  it('one at a time through three rows of the same instant: no duplicates, no gaps', async () => {
    expect((await walk(h, shop, '/api/v1/feedback', { limit: '1' })).flat()).toEqual(['SO-5', 'SO-4', 'SO-3', 'SO-2', 'SO-1']);
  });

  it('a page that ends exactly at the last row says there is no next page', async () => {
    expect(await walk(h, shop, '/api/v1/feedback', { limit: '5' })).toEqual([['SO-5', 'SO-4', 'SO-3', 'SO-2', 'SO-1']]);
  });

  it('feedback arriving between two pages neither repeats nor hides a row of the pages already being read', async () => {
    const first = await list('?limit=2');
    await rate('SO-6', new Date('2026-11-28T16:00:00Z'), { rating: 4 });
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((f: { orderNumber: string }) => f.orderNumber)).toEqual(['SO-3', 'SO-2']);
  });
});

describe('filters', () => {
  it('rating=5 lists only five-star feedback, and pages within the filter', async () => {
    expect(await walk(h, shop, '/api/v1/feedback', { rating: '5', limit: '2' })).toEqual([['SO-5', 'SO-3'], ['SO-1']]);
  });

  it('from is inclusive and to is exclusive', async () => {
    expect((await walk(h, shop, '/api/v1/feedback', { from: T2.toISOString() })).flat()).toEqual(['SO-5', 'SO-4']);
    expect((await walk(h, shop, '/api/v1/feedback', { to: T2.toISOString() })).flat()).toEqual(['SO-3', 'SO-2', 'SO-1']);
    expect((await walk(h, shop, '/api/v1/feedback', { from: T1.toISOString(), to: T3.toISOString() })).flat()).toEqual(['SO-4', 'SO-3', 'SO-2', 'SO-1']);
  });

  it('dates with an offset mean the same instant (10:00 in Detroit is 15:00 UTC)', async () => {
    expect((await walk(h, shop, '/api/v1/feedback', { from: '2026-11-27T10:00:00-05:00', to: '2026-11-27T11:00:00-05:00' })).flat()).toEqual(['SO-3', 'SO-2', 'SO-1']);
  });

  it('rating and dates combine, paging included', async () => {
    expect(await walk(h, shop, '/api/v1/feedback', { rating: '5', to: T3.toISOString(), limit: '1' })).toEqual([['SO-3'], ['SO-1']]);
  });

  it('a range with nothing in it is an empty page, not an error', async () => {
    expect(await list('?from=2027-01-01T00:00:00Z')).toEqual({ items: [], nextCursor: null });
  });
});
