import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { messageSid, newShop, optIn, orderToken, PHONE, rows, SIGNED, submittedConfirmText, twilioPost } from '../support/sms-api';

// Status callbacks arrive late, twice and out of order; Twilio's status only moves forward.

let h: Harness;
let id: number;
let sid: string;
beforeEach(async () => {
  h = await startHarness(SIGNED);
  await optIn(h, await orderToken(h, await newShop(h)), { phone: PHONE, consent: true });
  ({ id, sid } = await submittedConfirmText(h));
});
afterEach(() => h.close());

const callback = (status: string, extra: Record<string, string> = {}, m = id) =>
  twilioPost(h, `/api/twilio/status?m=${m}`, { MessageSid: sid, MessageStatus: status, AccountSid: `AC${'a'.repeat(32)}`, ...extra });
const message = async () => (await rows(h, 'SELECT state, provider_sid, provider_status, error_code, submitted_at FROM sms_messages WHERE id = ?', [id]))[0]!;

describe('POST /api/twilio/status', () => {
  it('follows a text forward: sending, sent, delivered', async () => {
    for (const status of ['sending', 'sent', 'delivered']) {
      expect((await callback(status)).status).toBe(204);
      expect((await message()).provider_status).toBe(status);
    }
  });

  it('a late "sent" after "delivered" changes nothing', async () => {
    await callback('delivered');
    await callback('sent');
    await callback('queued');
    expect((await message()).provider_status).toBe('delivered');
  });

  it('"failed" is final: a later "delivered" does not undo it', async () => {
    await callback('failed', { ErrorCode: '30003' });
    await callback('delivered');
    expect(await message()).toMatchObject({ provider_status: 'failed', error_code: '30003' });
  });

  it('the same callback twice is harmless', async () => {
    expect((await callback('delivered')).status).toBe(204);
    expect((await callback('delivered')).status).toBe(204);
    expect(await message()).toMatchObject({ state: 'submitted', provider_status: 'delivered', provider_sid: sid });
  });

  it('a callback naming another MessageSid than ours is ignored', async () => {
    const res = await twilioPost(h, `/api/twilio/status?m=${id}`, { MessageSid: messageSid(), MessageStatus: 'failed' });
    expect(res.status).toBe(204);
    expect(await message()).toMatchObject({ provider_status: 'queued', provider_sid: sid });
  });

  it('a status Twilio does not have is not stored', async () => {
    await callback('sent');
    await callback('exploded');
    expect((await message()).provider_status).toBe('sent');
  });

  it("settles a text whose send outcome was lost: it is submitted with Twilio's sid and never sent again", async () => {
    await h.database.client.execute({
      sql: "UPDATE sms_messages SET state = 'unknown', provider_sid = NULL, provider_status = NULL, submitted_at = NULL WHERE id = ?",
      args: [id],
    });
    expect((await callback('sent')).status).toBe(204);
    const m = await message();
    expect(m).toMatchObject({ state: 'submitted', provider_sid: sid, provider_status: 'sent' });
    expect(m.submitted_at).toBe(h.clock.now.getTime());
  });

  it('a callback for a text that reconciliation had put back to pending settles it, so it is not sent twice', async () => {
    await h.database.client.execute({
      sql: "UPDATE sms_messages SET state = 'pending', attempts = 1, provider_sid = NULL, provider_status = NULL, submitted_at = NULL WHERE id = ?",
      args: [id],
    });
    await callback('sent');
    expect(await message()).toMatchObject({ state: 'submitted', provider_sid: sid });
  });

  it('error 21610 (the handset opted out at the carrier) records the opt-out and ends the subscription', async () => {
    await callback('failed', { ErrorCode: '21610' });
    expect(await rows(h, 'SELECT phone, source FROM sms_opt_outs')).toEqual([{ phone: PHONE, source: 'carrier' }]);
    expect(await rows(h, 'SELECT status, end_reason FROM sms_subscriptions')).toEqual([{ status: 'stopped', end_reason: 'carrier_opt_out' }]);
    expect(await rows(h, "SELECT source FROM sms_consent_events WHERE event = 'stop'")).toEqual([{ source: 'carrier' }]);
    await callback('failed', { ErrorCode: '21610' }); // replayed: recorded once
    expect(await rows(h, "SELECT id FROM sms_consent_events WHERE event = 'stop'")).toHaveLength(1);
  });
});
