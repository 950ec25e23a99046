import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { messageSid, newShop, optIn, orderToken, PHONE, rows, SIGNED, twilioPost, twilioUrl } from '../support/sms-api';

let h: Harness;
let id: number;
beforeEach(async () => {
  h = await startHarness(SIGNED);
  await optIn(h, await orderToken(h, await newShop(h)), { phone: PHONE, consent: true });
  id = Number((await rows(h, 'SELECT id FROM sms_messages'))[0]!.id);
});
afterEach(() => h.close());

const params = () => ({ MessageSid: messageSid(), MessageStatus: 'failed', ErrorCode: '21610' });
const untouched = async () => {
  expect(await rows(h, 'SELECT provider_status, provider_sid FROM sms_messages WHERE id = ?', [id])).toEqual([{ provider_status: null, provider_sid: null }]);
  expect(await rows(h, 'SELECT phone FROM sms_opt_outs')).toEqual([]);
};

describe('POST /api/twilio/status is signed like every Twilio webhook', () => {
  it('an unsigned callback is refused before it can fail a text or opt a number out', async () => {
    const res = await twilioPost(h, `/api/twilio/status?m=${id}`, params(), { signature: null });
    expect(res.status).toBe(403);
    await untouched();
  });

  it('a signature for another message id (the query is signed too) is refused', async () => {
    const res = await twilioPost(h, `/api/twilio/status?m=${id}`, params(), { signedUrl: twilioUrl(h, `/api/twilio/status?m=${id + 1}`) });
    expect(res.status).toBe(403);
    await untouched();
  });

  it('a signature for the inbound webhook does not work on the status one', async () => {
    const res = await twilioPost(h, `/api/twilio/status?m=${id}`, params(), { signedUrl: twilioUrl(h, '/api/twilio/inbound') });
    expect(res.status).toBe(403);
    await untouched();
  });

  for (const query of ['', '?m=', '?m=abc', '?m=0', '?m=-3', '?m=1.5', '?m=99999999999999999999']) {
    it(`a signed callback with m "${query || '(none)'}" is 400`, async () => {
      const res = await twilioPost(h, `/api/twilio/status${query}`, params());
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('bad_request');
      await untouched();
    });
  }

  it('a signed callback for a message we never had changes nothing', async () => {
    expect((await twilioPost(h, `/api/twilio/status?m=${id + 1000}`, params())).status).toBe(204);
    await untouched();
  });

  it('a signed callback without MessageStatus is a 4xx, not a 500', async () => {
    const res = await twilioPost(h, `/api/twilio/status?m=${id}`, { MessageSid: messageSid() });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await untouched();
  });
});
