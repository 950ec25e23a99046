import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedbackEditable } from '../../src/domain/feedback/feedback';
import { nextQuarterHour, pageStableUntil } from '../../src/domain/page-stable';
import { openTrackingLink } from '../../src/domain/tracking';
import { localDate } from '../../src/domain/zoned-time';
import { startHarness, type Harness } from '../support/harness';
import { placeOrder, sendFeedback } from '../support/feedback-api';
import { addEvent, newShop, type Shop } from '../support/sms-api';

// How long a tracking page stays true (src/domain/page-stable.ts), checked against the page's own
// time-dependent reading: across three days, from every start a few minutes apart, everything the
// page is built from reads the same one millisecond before the instant it was said to change.

let h: Harness;
let shop: Shop;
beforeEach(async () => {
  h = await startHarness();
  shop = await newShop(h);
});
afterEach(() => h.close());

describe('the next quarter hour', () => {
  it('is strictly after now, on a quarter hour of UTC', () => {
    expect(nextQuarterHour(new Date('2026-11-27T15:00:00Z'))).toEqual(new Date('2026-11-27T15:15:00Z'));
    expect(nextQuarterHour(new Date('2026-11-27T15:14:59.999Z'))).toEqual(new Date('2026-11-27T15:15:00Z'));
    expect(nextQuarterHour(new Date('2026-11-27T23:59:00Z'))).toEqual(new Date('2026-11-28T00:00:00Z'));
  });
});

/** What the page is built from at `at`, as the page reads it; the local date stands for its "today" words. */
async function reading(token: string, at: Date) {
  h.clock.now = at;
  const link = await openTrackingLink({ ctx: h.ctx, input: { token } });
  if (link.kind !== 'ok') return { kind: link.kind };
  const { view, feedback } = link;
  return {
    kind: link.kind, today: localDate(at, view.zone.id), expected: view.expected, packages: view.packages.map((p) => p.expected),
    notReceived: view.notReceived?.phase ?? null, feedbackEditable: feedback ? feedbackEditable(feedback.createdAt, at) : null,
  };
}

/** From every start `stepMinutes` apart over `hours`, the reading just before stableUntil is the reading at the start. */
async function sweep(token: string, from: string, hours: number, stepMinutes = 7) {
  let checked = 0;
  for (let t = new Date(from).getTime(); t < new Date(from).getTime() + hours * 3_600_000; t += stepMinutes * 60_000) {
    h.clock.now = new Date(t);
    const link = await openTrackingLink({ ctx: h.ctx, input: { token } });
    if (link.kind !== 'ok') break;
    expect(link.stableUntil.getTime()).toBeGreaterThan(t);
    const start = await reading(token, new Date(t));
    const end = await reading(token, new Date(link.stableUntil.getTime() - 1));
    expect(end, `from ${new Date(t).toISOString()} until ${link.stableUntil.toISOString()}`).toEqual(start);
    checked++;
  }
  return checked;
}

describe('stable until the first instant its words may change', () => {
  it('out for delivery with Amazon in Detroit: "still today" at 6 PM, late at 10 PM, the next day at midnight', async () => {
    const token = await placeOrder(h, shop, 'SO-1');
    await addEvent(h, shop, { type: 'out_for_delivery', occurredAt: '2026-11-27T13:05:00Z' }, 'SO-1');
    expect(await sweep(token, '2026-11-27T13:10:00Z', 36)).toBeGreaterThan(300);
  });

  it('a carrier window ending at an odd minute', async () => {
    const token = await placeOrder(h, shop, 'SO-2');
    await addEvent(h, shop, { type: 'in_transit', occurredAt: '2026-11-27T12:00:00Z', deliveryWindow: { start: '2026-11-27T16:03:17Z', end: '2026-11-27T18:41:53.250Z' } }, 'SO-2');
    h.clock.now = new Date('2026-11-27T18:35:00Z');
    const link = await openTrackingLink({ ctx: h.ctx, input: { token } });
    expect(link.kind === 'ok' && link.stableUntil).toEqual(new Date('2026-11-27T18:41:53.250Z'));
    expect(await sweep(token, '2026-11-27T12:05:00Z', 12, 5)).toBeGreaterThan(100);
  });

  it('delivered, with feedback: the window closing, the 48-hour mark, the end of the edit window and of the link', async () => {
    await h.database.client.execute({ sql: 'UPDATE sellers SET link_ttl_days = 1 WHERE id = ?', args: [shop.sellerId] });
    const token = await placeOrder(h, shop, 'SO-3');
    await addEvent(h, shop, { type: 'delivered', occurredAt: '2026-11-27T14:00:33.123Z', deliveredTo: 'FRONT_DOOR' }, 'SO-3');
    h.clock.now = new Date('2026-11-27T15:00:00Z');
    expect((await sendFeedback(h, token, { rating: 5 })).status).toBe(201);
    // the 48-hour mark is after the link's one day: the link's end (delivered + 1 day + 1 ms) comes first
    h.clock.now = new Date('2026-11-28T14:00:00Z');
    const link = await openTrackingLink({ ctx: h.ctx, input: { token } });
    expect(link.kind === 'ok' && link.stableUntil).toEqual(new Date('2026-11-28T14:00:33.124Z'));
    expect(await sweep(token, '2026-11-27T14:01:00Z', 25, 5)).toBeGreaterThan(250);
  });

  it('delivered, with a long link: the 48-hour mark at its odd second', async () => {
    const token = await placeOrder(h, shop, 'SO-4');
    await addEvent(h, shop, { type: 'delivered', occurredAt: '2026-11-27T14:00:33.123Z', deliveredTo: 'MAILBOX' }, 'SO-4');
    h.clock.now = new Date('2026-11-29T14:00:00Z');
    const link = await openTrackingLink({ ctx: h.ctx, input: { token } });
    expect(link.kind === 'ok' && link.stableUntil).toEqual(new Date('2026-11-29T14:00:33.123Z'));
    expect(await sweep(token, '2026-11-29T12:00:00Z', 4, 3)).toBeGreaterThan(60);
  });

  it('ignores instants already past', () => {
    const now = new Date('2026-11-27T15:05:00Z');
    const view = { expected: null, packages: [], notReceived: null } as unknown as Parameters<typeof pageStableUntil>[0];
    expect(pageStableUntil(view, now, [new Date('2026-11-27T15:00:00Z'), now, null])).toEqual(new Date('2026-11-27T15:15:00Z'));
    expect(pageStableUntil(view, now, [new Date('2026-11-27T15:05:00.001Z')])).toEqual(new Date('2026-11-27T15:05:00.001Z'));
  });
});
