import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { addEvent, postForm, rows, type Shop } from '../support/sms-api';
import { deliver, errorCode, feedbackFootprint, feedbackShop, PKG1, PKG2, placeOrder, redirect, reportMissing } from '../support/feedback-api';

let h: Harness;
let shop: Shop;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  token = await placeOrder(h, shop, 'SO-1001', [PKG1, PKG2]);
});
afterEach(() => h.close());

/** Asserts the refusal's status and code, and that no report (nor abuse-limit hit) was stored. */
async function refused(body: unknown, status: number, code: string) {
  const before = await feedbackFootprint(h);
  expect(await errorCode(await reportMissing(h, token, body), status)).toBe(code);
  expect(await feedbackFootprint(h)).toEqual(before);
}

describe('nothing delivered yet: 409 not_delivered', () => {
  it('an order out for delivery cannot be reported missing, neither whole nor by package', async () => {
    await addEvent(h, shop, { type: 'out_for_delivery', occurredAt: '2026-11-27T13:00:00Z' });
    await refused({}, 409, 'not_delivered');
    await refused({ missing: 1, note: 'where is it' }, 409, 'not_delivered');
  });

  it('a package that has not been scanned delivered cannot be reported, while its delivered sibling can', async () => {
    await deliver(h, shop, 'SO-1001', PKG1);
    await refused({ missing: 2 }, 409, 'not_delivered');
    expect((await reportMissing(h, token, { missing: 1 })).status).toBe(201);
  });

  it('a no-JS form post before delivery goes back to the not-received page with report=not_delivered', async () => {
    const res = redirect(await postForm(h, `/api/t/${token}/not-received`, { missing: 'order', lang: 'es' }));
    expect(res).toEqual({ path: `/t/${token}/not-received`, query: { report: 'not_delivered', lang: 'es' }, hash: '#report' });
    expect(await rows(h, 'SELECT id FROM problem_reports')).toEqual([]);
  });
});

describe('bad reports on a delivered order: 422, nothing stored', () => {
  beforeEach(async () => {
    await deliver(h, shop, 'SO-1001', PKG1);
    await deliver(h, shop, 'SO-1001', PKG2);
  });

  const cases: [string, unknown][] = [
    ['package 3 of a two-package order', { missing: 3 }],
    ['package "3" sent as text', { missing: '3' }],
    ['package 0', { missing: 0 }],
    ['package 1.5', { missing: 1.5 }],
    ['package "first"', { missing: 'first' }],
    ['package 100', { missing: 100 }],
    ['a contact of 121 characters', { contact: `${'d'.repeat(109)}@example.com` }],
    ['a note that is not text', { note: ['a', 'b'] }],
    ['a JSON array instead of an object', [{ missing: 'order' }]],
  ];
  for (const [what, body] of cases) it(`${what} → 422 validation_failed`, () => refused(body, 422, 'validation_failed'));
  it('a note of 1,001 characters → 422 note_too_long (its own message on the page)', () => refused({ note: 'x'.repeat(1001) }, 422, 'note_too_long'));
  it('a note of 1,000 characters written with CR LF line breaks counts them as the textarea does, and is taken', async () => {
    const note = Array.from({ length: 10 }, () => 'x'.repeat(99)).join('\r\n') + 'x'; // 990 + 9 breaks + 1 = 1,000 as typed
    expect((await reportMissing(h, token, { note })).status).toBe(201);
  });

  const contacts = ['call me maybe', 'dana@', 'dana@example', '@example.com', 'dana@@example.com', '12345', '+1 415 555 267', '415-555-CALL'];
  for (const contact of contacts) {
    it(`a contact that is neither an email nor a phone number ("${contact}") → 422 contact_invalid`, () =>
      refused({ note: 'Not here', contact }, 422, 'contact_invalid'));
  }

  it('a no-JS form post with a bad contact goes back with report=contact_invalid, keeping the language', async () => {
    const res = redirect(await postForm(h, `/api/t/${token}/not-received`, { missing: 'order', contact: 'not a contact', lang: 'es' }));
    expect(res.query).toEqual({ report: 'contact_invalid', lang: 'es' });
    expect(await rows(h, 'SELECT id FROM problem_reports')).toEqual([]);
  });

  it('a no-JS form post with an unknown package number goes back with report=invalid', async () => {
    const res = redirect(await postForm(h, `/api/t/${token}/not-received`, { missing: '7' }));
    expect(res.query).toEqual({ report: 'invalid' });
    expect(await rows(h, 'SELECT id FROM problem_reports')).toEqual([]);
  });

  it('a failed second report leaves the first one as it was', async () => {
    expect((await reportMissing(h, token, { note: 'first', contact: 'dana@example.com' })).status).toBe(201);
    await refused({ note: 'second', contact: 'nope' }, 422, 'contact_invalid');
    expect(await rows(h, 'SELECT note, contact FROM problem_reports')).toEqual([{ note: 'first', contact: 'dana@example.com' }]);
  });
});
