import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, startHarness, type Harness } from '../support/harness';
import { devReply, newShop, optIn, orderToken, PHONE, postForm, rows, smsFootprint, type Shop } from '../support/sms-api';

let h: Harness;
let shop: Shop;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await newShop(h);
  token = await orderToken(h, shop);
});
afterEach(() => h.close());

const nothingStored = { subscriptions: 0, ledger: 0, texts: 0, hits: 0 };

describe('opt-in refusals (JSON): 422 with the error envelope, and nothing stored', () => {
  const cases: [string, object, string][] = [
    ['a number that is not a phone number', { phone: '12345', consent: true }, 'phone_invalid'],
    ['an office number with an extension', { phone: '(415) 555-2671 ext. 12', consent: true }, 'phone_invalid'],
    ['a sentence instead of a number', { phone: 'call me at 415 555 2671', consent: true }, 'phone_invalid'],
    ['an unticked consent box', { phone: PHONE }, 'consent_required'],
    ['a UK mobile when only US and CA are allowed', { phone: '+44 7911 123456', consent: true }, 'phone_country_not_allowed'],
    ['a Bahamas number that shares +1 with the US', { phone: '+1 242 357 1234', consent: true }, 'phone_country_not_allowed'],
  ];
  for (const [what, body, code] of cases) {
    it(`${what} → ${code}`, async () => {
      const res = await optIn(h, token, body);
      expect(res.status).toBe(422);
      const json = await res.json();
      expect(json.error.code).toBe(code);
      expect(typeof json.error.message).toBe('string');
      expect(await smsFootprint(h)).toEqual(nothingStored);
    });
  }

  it('consent sent as false → consent_required, like a missing one', async () => {
    const res = await optIn(h, token, { phone: PHONE, consent: false });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('consent_required');
  });

  it('an empty phone field is a 422 asking for a mobile number, not a 500', async () => {
    const res = await optIn(h, token, { phone: '   ', consent: true });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('phone_invalid');
    expect(await smsFootprint(h)).toEqual(nothingStored);
  });

  it('an unknown tracking token is the same 404 as everywhere else', async () => {
    const res = await optIn(h, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { phone: PHONE, consent: true });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
    expect(await smsFootprint(h)).toEqual(nothingStored);
  });
});

describe('opt-in refusals (form): 303 back to the page with the reason', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['an invalid number', { phone: 'not a phone', consent: 'on' }, 'phone_invalid'],
    ['no ticked box', { phone: PHONE }, 'consent_required'],
    ['a country we do not text', { phone: '+447911123456', consent: 'on' }, 'phone_country_not_allowed'],
  ];
  for (const [what, fields, outcome] of cases) {
    it(`${what} → sms=${outcome}`, async () => {
      const res = await postForm(h, `/api/t/${token}/sms`, { ...fields, lang: 'es' });
      expect(res.status).toBe(303);
      const location = new URL(res.headers.get('location')!, 'https://x.test');
      expect(location.pathname).toBe(`/t/${token}`);
      expect(location.searchParams.get('sms')).toBe(outcome);
      expect(location.searchParams.get('lang')).toBe('es');
      expect(location.hash).toBe('#sms');
      expect(await smsFootprint(h)).toEqual(nothingStored);
    });
  }

  it('a blank number (passes the browser\'s required check) → sms=phone_invalid, still in Spanish', async () => {
    const res = await postForm(h, `/api/t/${token}/sms`, { phone: '   ', consent: 'on', lang: 'es' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/t/${token}?sms=phone_invalid&lang=es#sms`);
  });
});

describe('one live phone per order, changed at most 3 times', () => {
  it('the fourth change of number is 429 rate_limited and leaves the third number subscribed', async () => {
    const numbers = ['+14155550101', '+14155550102', '+14155550103', '+14155550104'];
    for (const phone of numbers) expect((await optIn(h, token, { phone, consent: true })).status).toBe(202);
    const res = await optIn(h, token, { phone: '+14155550105', consent: true });
    expect(res.status).toBe(429);
    expect((await res.json()).error.code).toBe('rate_limited');
    const live = await rows(h, "SELECT phone FROM sms_subscriptions WHERE status IN ('pending', 'active')");
    expect(live).toEqual([{ phone: '+14155550104' }]);
    expect(await rows(h, "SELECT id FROM sms_messages WHERE to_phone = '+14155550105'")).toEqual([]);
  });

  it('a form post over the limit lands back with sms=rate_limited', async () => {
    for (const phone of ['+14155550101', '+14155550102', '+14155550103', '+14155550104']) await optIn(h, token, { phone, consent: true });
    const res = await postForm(h, `/api/t/${token}/sms`, { phone: '+14155550105', consent: 'on' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/t/${token}?sms=rate_limited#sms`);
  });
});

describe('a number that replied STOP', () => {
  it('cannot be signed up again from the page (409 phone_opted_out); START by text is the way back', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await devReply(h, PHONE, 'STOP');
    const res = await optIn(h, await orderToken(h, shop, 'SO-1002'), { phone: PHONE, consent: true });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('phone_opted_out');
    expect(await rows(h, "SELECT id FROM sms_messages WHERE state = 'pending'")).toEqual([]);
  });
});

describe('malformed bodies are 4xx, never 500 (product.md §7)', () => {
  const multipart = (path: string, type: string) => h.app.request(path, { method: 'POST', headers: { 'content-type': type }, body: 'phone=1' });
  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));
  afterEach(() => vi.restoreAllMocks());

  it('a broken multipart opt-in is a 4xx', async () => {
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=x']) {
      const res = await multipart(`/api/t/${token}/sms`, type);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('a broken multipart unsubscribe is a 4xx', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    const res = await multipart(`/api/t/${token}/sms/unsubscribe`, 'multipart/form-data; boundary=x');
    expect(res.status).toBeLessThan(500);
    expect(await rows(h, "SELECT id FROM sms_subscriptions WHERE status = 'pending'")).toHaveLength(1);
  });

  it('invalid JSON is 400 invalid_json and an unknown content type 415', async () => {
    const bad = await call(h, 'POST', `/api/t/${token}/sms`, { body: '{"phone":' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_json');
    const xml = await h.app.request(`/api/t/${token}/sms`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<phone/>' });
    expect(xml.status).toBe(415);
    expect(await smsFootprint(h)).toEqual(nothingStored);
  });
});
