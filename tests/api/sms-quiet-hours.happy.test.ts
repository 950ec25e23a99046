import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleOrder, startHarness, type Harness } from '../support/harness';
import { addEvent, newShop, orderToken, rows, subscribed, type Shop } from '../support/sms-api';

// Quiet hours are the recipient's: 20:00–08:00 in the order's destination zone, whatever the server's.

let h: Harness;
let shop: Shop;
beforeEach(async () => {
  h = await startHarness();
  shop = await newShop(h);
});
afterEach(() => h.close());

const at = (iso: string) => (h.clock.now = new Date(iso));
const dueOf = async (kind: string) => {
  const [row] = await rows(h, 'SELECT due_at FROM sms_messages WHERE kind = ?', [kind]);
  return row ? new Date(Number(row.due_at)).toISOString() : null;
};
const pending = async () =>
  (await rows(h, "SELECT kind, due_at FROM sms_messages WHERE state = 'pending' AND kind <> 'confirm_request' ORDER BY due_at, id"))
    .map((r) => [r.kind, new Date(Number(r.due_at)).toISOString()]);

describe('texts wait out the night in the destination zone (Detroit, EST = UTC−5 in late November)', () => {
  beforeEach(async () => {
    await subscribed(h, await orderToken(h, shop)); // at 10:00 Detroit
  });

  it('a text caused at 22:30 local is due at 08:00 local the next morning', async () => {
    at('2026-11-28T03:30:00Z'); // 22:30 on Nov 27 in Detroit
    await addEvent(h, shop, { id: 'ofd', type: 'out_for_delivery', occurredAt: '2026-11-28T03:25:00Z' });
    expect(await dueOf('out_for_delivery')).toBe('2026-11-28T13:00:00.000Z');
  });

  it('a delivery shortly after queues its text behind the first, and the feedback request for 10:00 local next day', async () => {
    at('2026-11-28T03:30:00Z');
    await addEvent(h, shop, { id: 'ofd', type: 'out_for_delivery', occurredAt: '2026-11-28T03:25:00Z' });
    at('2026-11-28T03:50:00Z');
    await addEvent(h, shop, { id: 'dlv', type: 'delivered', occurredAt: '2026-11-28T03:45:00Z', deliveredTo: 'FRONT_DOOR' });
    expect(await pending()).toEqual([
      ['out_for_delivery', '2026-11-28T13:00:00.000Z'],
      ['delivered', '2026-11-28T13:00:00.000Z'],
      ['feedback_request', '2026-11-28T15:00:00.000Z'],
    ]);
  });

  it('an early-morning text waits until 08:00 the same day', async () => {
    at('2026-11-28T11:30:00Z'); // 06:30 in Detroit
    await addEvent(h, shop, { id: 'ofd', type: 'out_for_delivery', occurredAt: '2026-11-28T11:25:00Z' });
    expect(await dueOf('out_for_delivery')).toBe('2026-11-28T13:00:00.000Z');
  });

  it('a text in the day goes at once; quiet hours start at 20:00 sharp', async () => {
    at('2026-11-28T00:59:00Z'); // 19:59
    await addEvent(h, shop, { id: 'ofd', type: 'out_for_delivery', occurredAt: '2026-11-28T00:50:00Z' });
    expect(await dueOf('out_for_delivery')).toBe('2026-11-28T00:59:00.000Z');
    at('2026-11-28T01:00:00Z'); // 20:00
    await addEvent(h, shop, { id: 'att', type: 'delivery_attempted', occurredAt: '2026-11-28T00:58:00Z' });
    expect(await dueOf('delivery_attempted')).toBe('2026-11-28T13:00:00.000Z');
  });

  it('a daytime delivery sends its text now and asks for feedback the next morning at 10:00 local', async () => {
    at('2026-11-27T17:05:00Z'); // 12:05 in Detroit
    await addEvent(h, shop, { id: 'dlv', type: 'delivered', occurredAt: '2026-11-27T17:00:00Z' });
    expect(await dueOf('delivered')).toBe('2026-11-27T17:05:00.000Z');
    expect(await dueOf('feedback_request')).toBe('2026-11-28T15:00:00.000Z');
  });
});

describe('other zones and clock changes', () => {
  it('Los Angeles on the night summer time ends: 21:30 PDT waits until 08:00 PST', async () => {
    at('2026-10-31T20:00:00Z');
    const token = await orderToken(h, shop, 'SO-2001', {
      placedAt: '2026-10-30T12:00:00Z',
      destination: { city: 'Pasadena', region: 'CA', postalCode: '91101', country: 'US', timeZone: 'America/Los_Angeles' },
    });
    await subscribed(h, token);
    at('2026-11-01T04:30:00Z'); // 21:30 PDT on Oct 31; clocks go back at 02:00 on Nov 1
    await addEvent(h, shop, { id: 'ofd', type: 'out_for_delivery', occurredAt: '2026-11-01T04:20:00Z' }, 'SO-2001');
    expect(await dueOf('out_for_delivery')).toBe('2026-11-01T16:00:00.000Z');
  });

  it('the same instant is daytime for a customer in Honolulu and night for one in Detroit', async () => {
    const detroit = await orderToken(h, shop, 'SO-3001');
    const honolulu = await orderToken(h, shop, 'SO-3002', {
      destination: { ...sampleOrder().destination, city: 'Honolulu', region: 'HI', postalCode: '96813', timeZone: 'Pacific/Honolulu' },
    });
    await subscribed(h, detroit, '+13135550142');
    await subscribed(h, honolulu, '+18085550142');
    at('2026-11-28T03:30:00Z'); // 22:30 in Detroit, 17:30 in Honolulu
    await addEvent(h, shop, { id: 'a', type: 'out_for_delivery', occurredAt: '2026-11-28T03:00:00Z' }, 'SO-3001');
    await addEvent(h, shop, { id: 'b', type: 'out_for_delivery', occurredAt: '2026-11-28T03:00:00Z' }, 'SO-3002');
    const due = await rows(h, "SELECT to_phone, due_at FROM sms_messages WHERE kind = 'out_for_delivery' ORDER BY to_phone");
    expect(due.map((r) => [r.to_phone, new Date(Number(r.due_at)).toISOString()])).toEqual([
      ['+13135550142', '2026-11-28T13:00:00.000Z'],
      ['+18085550142', '2026-11-28T03:30:00.000Z'],
    ]);
  });
});
