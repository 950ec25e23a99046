import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, startHarness, type Harness } from '../support/harness';
import { newShop, optIn, orderToken, PHONE, postForm, rows, smsFootprint } from '../support/sms-api';

// Another site must not be able to sign a visitor's number up, unsubscribe them or fake their replies.

let h: Harness;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  token = await orderToken(h, await newShop(h));
});
afterEach(() => h.close());

const nothingStored = { subscriptions: 0, ledger: 0, texts: 0, hits: 0 };
const CROSS_SITE: Record<string, string>[] = [
  { origin: 'https://evil.example' },
  { origin: 'null' }, // sandboxed frames and some redirects
  { origin: 'http://track.example.test' }, // our host, but not our scheme
  { 'sec-fetch-site': 'cross-site' },
];

describe('customer SMS endpoints refuse cross-site posts', () => {
  for (const headers of CROSS_SITE) {
    it(`an opt-in form posted from another site (${JSON.stringify(headers)}) is 403 and stores nothing`, async () => {
      const res = await postForm(h, `/api/t/${token}/sms`, { phone: PHONE, consent: 'on' }, headers);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
      expect(await smsFootprint(h)).toEqual(nothingStored);
    });
  }

  it('the same post from our own page is accepted', async () => {
    const res = await postForm(h, `/api/t/${token}/sms`, { phone: PHONE, consent: 'on' }, { origin: 'https://track.example.test', 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(303);
    expect(await rows(h, 'SELECT phone FROM sms_subscriptions')).toEqual([{ phone: PHONE }]);
  });

  it('another site cannot press the unsubscribe button for the customer', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    const res = await postForm(h, `/api/t/${token}/sms/unsubscribe`, {}, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await rows(h, 'SELECT status FROM sms_subscriptions')).toEqual([{ status: 'pending' }]);
  });

  it("another site cannot post a YES into the dev phone's reply box", async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    const res = await call(h, 'POST', '/api/dev/sms/reply', { body: { from: PHONE, body: 'YES' }, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(await rows(h, 'SELECT id FROM sms_inbound')).toEqual([]);
  });
});

describe('the number stays private', () => {
  it('the opt-in answer shows only the last 4 digits', async () => {
    const text = await (await optIn(h, token, { phone: PHONE, consent: true })).text();
    expect(text).toContain('2671');
    expect(text).not.toContain('5552671');
  });
});
