import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { addEvent, newShop, optIn, orderToken, PHONE, pendingKinds, rows, SIGNED, subscribed, textIn, type Shop } from '../support/sms-api';

let h: Harness;
let shop: Shop;
let token: string;
beforeEach(async () => {
  h = await startHarness(SIGNED);
  shop = await newShop(h);
  token = await orderToken(h, shop);
});
afterEach(() => h.close());

const live = () => rows(h, "SELECT order_id, status FROM sms_subscriptions WHERE status IN ('pending', 'active') ORDER BY id");

describe('STOP by text', () => {
  it('stops every live subscription of the number, across sellers, cancels waiting texts and confirms once', async () => {
    await subscribed(h, token);
    const other = await newShop(h, 'Other Shop');
    await optIn(h, await orderToken(h, other, 'OT-1'), { phone: PHONE, consent: true }); // still waiting for YES there
    h.clock.now = new Date('2026-11-28T02:00:00Z'); // 21:00 in Detroit: the news waits for morning
    await addEvent(h, shop, { id: 'ofd', type: 'out_for_delivery', occurredAt: '2026-11-28T01:50:00Z' });
    expect(await pendingKinds(h)).toContain('out_for_delivery');

    const reply = await textIn(h, PHONE, 'STOP');
    expect(reply).toMatch(/unsubscribed/i);
    expect(reply).toMatch(/START/);
    expect(await live()).toEqual([]);
    expect(await rows(h, 'SELECT DISTINCT status, end_reason FROM sms_subscriptions')).toEqual([{ status: 'stopped', end_reason: 'stop_keyword' }]);
    expect(await pendingKinds(h)).toEqual([]);
    expect(await rows(h, 'SELECT phone, source FROM sms_opt_outs')).toEqual([{ phone: PHONE, source: 'stop_keyword' }]);
    expect(await rows(h, "SELECT seller_id FROM sms_consent_events WHERE event = 'stop' ORDER BY seller_id")).toHaveLength(2);

    expect(await textIn(h, PHONE, 'stop')).toBeNull(); // a second STOP gets silence
  });

  it('after STOP a new event for the order queues nothing', async () => {
    await subscribed(h, token);
    await textIn(h, PHONE, 'STOP');
    await addEvent(h, shop, { id: 'shp', type: 'shipped', occurredAt: '2026-11-27T14:00:00Z' });
    expect(await rows(h, "SELECT id FROM sms_messages WHERE kind = 'shipped'")).toEqual([]);
  });

  const stopRequests = ['stop', ' Stop. ', 'STOP!!!', 'Unsubscribe', 'please stop texting me', 'unsubscribe me', 'No more texts', 'alto', 'Basta', 'no más mensajes', 'STOPALL', 'cancel'];
  for (const body of stopRequests) {
    it(`"${body}" is understood as a request to stop`, async () => {
      await subscribed(h, token);
      expect(await textIn(h, PHONE, body)).toMatch(/unsubscribed/i);
      expect(await live()).toEqual([]);
    });
  }

  for (const body of ['stop at the gate please', "don't stop", 'cancel my order?', 'Yes']) {
    it(`"${body}" does not unsubscribe anyone`, async () => {
      await subscribed(h, token);
      await textIn(h, PHONE, body);
      expect(await live()).toHaveLength(1);
      expect(await rows(h, 'SELECT phone FROM sms_opt_outs')).toEqual([]);
    });
  }
});

describe('START by text', () => {
  it('brings back the subscriptions STOP ended, and the next event is texted again', async () => {
    await subscribed(h, token);
    await textIn(h, PHONE, 'STOP');
    const reply = await textIn(h, PHONE, 'start');
    expect(reply).toContain('SO-1001');
    expect(reply).toMatch(/STOP/);
    expect(await live()).toEqual([{ order_id: expect.any(Number), status: 'active' }]);
    expect(await rows(h, 'SELECT phone FROM sms_opt_outs')).toEqual([]);
    await addEvent(h, shop, { id: 'shp', type: 'shipped', occurredAt: '2026-11-27T14:00:00Z' });
    expect(await pendingKinds(h)).toContain('shipped');
  });

  it('does not bring back a subscription the customer ended with the page button', async () => {
    await subscribed(h, token);
    await h.app.request(`/api/t/${token}/sms/unsubscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await textIn(h, PHONE, 'STOP');
    await textIn(h, PHONE, 'START');
    expect(await live()).toEqual([]);
  });

  it('START that resumes nothing does not promise updates that will never come', async () => {
    await subscribed(h, token);
    await h.app.request(`/api/t/${token}/sms/unsubscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await textIn(h, PHONE, 'STOP');
    expect(await textIn(h, PHONE, 'START')).not.toMatch(/get delivery updates for order SO-1001 again/);
  });
});

describe('HELP and anything else', () => {
  it("HELP answers with the seller's contact and the STOP wording", async () => {
    await subscribed(h, token);
    const reply = await textIn(h, PHONE, 'Help');
    for (const words of ['Acme Goods', 'help@acme.example', 'STOP', 'SO-1001']) expect(reply).toContain(words);
  });

  it("a question the system can't answer gets a short reply pointing to the seller, and changes nothing", async () => {
    await subscribed(h, token);
    const reply = await textIn(h, PHONE, 'When will my package arrive??');
    expect(reply).toContain('help@acme.example');
    expect(reply).toMatch(/HELP/);
    expect(reply!.length).toBeLessThanOrEqual(306);
    expect(await live()).toHaveLength(1);
    expect(await rows(h, 'SELECT keyword FROM sms_inbound ORDER BY id DESC LIMIT 1')).toEqual([{ keyword: 'other' }]);
  });

  it('a number we never texted gets replies without a blank order number', async () => {
    for (const body of ['HELP', 'hello', 'START', 'YES']) {
      expect(await textIn(h, '+13125550142', body)).not.toMatch(/order\s*[.:]|order\s\s/i);
    }
  });

  it('YES by text confirms a waiting subscription', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    expect(await textIn(h, PHONE, 'YES')).toMatch(/signed up/);
    expect(await live()).toEqual([{ order_id: expect.any(Number), status: 'active' }]);
  });
});
