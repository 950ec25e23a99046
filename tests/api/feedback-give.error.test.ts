import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { addEvent, postForm, rows, type Shop } from '../support/sms-api';
import { deliver, errorCode, feedbackFootprint, feedbackShop, placeOrder, redirect, sendFeedback } from '../support/feedback-api';

let h: Harness;
let shop: Shop;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  token = await placeOrder(h, shop);
});
afterEach(() => h.close());

const DAY = 86_400_000;
const later = (ms: number) => (h.clock.now = new Date(h.clock.now.getTime() + ms));

describe('feedback before delivery: 409 not_delivered', () => {
  it('an order out for delivery cannot be rated yet, and nothing is stored', async () => {
    await addEvent(h, shop, { type: 'out_for_delivery', occurredAt: '2026-11-27T13:00:00Z', stopsAway: 3 });
    const before = await feedbackFootprint(h);
    expect(await errorCode(await sendFeedback(h, token, { rating: 5 }), 409)).toBe('not_delivered');
    expect(await feedbackFootprint(h)).toEqual(before);
  });

  it('a no-JS form post before delivery goes back to the page with feedback=not_delivered, keeping the language', async () => {
    const res = redirect(await postForm(h, `/api/t/${token}/feedback`, { rating: '5', lang: 'es' }));
    expect(res).toEqual({ path: `/t/${token}`, query: { feedback: 'not_delivered', lang: 'es' }, hash: '#feedback' });
    expect(await rows(h, 'SELECT id FROM feedback')).toEqual([]);
  });
});

describe('the 14-day edit window', () => {
  beforeEach(async () => {
    await deliver(h, shop);
    expect((await sendFeedback(h, token, { rating: 2, comment: 'Dented' })).status).toBe(201);
  });

  it('14 days and 1 ms after the first feedback an edit is refused with edit_window_closed; the feedback stays as it was', async () => {
    later(14 * DAY + 1);
    const before = await feedbackFootprint(h);
    expect(await errorCode(await sendFeedback(h, token, { rating: 5 }), 409)).toBe('edit_window_closed');
    expect(await feedbackFootprint(h)).toEqual(before);
    expect(await rows(h, 'SELECT rating, comment FROM feedback')).toEqual([{ rating: 2, comment: 'Dented' }]);
  });

  it('the 14 days count from the first feedback, not from the last edit: edits on day 10 and 14 do not extend it', async () => {
    later(10 * DAY);
    expect((await sendFeedback(h, token, { rating: 3 })).status).toBe(200);
    later(4 * DAY);
    expect((await sendFeedback(h, token, { rating: 4 })).status).toBe(200); // exactly 14 days: a second edit, still open
    later(1);
    expect(await errorCode(await sendFeedback(h, token, { rating: 5 }), 409)).toBe('edit_window_closed');
    expect(await rows(h, 'SELECT rating FROM feedback')).toEqual([{ rating: 4 }]);
  });

  it('the same refusal reaches a no-JS form post as feedback=edit_window_closed', async () => {
    later(15 * DAY);
    const res = redirect(await postForm(h, `/api/t/${token}/feedback`, { rating: '5', lang: 'en' }));
    expect(res.query).toEqual({ feedback: 'edit_window_closed', lang: 'en' });
  });

  it('an invalid edit inside the window is a 422 and leaves the earlier feedback untouched', async () => {
    later(DAY);
    const before = await feedbackFootprint(h);
    expect(await errorCode(await sendFeedback(h, token, { rating: 9 }), 422)).toBe('validation_failed');
    expect(await feedbackFootprint(h)).toEqual(before);
  });
});

describe('bad values: 422 with the error envelope, nothing stored', () => {
  beforeEach(() => deliver(h, shop));

  const cases: [string, unknown][] = [
    ['a rating of 0', { rating: 0 }],
    ['a rating of 6', { rating: 6 }],
    ['a rating of 2.5', { rating: 2.5 }],
    ['a rating of "five"', { rating: 'five' }],
    ['a rating of "4.0"', { rating: '4.0' }],
    ['a rating of null', { rating: null }],
    ['no rating at all', { comment: 'Nice', arrivedOk: true }],
    ['a comment that is not text', { rating: 4, comment: { html: '<b>hi</b>' } }],
    ['"arrived OK?" answered "maybe"', { rating: 4, arrivedOk: 'maybe' }],
    ['"arrived OK?" answered 1', { rating: 4, arrivedOk: 1 }],
    ['a JSON array instead of an object', [{ rating: 5 }]],
    ['a bare number', 5],
  ];
  for (const [what, body] of cases) {
    it(`${what} → 422`, async () => {
      const before = await feedbackFootprint(h);
      expect(await errorCode(await sendFeedback(h, token, body), 422)).toBe('validation_failed');
      expect(await feedbackFootprint(h)).toEqual(before);
    });
  }

  it('a comment of 1,001 characters → 422 comment_too_long, nothing stored', async () => {
    const before = await feedbackFootprint(h);
    expect(await errorCode(await sendFeedback(h, token, { rating: 4, comment: 'x'.repeat(1001) }), 422)).toBe('comment_too_long');
    expect(await feedbackFootprint(h)).toEqual(before);
  });

  it('the message names the field at fault', async () => {
    const res = await sendFeedback(h, token, { rating: 4, comment: 'x'.repeat(1001) });
    expect((await res.json()).error.message).toMatch(/comment/);
  });

  const formCases: [string, Record<string, string>][] = [
    ['no rating chosen', { comment: 'ok' }],
    ['a rating of "0"', { rating: '0' }],
    ['a rating of "6"', { rating: '6' }],
    ['"arrived OK?" answered "maybe"', { rating: '4', arrivedOk: 'maybe' }],
  ];
  it('form post with a comment of 1,001 characters → back to the page with feedback=comment_too_long, nothing stored', async () => {
    const res = redirect(await postForm(h, `/api/t/${token}/feedback`, { rating: '4', comment: 'x'.repeat(1001), lang: 'es' }));
    expect(res).toEqual({ path: `/t/${token}`, query: { feedback: 'comment_too_long', lang: 'es' }, hash: '#feedback' });
    expect(await rows(h, 'SELECT id FROM feedback')).toEqual([]);
  });
  for (const [what, fields] of formCases) {
    it(`form post with ${what} → back to the page with feedback=invalid, nothing stored`, async () => {
      const res = redirect(await postForm(h, `/api/t/${token}/feedback`, { ...fields, lang: 'es' }));
      expect(res).toEqual({ path: `/t/${token}`, query: { feedback: 'invalid', lang: 'es' }, hash: '#feedback' });
      expect(await rows(h, 'SELECT id FROM feedback')).toEqual([]);
    });
  }
});
