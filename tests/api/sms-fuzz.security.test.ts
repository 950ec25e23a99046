import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { appWithClientIp, newShop, orderToken, SIGNED, sign, twilioUrl } from '../support/sms-api';

// Whatever a browser, a script or a forged webhook posts, the answer is a 2xx, 3xx or 4xx: never a 5xx.

let h: Harness;
let token: string;
let app: ReturnType<typeof appWithClientIp>;
let errors: ReturnType<typeof vi.spyOn>;
beforeAll(async () => {
  h = await startHarness(SIGNED);
  token = await orderToken(h, await newShop(h));
  // a new address per request, so the per-IP limit does not end the exploration after 5 sign-ups
  let n = 0;
  app = appWithClientIp(h, () => `10.0.${(++n >> 8) & 255}.${n & 255}`);
  errors = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(async () => {
  errors.mockRestore();
  await h.close();
});

const RUNS = { numRuns: 150 };
const notServerError = (status: number) => status >= 200 && status < 500;

const phoneLike = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.stringMatching(/^\+?[0-9 ().+\-]{0,24}$/),
  fc.integer({ min: 0, max: 9_999_999 }).map((n) => `+1415${String(n).padStart(7, '0')}`),
  fc.constantFrom('(415) 555-2671', '+44 7911 123456', '+1 242 357 1234', '+800 1234 5678', '415 555 2671 x12', '١٢٣٤٥٦٧٨٩٠'),
);
const optInJson = fc.oneof(
  fc.jsonValue(),
  fc.record(
    { phone: fc.oneof(phoneLike, fc.jsonValue()), consent: fc.oneof(fc.constant(true), fc.jsonValue()), lang: fc.oneof(fc.constantFrom('en', 'es'), fc.jsonValue()) },
    { requiredKeys: [] },
  ),
);
const formFields = fc.dictionary(
  fc.oneof(fc.constantFrom('phone', 'consent', 'lang', 'From', 'Body', 'MessageSid', 'To', 'MessageStatus', 'ErrorCode'), fc.string({ maxLength: 12 })),
  fc.oneof(phoneLike, fc.string({ maxLength: 40, unit: 'grapheme' }), fc.constantFrom('on', 'true', 'STOP', 'YES', 'START', 'HELP', 'es', '21610', 'delivered')),
  { maxKeys: 8 },
);

const post = (path: string, body: string, headers: Record<string, string>) => app.request(path, { method: 'POST', headers, body });

describe('POST /api/t/{token}/sms and …/sms/unsubscribe never answer 5xx', () => {
  it('for random JSON bodies', async () => {
    await fc.assert(
      fc.asyncProperty(optInJson, async (body) => {
        const res = await post(`/api/t/${token}/sms`, JSON.stringify(body), { 'content-type': 'application/json' });
        expect(res.status, await res.text()).toSatisfy(notServerError);
      }),
      RUNS,
    );
  });

  // multipart/form-data included: a malformed multipart body is a 400, like malformed JSON.
  const CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/json', ''];

  for (const path of ['sms', 'sms/unsubscribe']) {
    it(`for random form posts and raw bodies of any content type (${path})`, async () => {
      await fc.assert(
        fc.asyncProperty(formFields, fc.constantFrom(...CONTENT_TYPES), fc.option(fc.string({ maxLength: 200 })), async (fields, type, raw) => {
          const res = await post(`/api/t/${token}/${path}`, raw ?? new URLSearchParams(fields).toString(), type ? { 'content-type': type } : {});
          expect(res.status, await res.text()).toSatisfy(notServerError);
        }),
        RUNS,
      );
    });
  }
});

describe('the Twilio webhooks never answer 5xx', () => {
  it('POST /api/twilio/inbound with random form params, signed or not', async () => {
    await fc.assert(
      fc.asyncProperty(formFields, fc.boolean(), async (fields, signed) => {
        const path = '/api/twilio/inbound';
        const params = Object.fromEntries(new URLSearchParams(new URLSearchParams(fields).toString()));
        const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
        if (signed) headers['x-twilio-signature'] = sign(twilioUrl(h, path), params);
        const res = await post(path, new URLSearchParams(fields).toString(), headers);
        expect(res.status, await res.text()).toSatisfy(notServerError);
        if (!signed) expect(res.status).toBe(403);
      }),
      RUNS,
    );
  });

  it('POST /api/twilio/status with random params and message ids, signed', async () => {
    await fc.assert(
      fc.asyncProperty(formFields, fc.oneof(fc.integer({ min: -2, max: 50 }).map(String), fc.string({ maxLength: 12 })), async (fields, m) => {
        const path = `/api/twilio/status?m=${encodeURIComponent(m)}`;
        const params = Object.fromEntries(new URLSearchParams(new URLSearchParams(fields).toString()));
        const res = await post(path, new URLSearchParams(fields).toString(), {
          'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sign(twilioUrl(h, path), params),
        });
        expect(res.status, await res.text()).toSatisfy(notServerError);
      }),
      RUNS,
    );
  });
});
