import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startHarness, type Harness } from '../support/harness';
import { type Shop } from '../support/sms-api';
import { deliveredOrder, errorCode, feedbackShop, reportMissing, sendFeedback } from '../support/feedback-api';

// Bad queries to the seller's lists (GET /api/v1/feedback and /api/v1/reports): a 422 in the
// envelope, never a 500 and never a silently ignored filter.

let h: Harness;
let shop: Shop;
// read-only tests on one shared history
beforeAll(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  const token = await deliveredOrder(h, shop);
  await sendFeedback(h, token, { rating: 4 });
  await reportMissing(h, token, {});
});
afterAll(() => h.close());

const get = (path: string, key: string | null = shop.key) => call(h, 'GET', path, key ? { key } : {});
const b64 = (s: string) => Buffer.from(s).toString('base64url');

const BAD_CURSORS = ['garbage', b64('1:2:3'), b64('abc:1'), b64('-5:1'), b64('1764255600000'), 'x'.repeat(201), b64(`${'9'.repeat(16)}:1`)];
const BAD_COMMON = ['limit=0', 'limit=101', 'limit=ten', 'limit=2.5', 'from=yesterday', 'from=2026-11-27', 'to=2026-13-01T00:00:00Z', 'to=2026-11-27T15:00:00'];

for (const [list, extra] of [
  ['/api/v1/feedback', ['rating=0', 'rating=6', 'rating=five', 'rating=4.5']],
  ['/api/v1/reports', ['status=closed', 'status=OPEN', 'status=']],
] as const) {
  describe(`GET ${list}: bad queries`, () => {
    for (const cursor of BAD_CURSORS) {
      it(`a cursor this API never gave out (${cursor.slice(0, 24)}) → 422`, async () => {
        expect(await errorCode(await get(`${list}?cursor=${encodeURIComponent(cursor)}`), 422)).toBe('validation_failed');
      });
    }

    for (const q of [...BAD_COMMON, ...extra]) {
      it(`${q} → 422 validation_failed`, async () => {
        expect(await errorCode(await get(`${list}?${q}`), 422)).toBe('validation_failed');
      });
    }

    it('without an API key → 401; with an unknown key → 401', async () => {
      expect(await errorCode(await get(list, null), 401)).toBe('unauthorized');
      expect(await errorCode(await get(list, 'pl_live_not_a_real_key'), 401)).toBe('unauthorized');
    });

    it('a cursor handed out by the list still works after other rows arrive (it is not tied to a snapshot)', async () => {
      const token = await deliveredOrder(h, shop, `SO-${list.split('/').pop()}`);
      await sendFeedback(h, token, { rating: 2 });
      await reportMissing(h, token, {});
      const first = await (await get(`${list}?limit=1`)).json();
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await get(`${list}?limit=1&cursor=${first.nextCursor}`);
      expect(second.status).toBe(200);
      expect((await second.json()).items).toHaveLength(1);
    });
  });
}
