import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { appWithClientIp, rows, type Shop } from '../support/sms-api';
import { deliveredOrder, feedbackShop, PKG1, PKG2 } from '../support/feedback-api';

// Random bodies to both customer endpoints never yield a 5xx and never store a row for an invalid
// body: whatever is refused (4xx, or a form's 303 back with an error code) leaves both tables as
// they were, and whatever is accepted still renders in the page data.

let h: Harness;
let shop: Shop;
let token: string;
let app: ReturnType<typeof appWithClientIp>;
let errors: ReturnType<typeof vi.spyOn>;
beforeAll(async () => {
  h = await startHarness();
  shop = await feedbackShop(h);
  token = await deliveredOrder(h, shop, 'SO-1001', [PKG1, PKG2]);
  let n = 0;
  app = appWithClientIp(h, () => `10.1.${(++n >> 8) & 255}.${n & 255}`);
  errors = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(async () => {
  errors.mockRestore();
  await h.close();
});

const RUNS = { numRuns: 150 };
const ENDPOINTS = ['feedback', 'not-received'] as const;
const SUCCESS_OUTCOMES = new Set(['thanks', 'updated', 'sent']);

// Both tables, whole; the abuse-limit hits are cleared before each post so that the per-order
// limits (20 and 10 a day) do not turn most of the exploration into 429s.
const tables = async () => JSON.stringify([await rows(h, 'SELECT * FROM feedback ORDER BY id'), await rows(h, 'SELECT * FROM problem_reports ORDER BY id')]);

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 20, unit: 'binary' }), // lone surrogates, NUL, controls
  fc.constantFrom('', '   ', 'x'.repeat(1000), 'x'.repeat(1001), '<script>alert(1)</script>', "'; DROP TABLE feedback; --"),
);
const scalar = fc.oneof(text, fc.integer({ min: -3, max: 120 }), fc.double(), fc.boolean(), fc.constant(null));
// mostly plausible values (so accepted bodies and edits are explored too), sometimes anything
const field = (...likely: unknown[]) => fc.oneof({ arbitrary: fc.constantFrom(...likely), weight: 6 }, { arbitrary: scalar, weight: 1 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 });

const plausibleBody = fc.record(
  {
    rating: field(1, 2, 5, '3', 0, 6, 2.5, 'five'),
    comment: field('Lovely', '', 'Box was crushed'),
    arrivedOk: field(true, false, 'yes', 'no', 'maybe'),
    missing: field('order', 1, 2, '2', 3, 0, 'first'),
    note: field('Not on the porch'),
    contact: field('dana@example.com', '(415) 555-2671', '+44 7911 123456', 'not a contact', '12345'),
    lang: field('en', 'es', 'fr'),
  },
  { requiredKeys: ['rating'] }, // bodies without a rating come from fc.jsonValue()
);
const bodyJson = fc.oneof({ arbitrary: fc.jsonValue(), weight: 1 }, { arbitrary: plausibleBody, weight: 2 });

const formFields = fc.dictionary(
  fc.oneof({ arbitrary: fc.constantFrom('rating', 'comment', 'arrivedOk', 'missing', 'note', 'contact', 'lang'), weight: 4 }, { arbitrary: fc.string({ maxLength: 10 }), weight: 1 }),
  fc.oneof({ arbitrary: text, weight: 1 }, { arbitrary: fc.constantFrom('1', '5', '6', 'yes', 'no', 'order', '2', '3', 'es', 'dana@example.com', '(415) 555-2671'), weight: 3 }),
  { maxKeys: 8 },
);
const CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=xyz', 'application/json', 'application/json; charset=utf-8', 'text/plain', ''];

/** A refused post: any 4xx, or a no-JS form sent back with an error outcome. */
function refused(res: Response): boolean {
  if (res.status >= 400) return true;
  if (res.status !== 303) return false;
  const q = new URL(res.headers.get('location')!, 'https://x.test').searchParams;
  return !SUCCESS_OUTCOMES.has(q.get('feedback') ?? q.get('report') ?? '');
}

async function postAndCheck(path: string, init: RequestInit) {
  await h.database.client.execute('DELETE FROM rate_limit_hits');
  const before = await tables();
  const res = await app.request(`/api/t/${token}/${path}`, { method: 'POST', ...init });
  const body = await res.text();
  expect(res.status, body).toBeLessThan(500);
  if (refused(res)) expect(await tables(), `${res.status} ${body}`).toBe(before);
  // whatever was accepted can be shown back to the customer
  else expect((await app.request(`/api/t/${token}`)).status).toBe(200);
}

describe('random bodies to POST /api/t/{token}/feedback and …/not-received', () => {
  for (const path of ENDPOINTS) {
    it(`${path}: random JSON values never give a 5xx, and a refused one stores nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(bodyJson, (body) => postAndCheck(path, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })),
        RUNS,
      );
    });

    it(`${path}: random form fields, raw bodies and content types never give a 5xx, and a refused one stores nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(formFields, fc.constantFrom(...CONTENT_TYPES), fc.constantFrom('urlencoded', 'multipart', 'raw'), fc.string({ maxLength: 200 }), async (fields, type, shape, raw) => {
          if (shape === 'multipart') {
            const form = new FormData();
            for (const [k, v] of Object.entries(fields)) form.append(k, v);
            return postAndCheck(path, { body: form });
          }
          const body = shape === 'raw' ? raw : new URLSearchParams(fields).toString();
          return postAndCheck(path, { headers: type ? { 'content-type': type } : {}, body });
        }),
        RUNS,
      );
    });
  }
});
