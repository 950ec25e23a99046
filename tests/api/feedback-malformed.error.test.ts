import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { type Shop } from '../support/sms-api';
import { deliveredOrder, errorCode, feedbackFootprint, feedbackShop, redirect } from '../support/feedback-api';

// Whatever arrives at the two customer endpoints, a broken body is a 4xx in the one envelope
// (product.md §7): never a 500, never a stored row.

let h: Harness;
let shop: Shop;
let token: string;
beforeAll(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  token = await deliveredOrder(h, shop);
});
afterAll(() => h.close());

const KIB = 1024;
const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  h.app.request(`/api/t/${token}/${path}`, { method: 'POST', headers, body });

/** A JSON body of exactly `bytes` bytes whose comment and note are both far too long. */
function jsonOfSize(bytes: number) {
  const shell = JSON.stringify({ rating: 5, missing: 'order', comment: '', note: 'x'.repeat(2000) });
  return shell.replace('"comment":""', `"comment":"${'x'.repeat(bytes - shell.length)}"`);
}

async function rejected(res: Response, status: number, code: string) {
  const before = await feedbackFootprint(h);
  expect(await errorCode(res, status)).toBe(code);
  expect(await feedbackFootprint(h)).toEqual(before);
}

for (const path of ['feedback', 'not-received']) {
  describe(`POST /api/t/{token}/${path} with a broken body`, () => {
    it('a body one byte over 64 KiB is refused with 413 payload_too_large', async () => {
      await rejected(await post(path, jsonOfSize(64 * KIB + 1), { 'content-type': 'application/json' }), 413, 'payload_too_large');
    });

    it('a body that declares more than 64 KiB is refused with 413 before it is read', async () => {
      const body = JSON.stringify({ rating: 5 });
      await rejected(await post(path, body, { 'content-type': 'application/json', 'content-length': String(64 * KIB + 1) }), 413, 'payload_too_large');
    });

    it('a form over 64 KiB (no-JS post) is a 413 too, not a redirect', async () => {
      const body = new URLSearchParams({ rating: '5', comment: 'x'.repeat(65 * KIB) }).toString();
      await rejected(await post(path, body, { 'content-type': 'application/x-www-form-urlencoded' }), 413, 'payload_too_large');
    });

    it('a body of exactly 64 KiB is read (and refused for its too-long text, not its size)', async () => {
      const res = await post(path, jsonOfSize(64 * KIB), { 'content-type': 'application/json' });
      expect(res.status).toBe(422);
      expect(['comment_too_long', 'note_too_long']).toContain((await res.json()).error.code);
    });

    for (const [what, body] of [['truncated JSON', '{"rating": 5,'], ['single quotes', "{'rating': 5}"], ['an empty body', ''], ['NaN', '{"rating": NaN}']]) {
      it(`${what} sent as JSON → 400 invalid_json`, async () => {
        await rejected(await post(path, body!, { 'content-type': 'application/json' }), 400, 'invalid_json');
      });
    }

    it('a multipart body that does not match its boundary → 400 invalid_form', async () => {
      await rejected(await post(path, 'rating=5', { 'content-type': 'multipart/form-data; boundary=----abc' }), 400, 'invalid_form');
    });

    it('multipart without a boundary → 400 invalid_form', async () => {
      await rejected(await post(path, '------abc\r\nContent-Disposition: form-data; name="rating"\r\n\r\n5\r\n------abc--\r\n', { 'content-type': 'multipart/form-data' }), 400, 'invalid_form');
    });

    for (const type of ['text/plain', 'application/xml', 'application/jsonx', null]) {
      it(`content type ${type ?? '(none)'} → 415 unsupported_media_type`, async () => {
        await rejected(await post(path, '{"rating":5}', type ? { 'content-type': type } : {}), 415, 'unsupported_media_type');
      });
    }

    it('a well-formed multipart post (a browser form with enctype multipart) is accepted like any form', async () => {
      const form = new FormData();
      form.set('rating', '4');
      form.set('missing', 'order');
      form.set('lang', 'es');
      const res = redirect(await post(path, form));
      expect(Object.values(res.query)).toContain('es');
      expect(['thanks', 'sent']).toContain(res.query.feedback ?? res.query.report);
    });
  });
}
