import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { addEvent, devReply, newShop, optIn, orderToken, outbox, PHONE, pendingKinds, postForm, rows, type Shop } from '../support/sms-api';

let h: Harness;
let shop: Shop;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await newShop(h);
  token = await orderToken(h, shop);
});
afterEach(() => h.close());

describe('opting in to texts from the tracking page', () => {
  it('a national number is accepted, stored as E.164, and answered with 202 pending_confirmation and its last 4 digits', async () => {
    const res = await optIn(h, token, { phone: '(415) 555-2671', consent: true });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'pending_confirmation', phoneLast4: '2671' });
    const subs = await rows(h, 'SELECT phone, status FROM sms_subscriptions');
    expect(subs).toEqual([{ phone: PHONE, status: 'pending' }]);
  });

  it('queues exactly one text asking for YES, with STOP/HELP wording, due at once even late at night', async () => {
    h.clock.now = new Date('2026-11-28T04:30:00Z'); // 23:30 in Detroit: inside quiet hours
    await optIn(h, token, { phone: PHONE, consent: true });
    const texts = await outbox(h);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ kind: 'confirm_request', to_phone: PHONE, state: 'pending', due_at: h.clock.now.getTime() });
    expect(texts[0]!.body).toMatch(/Reply YES/);
    expect(texts[0]!.body).toMatch(/STOP/);
    expect(texts[0]!.body).toMatch(/HELP/);
    expect(texts[0]!.body).toContain('Acme Goods');
    expect(texts[0]!.body).toContain('SO-1001');
  });

  it('a form post without JavaScript lands back on the page with sms=pending, keeping the language', async () => {
    const res = await postForm(h, `/api/t/${token}/sms`, { phone: '415-555-2671', consent: 'on', lang: 'es' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/t/${token}?sms=pending&lang=es#sms`);
    expect(await rows(h, 'SELECT phone, language FROM sms_subscriptions')).toEqual([{ phone: PHONE, language: 'es' }]);
  });

  it('the same number again for the same order changes nothing and sends no second YES request', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    const again = await optIn(h, token, { phone: '+1 415 555 2671', consent: true });
    expect(again.status).toBe(202);
    expect((await again.json()).status).toBe('pending_confirmation');
    expect(await outbox(h, 'confirm_request')).toHaveLength(1);
    expect(await rows(h, 'SELECT id FROM sms_subscriptions')).toHaveLength(1);
  });

  it('a different number replaces the first: the old subscription ends and its waiting text is cancelled', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    const res = await optIn(h, token, { phone: '+14155550123', consent: true });
    expect(await res.json()).toEqual({ status: 'pending_confirmation', phoneLast4: '0123' });
    const subs = await rows(h, 'SELECT phone, status, end_reason FROM sms_subscriptions ORDER BY id');
    expect(subs).toEqual([
      { phone: PHONE, status: 'replaced', end_reason: 'replaced' },
      { phone: '+14155550123', status: 'pending', end_reason: null },
    ]);
    const texts = await rows(h, 'SELECT to_phone, state FROM sms_messages ORDER BY id');
    expect(texts).toEqual([{ to_phone: PHONE, state: 'cancelled' }, { to_phone: '+14155550123', state: 'pending' }]);
  });
});

describe('double opt-in: nothing but the YES request until the customer answers YES', () => {
  it('a shipment before YES is not texted; after YES a confirmation goes and later events are texted', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await addEvent(h, shop, { id: 'e1', type: 'shipped', occurredAt: '2026-11-27T14:00:00Z' });
    expect(await outbox(h, 'shipped')).toHaveLength(0);

    const { reply, keyword } = await devReply(h, PHONE, 'yes');
    expect(keyword).toBe('yes');
    for (const words of ['Acme Goods', 'delivery updates', 'SO-1001', 'Msg frequency varies', 'Msg&data rates may apply', 'HELP', 'STOP']) {
      expect(reply).toContain(words);
    }
    expect(await rows(h, 'SELECT status FROM sms_subscriptions')).toEqual([{ status: 'active' }]);
    expect(await outbox(h, 'shipped')).toHaveLength(0); // the missed shipment is history, not resent

    await addEvent(h, shop, { id: 'e2', type: 'out_for_delivery', occurredAt: '2026-11-27T14:30:00Z', stopsAway: 4 });
    const [ofd] = await outbox(h, 'out_for_delivery');
    expect(ofd).toMatchObject({ to_phone: PHONE, state: 'pending' });
    expect(ofd!.body).toContain('4 stops away');
  });

  it('a number confirmed for this seller is subscribed to its next order at once, with a short notice and no YES', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await devReply(h, PHONE, 'YES');
    const second = await orderToken(h, shop, 'SO-1002');
    const res = await optIn(h, second, { phone: PHONE, consent: true });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'subscribed', phoneLast4: '2671' });
    const [notice] = await rows(h, "SELECT * FROM sms_messages WHERE kind = 'subscribed'");
    expect(notice!.body).toContain('SO-1002');
    expect(notice!.body).toContain('STOP');
    expect(await outbox(h, 'confirm_request')).toHaveLength(1);
    await addEvent(h, shop, { id: 'e1', type: 'shipped', occurredAt: '2026-11-27T14:00:00Z' }, 'SO-1002');
    expect(await pendingKinds(h)).toEqual(['confirm_request', 'subscribed', 'shipped']);
  });

  it("another seller's order with the same number still needs its own YES", async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await devReply(h, PHONE, 'YES');
    const other = await newShop(h, 'Other Shop');
    const theirs = await orderToken(h, other, 'SO-1001');
    const res = await optIn(h, theirs, { phone: PHONE, consent: true });
    expect(await res.json()).toEqual({ status: 'pending_confirmation', phoneLast4: '2671' });
    const asks = await outbox(h, 'confirm_request');
    expect(asks).toHaveLength(2);
    expect(asks[1]!.body).toContain('Other Shop');
  });
});
