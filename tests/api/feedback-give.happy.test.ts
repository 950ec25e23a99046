import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { postForm, rows, type Shop } from '../support/sms-api';
import {
  customerView, deliver, deliveredOrder, feedbackShop, placeOrder, redirect, REVIEWS, sellerOrder, sendFeedback,
} from '../support/feedback-api';

// Feedback after delivery (product.md §6): one per order, editable for 14 days, and every
// customer thanked the same way whatever the rating.

let h: Harness;
let shop: Shop;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h, 'Acme Goods', REVIEWS);
  token = await deliveredOrder(h, shop);
});
afterEach(() => h.close());

const DAY = 86_400_000;
const later = (ms: number) => (h.clock.now = new Date(h.clock.now.getTime() + ms));

describe('giving feedback (JSON)', () => {
  it('a customer rates a delivered order: 201 with what they said, shown back to them and to the seller', async () => {
    const res = await sendFeedback(h, token, { rating: 4, comment: '  Well packed, a day late.  ', arrivedOk: true });
    expect(res.status).toBe(201);
    const now = h.clock.now.toISOString();
    expect(await res.json()).toEqual({
      feedback: { rating: 4, comment: 'Well packed, a day late.', arrivedOk: true, createdAt: now, updatedAt: now },
      publicFeedbackUrl: REVIEWS,
    });
    expect((await customerView(h, token)).feedback).toEqual({ rating: 4, comment: 'Well packed, a day late.', arrivedOk: true, createdAt: now });
    expect((await sellerOrder(h, shop)).feedback).toEqual({ rating: 4, comment: 'Well packed, a day late.', arrivedOk: true, language: 'en', createdAt: now, updatedAt: now });
  });

  it('only a rating is required: comment and "arrived OK?" stay unanswered (null), not "no"', async () => {
    const res = await sendFeedback(h, token, { rating: 3, comment: '   ' });
    expect(res.status).toBe(201);
    expect((await res.json()).feedback).toMatchObject({ rating: 3, comment: null, arrivedOk: null });
  });

  it('a rating and answer sent as strings ("2", "no") mean the same as 2 and false', async () => {
    const res = await sendFeedback(h, token, { rating: '2', arrivedOk: 'no' });
    expect(res.status).toBe(201);
    expect((await res.json()).feedback).toMatchObject({ rating: 2, arrivedOk: false });
  });

  it('a comment of exactly 1,000 characters is kept whole', async () => {
    const res = await sendFeedback(h, token, { rating: 5, comment: 'é'.repeat(1000) });
    expect(res.status).toBe(201);
    expect((await res.json()).feedback.comment).toHaveLength(1000);
  });

  it('feedback opens after a delivered scan for the whole order (no tracking number) too', async () => {
    const other = await placeOrder(h, shop, 'SO-2002');
    await deliver(h, shop, 'SO-2002', null);
    expect((await sendFeedback(h, other, { rating: 5 })).status).toBe(201);
  });
});

describe('changing feedback within 14 days', () => {
  it('a second submission edits the first: 200, still one feedback, first-given time kept, new answers replace the old', async () => {
    const first = await (await sendFeedback(h, token, { rating: 2, comment: 'Box was crushed', arrivedOk: false })).json();
    later(3 * DAY);
    const res = await sendFeedback(h, token, { rating: 4 });
    expect(res.status).toBe(200);
    const edited = (await res.json()).feedback;
    expect(edited).toEqual({ rating: 4, comment: null, arrivedOk: null, createdAt: first.feedback.createdAt, updatedAt: h.clock.now.toISOString() });
    expect(await rows(h, 'SELECT rating FROM feedback')).toEqual([{ rating: 4 }]);
    expect((await customerView(h, token)).feedback.rating).toBe(4);
  });

  it('an edit exactly 14 days after the first feedback is still accepted', async () => {
    expect((await sendFeedback(h, token, { rating: 1 })).status).toBe(201);
    later(14 * DAY);
    expect((await sendFeedback(h, token, { rating: 5 })).status).toBe(200);
  });
});

describe('a double click', () => {
  it('a double-clicked submit button gives one feedback (one 201, one 200), not two and not an error', async () => {
    const answers = await Promise.all([sendFeedback(h, token, { rating: 5 }), sendFeedback(h, token, { rating: 5 })]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(await rows(h, 'SELECT rating FROM feedback')).toEqual([{ rating: 5 }]);
  });
});

describe('no review gating: every rating gets the same follow-up', () => {
  it('a 1-star and a 5-star customer are both given the seller’s public feedback link, and the same answer otherwise', async () => {
    const happy = await deliveredOrder(h, shop, 'SO-2002');
    const unhappy = await (await sendFeedback(h, token, { rating: 1, comment: 'Never again' })).json();
    const delighted = await (await sendFeedback(h, happy, { rating: 5, comment: 'Lovely' })).json();
    expect(unhappy.publicFeedbackUrl).toBe(REVIEWS);
    expect(delighted.publicFeedbackUrl).toBe(unhappy.publicFeedbackUrl);
    expect(Object.keys(delighted).sort()).toEqual(Object.keys(unhappy).sort());
  });

  it('a seller without a public feedback page: null for the 1-star and the 5-star customer alike', async () => {
    const plain = await feedbackShop(h, 'Plain Shop');
    const a = await deliveredOrder(h, plain, 'PL-1');
    const b = await deliveredOrder(h, plain, 'PL-2');
    const low = await sendFeedback(h, a, { rating: 1 });
    const high = await sendFeedback(h, b, { rating: 5 });
    expect([low.status, high.status]).toEqual([201, 201]);
    expect((await low.json()).publicFeedbackUrl).toBeNull();
    expect((await high.json()).publicFeedbackUrl).toBeNull();
  });

  it('form posts: a 1-star and a 5-star customer land on the same thank-you', async () => {
    const happy = await deliveredOrder(h, shop, 'SO-2002');
    const low = redirect(await postForm(h, `/api/t/${token}/feedback`, { rating: '1' }));
    const high = redirect(await postForm(h, `/api/t/${happy}/feedback`, { rating: '5' }));
    expect(low.query).toEqual(high.query);
    expect(low.query.feedback).toBe('thanks');
  });
});

describe('giving feedback without JavaScript (form posts)', () => {
  it('the first post goes back to the page with "thanks", an edit with "updated", keeping the language', async () => {
    const first = await postForm(h, `/api/t/${token}/feedback`, { rating: '5', comment: 'Gracias', arrivedOk: 'yes', lang: 'es' });
    expect(first.headers.get('location')).toBe(`/t/${token}?feedback=thanks&lang=es#feedback`);
    expect(await rows(h, 'SELECT rating, comment, arrived_ok, language FROM feedback')).toEqual([{ rating: 5, comment: 'Gracias', arrived_ok: 1, language: 'es' }]);
    later(DAY);
    const edit = redirect(await postForm(h, `/api/t/${token}/feedback`, { rating: '4', arrivedOk: 'no', lang: 'es' }));
    expect(edit).toEqual({ path: `/t/${token}`, query: { feedback: 'updated', lang: 'es' }, hash: '#feedback' });
    expect(await rows(h, 'SELECT rating, arrived_ok FROM feedback')).toEqual([{ rating: 4, arrived_ok: 0 }]);
  });

  it('without a lang field the redirect carries none', async () => {
    const res = await postForm(h, `/api/t/${token}/feedback`, { rating: '3' });
    expect(res.headers.get('location')).toBe(`/t/${token}?feedback=thanks#feedback`);
  });
});
