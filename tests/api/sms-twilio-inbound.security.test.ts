import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import {
  AUTH_TOKEN, count, inboundParams, newShop, orderToken, PHONE, rows, sign, SIGNED, subscribed, twilioPost, twilioUrl, twimlReply,
} from '../support/sms-api';

let h: Harness;
let inboundBefore: number; // the YES that confirmed the subscription
beforeEach(async () => {
  h = await startHarness(SIGNED);
  await subscribed(h, await orderToken(h, await newShop(h)));
  inboundBefore = await count(h, 'sms_inbound');
});
afterEach(() => h.close());

const INBOUND = '/api/twilio/inbound';

/** A forged request is refused with the envelope, and the texted keyword had no effect at all. */
async function expectRefused(res: Response) {
  expect(res.status).toBe(403);
  expect((await res.json()).error.code).toBe('forbidden');
  expect(await count(h, 'sms_inbound')).toBe(inboundBefore);
  expect(await count(h, 'sms_opt_outs')).toBe(0);
  expect(await rows(h, 'SELECT status FROM sms_subscriptions')).toEqual([{ status: 'active' }]);
}

describe('POST /api/twilio/inbound only believes requests signed by Twilio', () => {
  it('a correctly signed text is answered with TwiML', async () => {
    const res = await twilioPost(h, INBOUND, inboundParams(PHONE, 'HELP'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml[^>]*\?><Response>/);
    expect(twimlReply(xml)).toContain('help@acme.example');
  });

  it('a STOP whose body was changed after signing is refused (403) and stops nothing', async () => {
    const params = inboundParams(PHONE, 'STOP');
    await expectRefused(await twilioPost(h, INBOUND, params, { signedParams: { ...params, Body: 'thanks' } }));
  });

  it('an added parameter breaks the signature', async () => {
    const params = inboundParams(PHONE, 'STOP');
    await expectRefused(await twilioPost(h, INBOUND, { ...params, Extra: '1' }, { signedParams: params }));
  });

  it('a signature made for another path, another query or another host is refused', async () => {
    const params = inboundParams(PHONE, 'STOP');
    for (const signedUrl of [twilioUrl(h, '/api/twilio/status'), twilioUrl(h, `${INBOUND}?x=1`), `https://evil.example.test${INBOUND}`]) {
      await expectRefused(await twilioPost(h, INBOUND, params, { signedUrl }));
    }
  });

  it('a request signed with the query string Twilio called is accepted only at that query', async () => {
    const params = inboundParams(PHONE, 'HELP');
    const signedUrl = twilioUrl(h, `${INBOUND}?source=a`);
    await expectRefused(await twilioPost(h, `${INBOUND}?source=b`, params, { signedUrl }));
    expect((await twilioPost(h, `${INBOUND}?source=a`, params, { signedUrl })).status).toBe(200);
  });

  it('a missing, empty or garbage signature header is refused', async () => {
    for (const signature of [null, '', 'not-base64!', sign(twilioUrl(h, INBOUND), {})]) {
      await expectRefused(await twilioPost(h, INBOUND, inboundParams(PHONE, 'STOP'), { signature }));
    }
  });

  it('a signature made with another auth token is refused', async () => {
    await expectRefused(await twilioPost(h, INBOUND, inboundParams(PHONE, 'STOP'), { authToken: `${AUTH_TOKEN}x` }));
  });

  it('JSON is 415: Twilio posts forms', async () => {
    const res = await twilioPost(h, INBOUND, inboundParams(PHONE, 'STOP'), { contentType: 'application/json' });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('unsupported_media_type');
    expect(await count(h, 'sms_inbound')).toBe(inboundBefore);
  });
});

describe('without TWILIO_AUTH_TOKEN nothing can be verified', () => {
  it('every webhook is refused, however it is signed', async () => {
    const unsigned = await startHarness();
    try {
      const res = await twilioPost(unsigned, INBOUND, inboundParams(PHONE, 'STOP'));
      expect(res.status).toBe(403);
      expect(await count(unsigned, 'sms_inbound')).toBe(0);
    } finally {
      await unsigned.close();
    }
  });
});

describe('Twilio retries: one MessageSid has one effect', () => {
  it('the same signed STOP replayed 5 times at once stops once, records once and replies once', async () => {
    const params = inboundParams(PHONE, 'STOP');
    const responses = await Promise.all(Array.from({ length: 5 }, () => twilioPost(h, INBOUND, params)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const replies = await Promise.all(responses.map(async (r) => twimlReply(await r.text())));
    expect(replies.filter((r) => r !== null)).toHaveLength(1);
    expect(await count(h, 'sms_inbound')).toBe(inboundBefore + 1);
    expect(await rows(h, "SELECT event FROM sms_consent_events WHERE source = 'sms' AND event = 'stop'")).toHaveLength(1);
    expect(await rows(h, "SELECT id FROM sms_messages WHERE kind = 'stop_confirm'")).toHaveLength(1);
  });

  it('a replay after the fact answers an empty <Response/>', async () => {
    const params = inboundParams(PHONE, 'HELP');
    expect(twimlReply(await (await twilioPost(h, INBOUND, params)).text())).not.toBeNull();
    const again = await twilioPost(h, INBOUND, params);
    expect(again.status).toBe(200);
    expect(await again.text()).toMatch(/<Response\/>$/);
    expect(await rows(h, "SELECT id FROM sms_consent_events WHERE event = 'help'")).toHaveLength(1);
  });
});
