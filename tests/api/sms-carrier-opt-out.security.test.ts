import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { newShop, optIn, orderToken, PHONE, rows, SIGNED, submittedConfirmText, twilioPost, type Shop } from '../support/sms-api';

// A status callback carrying Twilio's 21610 means the handset opted out at its carrier: every text
// to that number stops, and the consent ledger says why. Any other callback opts nobody out.

let h: Harness;
let shop: Shop;
let id: number;
let sid: string;
beforeEach(async () => {
  h = await startHarness(SIGNED);
  shop = await newShop(h);
  await optIn(h, await orderToken(h, shop), { phone: PHONE, consent: true });
  ({ id, sid } = await submittedConfirmText(h));
});
afterEach(() => h.close());

const callback = (status: string, extra: Record<string, string> = {}) =>
  twilioPost(h, `/api/twilio/status?m=${id}`, { MessageSid: sid, MessageStatus: status, AccountSid: `AC${'a'.repeat(32)}`, ...extra });
const optOuts = () => rows(h, 'SELECT phone, source FROM sms_opt_outs');
const carrierStops = () => rows(h, "SELECT seller_id, order_id, subscription_id, phone FROM sms_consent_events WHERE event = 'stop' AND source = 'carrier'");

describe('carrier opt-outs from status callbacks', () => {
  it('an ordinary failure (30003, unreachable) opts nobody out', async () => {
    expect((await callback('undelivered', { ErrorCode: '30003' })).status).toBe(204);
    expect(await optOuts()).toEqual([]);
    expect(await rows(h, 'SELECT status FROM sms_subscriptions')).toEqual([{ status: 'pending' }]);
  });

  it('21610 stops the subscription, cancels waiting texts to the number, and writes one ledger row naming the order and subscription', async () => {
    const other = await orderToken(h, shop, 'SO-2');
    await optIn(h, other, { phone: PHONE, consent: true }, { 'x-forwarded-for': '198.51.100.7' }); // a second order's waiting text
    expect((await callback('failed', { ErrorCode: '21610' })).status).toBe(204);
    expect(await optOuts()).toEqual([{ phone: PHONE, source: 'carrier' }]);
    expect(await rows(h, 'SELECT status, end_reason FROM sms_subscriptions ORDER BY id')).toEqual([
      { status: 'stopped', end_reason: 'carrier_opt_out' },
      { status: 'stopped', end_reason: 'carrier_opt_out' },
    ]);
    expect(await rows(h, "SELECT state FROM sms_messages WHERE state = 'pending'")).toEqual([]);
    const subs = await rows(h, 'SELECT id, order_id, seller_id FROM sms_subscriptions ORDER BY id');
    expect(await carrierStops()).toEqual(subs.map((s) => ({ seller_id: s.seller_id, order_id: s.order_id, subscription_id: s.id, phone: PHONE })));
  });

  it('a second 21610 for the same number adds nothing: one opt-out, the same ledger rows', async () => {
    await callback('failed', { ErrorCode: '21610' });
    const ledger = await carrierStops();
    await callback('failed', { ErrorCode: '21610' });
    expect(await optOuts()).toHaveLength(1);
    expect(await carrierStops()).toEqual(ledger);
  });
});

describe('callbacks for texts that were never sent', () => {
  it('a callback for a text we cancelled does not bring it back as sent', async () => {
    await h.database.client.execute({ sql: "UPDATE sms_messages SET state = 'cancelled', provider_sid = NULL, provider_status = NULL WHERE id = ?", args: [id] });
    await callback('queued');
    expect((await rows(h, 'SELECT state FROM sms_messages WHERE id = ?', [id]))[0]).toEqual({ state: 'cancelled' });
  });
});
