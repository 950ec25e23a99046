import { afterEach, describe, expect, it } from 'vitest';
import { call, startHarness, type Harness } from '../support/harness';
import { newShop, optIn, orderToken, PHONE, postForm, rows } from '../support/sms-api';

// The dev transport's inbox and reply box simulate a phone: with real Twilio they must not exist,
// or anyone could read customers' texts or send STOP/YES for any number.

const TWILIO = {
  SMS_TRANSPORT: 'twilio',
  TWILIO_ACCOUNT_SID: `AC${'0123456789abcdef'.repeat(2)}`,
  TWILIO_AUTH_TOKEN: 'test-twilio-auth-token',
  TWILIO_FROM: '+15005550006',
};

let h: Harness;
afterEach(() => h.close());

describe('with SMS_TRANSPORT=twilio the dev endpoints do not exist', () => {
  it('GET /api/dev/sms and POST /api/dev/sms/reply are 404 with the envelope, and the reply does nothing', async () => {
    h = await startHarness(TWILIO);
    await optIn(h, await orderToken(h, await newShop(h)), { phone: PHONE, consent: true });
    for (const res of [
      await call(h, 'GET', '/api/dev/sms'),
      await call(h, 'GET', `/api/dev/sms?phone=${encodeURIComponent(PHONE)}`),
      await call(h, 'POST', '/api/dev/sms/reply', { body: { from: PHONE, body: 'YES' } }),
      await postForm(h, '/api/dev/sms/reply', { from: PHONE, body: 'STOP' }),
    ]) {
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
    expect(await rows(h, 'SELECT id FROM sms_inbound')).toEqual([]);
    expect(await rows(h, 'SELECT status FROM sms_subscriptions')).toEqual([{ status: 'pending' }]);
  });
});

describe('with the dev transport (the default) they simulate the phone', () => {
  it('GET lists each number and its texts, oldest first, and filters by number', async () => {
    h = await startHarness();
    const shop = await newShop(h);
    await optIn(h, await orderToken(h, shop), { phone: PHONE, consent: true });
    await optIn(h, await orderToken(h, shop, 'SO-1002'), { phone: '+13125550142', consent: true });
    h.clock.now = new Date(h.clock.now.getTime() + 60_000); // the customer answers a minute later
    await call(h, 'POST', '/api/dev/sms/reply', { body: { from: PHONE, body: 'YES' } });

    const all = await (await call(h, 'GET', '/api/dev/sms')).json();
    expect(all.phones).toEqual(['+13125550142', PHONE]);
    const mine = await (await call(h, 'GET', `/api/dev/sms?phone=${encodeURIComponent(PHONE)}`)).json();
    expect(mine.phones).toEqual([PHONE]);
    expect(mine.messages.map((m: { direction: string; kind: string | null }) => [m.direction, m.kind])).toEqual([
      ['out', 'confirm_request'], ['in', null], ['out', 'confirmed'],
    ]);
    expect(mine.messages[1]).toMatchObject({ body: 'YES', state: 'yes' });
  });

  it('the reply box answers JSON with the reply, and a form post goes back to the inbox page', async () => {
    h = await startHarness();
    await optIn(h, await orderToken(h, await newShop(h)), { phone: PHONE, consent: true });
    const json = await (await call(h, 'POST', '/api/dev/sms/reply', { body: { from: PHONE, body: 'HELP' } })).json();
    expect(json).toMatchObject({ keyword: 'help' });
    expect(json.reply).toContain('help@acme.example');
    const form = await postForm(h, '/api/dev/sms/reply', { from: PHONE, body: 'YES' });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`/dev/sms?phone=${encodeURIComponent(PHONE)}`);
    expect(await rows(h, 'SELECT status FROM sms_subscriptions')).toEqual([{ status: 'active' }]);
  });

  it('a reply from something that is not an E.164 number is 422', async () => {
    h = await startHarness();
    const res = await call(h, 'POST', '/api/dev/sms/reply', { body: { from: '415 555 2671', body: 'STOP' } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('validation_failed');
    expect(await rows(h, 'SELECT phone FROM sms_opt_outs')).toEqual([]);
  });
});
