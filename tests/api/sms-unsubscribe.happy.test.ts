import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, startHarness, type Harness } from '../support/harness';
import { addEvent, devReply, newShop, optIn, orderToken, PHONE, pendingKinds, postForm, rows, type Shop } from '../support/sms-api';

let h: Harness;
let shop: Shop;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await newShop(h);
  token = await orderToken(h, shop);
});
afterEach(() => h.close());

const unsubscribeJson = () => call(h, 'POST', `/api/t/${token}/sms/unsubscribe`, { body: {} });
const pageSms = async () => {
  const res = await call(h, 'GET', `/api/t/${token}`);
  const text = await res.text();
  expect(text).not.toContain('4155552671'); // the full number never reaches the page
  return JSON.parse(text).sms;
};

describe('the tracking page knows about texts without showing the number', () => {
  it('shows pending with the last 4 digits until YES, then active, then nothing after unsubscribing', async () => {
    expect(await pageSms()).toBeNull();
    await optIn(h, token, { phone: PHONE, consent: true });
    expect(await pageSms()).toEqual({ status: 'pending', last4: '2671' });
    await devReply(h, PHONE, 'YES');
    expect(await pageSms()).toEqual({ status: 'active', last4: '2671' });
    await unsubscribeJson();
    expect(await pageSms()).toBeNull();
  });
});

describe("the page's unsubscribe button", () => {
  it('JSON: answers unsubscribed, ends the subscription and cancels texts still waiting', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await devReply(h, PHONE, 'YES');
    h.clock.now = new Date('2026-11-28T02:00:00Z'); // 21:00 in Detroit: the text waits for morning
    await addEvent(h, shop, { id: 'e1', type: 'out_for_delivery', occurredAt: '2026-11-28T01:55:00Z' });
    expect(await pendingKinds(h)).toContain('out_for_delivery');

    const res = await unsubscribeJson();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'unsubscribed' });
    expect(await rows(h, 'SELECT status, end_reason FROM sms_subscriptions')).toEqual([{ status: 'stopped', end_reason: 'unsubscribed' }]);
    expect(await pendingKinds(h)).toEqual([]);
    expect((await rows(h, "SELECT state FROM sms_messages WHERE kind = 'out_for_delivery'"))[0]!.state).toBe('cancelled');
  });

  it('records the unsubscribe in the consent ledger', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await unsubscribeJson();
    const ledger = await rows(h, 'SELECT event, source, phone, seller_id FROM sms_consent_events ORDER BY id');
    expect(ledger).toEqual([
      { event: 'opt_in', source: 'web', phone: PHONE, seller_id: shop.sellerId },
      { event: 'unsubscribe', source: 'web', phone: PHONE, seller_id: shop.sellerId },
    ]);
  });

  it('form: lands back on the page with sms=unsubscribed, in the language of the page', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    const res = await postForm(h, `/api/t/${token}/sms/unsubscribe`, { lang: 'es' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/t/${token}?sms=unsubscribed&lang=es#sms`);
    expect(await rows(h, "SELECT id FROM sms_subscriptions WHERE status IN ('pending', 'active')")).toEqual([]);
  });

  it('pressing it again says not_subscribed and records nothing more', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await unsubscribeJson();
    expect(await (await unsubscribeJson()).json()).toEqual({ status: 'not_subscribed' });
    expect(await rows(h, "SELECT id FROM sms_consent_events WHERE event = 'unsubscribe'")).toHaveLength(1);
  });

  it('later events for the order are not texted, and the customer may sign up again from the page', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await devReply(h, PHONE, 'YES');
    await unsubscribeJson();
    await addEvent(h, shop, { id: 'e1', type: 'shipped', occurredAt: '2026-11-27T14:00:00Z' });
    expect(await rows(h, "SELECT id FROM sms_messages WHERE kind = 'shipped'")).toEqual([]);
    const again = await optIn(h, token, { phone: PHONE, consent: true });
    expect(await again.json()).toEqual({ status: 'subscribed', phoneLast4: '2671' }); // this seller knows the number
  });

  it('an unknown token is a 404 and touches nothing', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    const res = await call(h, 'POST', '/api/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/sms/unsubscribe', { body: {} });
    expect(res.status).toBe(404);
    expect(await rows(h, 'SELECT status FROM sms_subscriptions')).toEqual([{ status: 'pending' }]);
  });
});
