import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forSeller, type ServiceContext } from '../../src/domain/context';
import { attentionQueries, needsAttention, type AttentionItem } from '../../src/domain/dashboard/attention';
import { chartWindow, dashboardCharts, deliveriesPerDay, deliveriesQuery, notReceivedChart, onTimeQuery, onTimeRate, ratingDistribution, weekSpans } from '../../src/domain/dashboard/charts';
import { readAll } from '../../src/domain/dashboard/read';
import { pageOpensQuery, pageOpenStats } from '../../src/domain/dashboard/page-open-stats';
import { countPageOpen, flushPageOpens, pendingPageOpens } from '../../src/domain/dashboard/page-opens';
import { todayNumbers, todayQueries } from '../../src/domain/dashboard/today';
import { notReceivedRates } from '../../src/domain/feedback/stats';
import { claimDue, markFailed, markSubmitted } from '../../src/domain/sms/outbox';
import { applyStatusCallback } from '../../src/domain/sms/status-callback';
import { feedbackShop, placeOrder, PKG1, PKG2, reportMissing, sendFeedback } from '../support/feedback-api';
import { call, sampleOrder, startHarness, type Harness } from '../support/harness';
import { optIn, rows, type Shop } from '../support/sms-api';

// The numbers behind the seller dashboard's home page (src/domain/dashboard/), on a real libSQL
// file, with orders, events, feedback, reports and texts made through the API and the domain verbs.
// Each scenario has its own seller, so one seller's history never leaks into another's numbers.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const at = (iso: string) => void (h.clock.now = new Date(iso));
const ctxOf = (s: Shop) => forSeller(h.ctx, s.sellerId);
let shops = 0;
const newShop = () => feedbackShop(h, `Shop ${++shops}`);
const setZone = (s: Shop, zone: string | null) => h.database.client.execute({ sql: 'UPDATE sellers SET default_time_zone = ? WHERE id = ?', args: [zone, s.sellerId] });
const orderId = async (s: Shop, n: string) => Number((await rows(h, 'SELECT id FROM orders WHERE seller_id = ? AND order_number = ?', [s.sellerId, n]))[0]!.id);

/** An order through the seller API (one package, PKG1, unless told); returns its tracking token. */
function order(s: Shop, n: string, o: { placedAt?: string; promisedDate?: string; timeZone?: string; packages?: string[] } = {}) {
  return placeOrder(h, s, n, o.packages ?? [PKG1], {
    placedAt: o.placedAt ?? '2026-11-01T12:00:00Z',
    promisedDate: o.promisedDate,
    destination: { ...sampleOrder().destination, timeZone: o.timeZone ?? 'America/Detroit' },
  });
}

/** A carrier event through the seller API (for PKG1 unless told; null: the whole order). */
async function scan(s: Shop, n: string, type: string, occurredAt: string, trackingNumber: string | null = PKG1) {
  const res = await call(h, 'POST', `/api/v1/orders/${n}/events`, { key: s.key, body: { type, occurredAt, ...(trackingNumber ? { trackingNumber } : {}) } });
  if (res.status !== 201) throw new Error(`${type} refused: ${res.status} ${await res.text()}`);
}

/** An order scanned shipped and delivered (PKG1), the clock left at `deliveredAt`. */
async function delivered(s: Shop, n: string, deliveredAt: string) {
  const token = await order(s, n);
  at(deliveredAt);
  await scan(s, n, 'shipped', new Date(Date.parse(deliveredAt) - 86_400_000).toISOString());
  await scan(s, n, 'delivered', deliveredAt);
  return token;
}

const attention = async (s: Shop, limit = 10) => needsAttention({ ctx: ctxOf(s), input: { limit } });
/** [orderNumber, reason, detail, since] per item: what the home page would show. */
const shown = (items: AttentionItem[]) =>
  items.map((i) => [i.orderNumber, i.reason, 'problem' in i ? i.problem : 'exception' in i ? i.exception : 'rating' in i ? i.rating : i.stage, i.since.toISOString()]);

describe('needsAttention: each reason appears exactly when it should', () => {
  it('in transit with no scan for 3 days is stalled; 3 days less a minute is not', async () => {
    const s = await newShop();
    await order(s, 'SO-1');
    at('2026-11-20T00:00:00Z');
    await scan(s, 'SO-1', 'shipped', '2026-11-11T10:00:00Z');
    await scan(s, 'SO-1', 'in_transit', '2026-11-12T10:00:00Z');
    at('2026-11-15T09:59:00Z');
    expect(shown((await attention(s)).items)).toEqual([]);
    at('2026-11-15T10:00:00Z');
    expect(shown((await attention(s)).items)).toEqual([['SO-1', 'stalled', 'in_transit', '2026-11-12T10:00:00.000Z']]);
    // shipped with nothing since is stalled too; out for delivery is not (it has its own day's news)
    const t = await newShop();
    await order(t, 'SO-2');
    await order(t, 'SO-3');
    at('2026-11-20T00:00:00Z');
    await scan(t, 'SO-2', 'shipped', '2026-11-12T10:00:00Z');
    await scan(t, 'SO-3', 'shipped', '2026-11-12T10:00:00Z');
    await scan(t, 'SO-3', 'out_for_delivery', '2026-11-12T11:00:00Z');
    at('2026-11-16T00:00:00Z');
    expect(shown((await attention(t)).items)).toEqual([['SO-2', 'stalled', 'shipped', '2026-11-12T10:00:00.000Z']]);
  });

  it('not shipped 2 days after the order was placed (placedAt, not when it reached us); 2 days less a minute is not; shipping ends it', async () => {
    const s = await newShop();
    at('2026-11-12T07:00:00Z'); // created an hour before the two days are up
    await order(s, 'SO-1', { placedAt: '2026-11-10T08:00:00Z' });
    at('2026-11-12T07:59:00Z');
    expect(shown((await attention(s)).items)).toEqual([]);
    at('2026-11-12T08:00:00Z');
    expect(shown((await attention(s)).items)).toEqual([['SO-1', 'not_shipped', 'order_placed', '2026-11-10T08:00:00.000Z']]);
    await scan(s, 'SO-1', 'ready_to_ship', '2026-11-11T09:00:00Z', null);
    expect(shown((await attention(s)).items)).toEqual([['SO-1', 'not_shipped', 'ready_to_ship', '2026-11-10T08:00:00.000Z']]);
    await scan(s, 'SO-1', 'shipped', '2026-11-12T07:30:00Z');
    expect((await attention(s)).items).toEqual([]);
  });

  it('carrier trouble shows while it is the newest news, and goes when a newer scan comes', async () => {
    const s = await newShop();
    for (const n of ['A', 'B', 'C', 'D']) await order(s, n);
    at('2026-11-20T00:00:00Z');
    const trouble = [['A', 'delivery_attempted'], ['B', 'delayed'], ['C', 'available_for_pickup'], ['D', 'returning']] as const;
    for (const [i, [n, type]] of trouble.entries()) {
      await scan(s, n, 'shipped', '2026-11-18T08:00:00Z');
      await scan(s, n, type, `2026-11-19T1${i}:00:00Z`);
    }
    expect(shown((await attention(s)).items)).toEqual([
      ['D', 'exception', 'returning', '2026-11-19T13:00:00.000Z'],
      ['C', 'exception', 'available_for_pickup', '2026-11-19T12:00:00.000Z'],
      ['B', 'exception', 'delayed', '2026-11-19T11:00:00.000Z'],
      ['A', 'exception', 'delivery_attempted', '2026-11-19T10:00:00.000Z'],
    ]);
    await scan(s, 'A', 'out_for_delivery', '2026-11-19T18:00:00Z');
    expect(shown((await attention(s)).items).map(([n]) => n)).toEqual(['D', 'C', 'B']);
  });

  it('lost and returned show for 7 days after the news, then leave; a cancelled order never shows', async () => {
    const s = await newShop();
    await order(s, 'LOST');
    await order(s, 'BACK');
    await order(s, 'GONE', { placedAt: '2026-11-01T12:00:00Z' });
    at('2026-11-20T00:00:00Z');
    await scan(s, 'LOST', 'shipped', '2026-11-02T12:00:00Z');
    await scan(s, 'LOST', 'lost', '2026-11-10T12:00:00Z');
    await scan(s, 'BACK', 'shipped', '2026-11-02T12:00:00Z');
    await scan(s, 'BACK', 'returned', '2026-11-10T13:00:00Z');
    await scan(s, 'GONE', 'cancelled', '2026-11-02T12:00:00Z', null); // unshipped for weeks, but cancelled
    at('2026-11-17T12:00:00Z');
    expect(shown((await attention(s)).items)).toEqual([
      ['BACK', 'exception', 'returned', '2026-11-10T13:00:00.000Z'],
      ['LOST', 'exception', 'lost', '2026-11-10T12:00:00.000Z'],
    ]);
    at('2026-11-17T12:01:00Z');
    expect(shown((await attention(s)).items)).toEqual([['BACK', 'exception', 'returned', '2026-11-10T13:00:00.000Z']]);
    at('2026-11-17T13:01:00Z');
    expect((await attention(s)).items).toEqual([]);
  });

  it('an open not-received or damage report shows until the seller resolves it', async () => {
    const s = await newShop();
    const a = await delivered(s, 'A', '2026-11-18T15:00:00Z');
    const b = await delivered(s, 'B', '2026-11-18T16:00:00Z');
    at('2026-11-19T09:00:00Z');
    expect((await reportMissing(h, a, { problem: 'not_received' })).status).toBe(201);
    at('2026-11-19T10:00:00Z');
    expect((await reportMissing(h, b, { problem: 'damaged' })).status).toBe(201);
    expect(shown((await attention(s)).items)).toEqual([
      ['B', 'report', 'damaged', '2026-11-19T10:00:00.000Z'],
      ['A', 'report', 'not_received', '2026-11-19T09:00:00.000Z'],
    ]);
    const [report] = await rows(h, "SELECT id FROM problem_reports WHERE seller_id = ? AND problem = 'damaged'", [s.sellerId]);
    expect((await call(h, 'POST', `/api/v1/reports/${report!.id}/resolve`, { key: s.key, body: { note: 'Sent a new one' } })).status).toBe(200);
    expect(shown((await attention(s)).items).map(([n]) => n)).toEqual(['A']);
  });

  it('a rating of 2 or less given (or changed to) within the last 7 days shows; 3 stars never does', async () => {
    const s = await newShop();
    const low = await delivered(s, 'LOW', '2026-11-10T15:00:00Z');
    const meh = await delivered(s, 'MEH', '2026-11-10T15:00:00Z');
    const turned = await delivered(s, 'TURNED', '2026-11-01T15:00:00Z');
    at('2026-11-10T16:00:00Z');
    expect((await sendFeedback(h, low, { rating: 2 })).status).toBe(201);
    expect((await sendFeedback(h, meh, { rating: 3 })).status).toBe(201);
    at('2026-11-02T10:00:00Z');
    expect((await sendFeedback(h, turned, { rating: 5 })).status).toBe(201);
    at('2026-11-12T10:00:00Z'); // 10 days later, within the 14 days feedback can be changed
    expect((await sendFeedback(h, turned, { rating: 1 })).status).toBe(200);
    at('2026-11-17T16:00:00Z');
    expect(shown((await attention(s)).items)).toEqual([
      ['TURNED', 'low_rating', 1, '2026-11-12T10:00:00.000Z'],
      ['LOW', 'low_rating', 2, '2026-11-10T16:00:00.000Z'],
    ]);
    at('2026-11-17T16:01:00Z');
    expect(shown((await attention(s)).items).map(([n]) => n)).toEqual(['TURNED']);
    // changed 7 days ago, first given 17 days ago: still found
    at('2026-11-19T10:00:00Z');
    expect(shown((await attention(s)).items).map(([n]) => n)).toEqual(['TURNED']);
    at('2026-11-19T10:01:00Z');
    expect((await attention(s)).items).toEqual([]);
  });
});

describe('needsAttention: order, one row per order, the limit', () => {
  let s: Shop;
  beforeAll(async () => {
    s = await newShop();
    at('2026-11-10T12:00:00Z');
    await order(s, 'UNSHIPPED', { placedAt: '2026-11-10T12:00:00Z' });
    await order(s, 'STALLED');
    await order(s, 'DELAYED');
    at('2026-11-12T12:00:00Z');
    await scan(s, 'STALLED', 'in_transit', '2026-11-12T12:00:00Z');
    await scan(s, 'DELAYED', 'delayed', '2026-11-12T11:00:00Z');
    const both = await delivered(s, 'BOTH', '2026-11-13T12:00:00Z'); // reported and rated low: shown once, as the report
    const rated = await delivered(s, 'RATED', '2026-11-13T12:00:00Z');
    at('2026-11-14T09:00:00Z');
    await sendFeedback(h, both, { rating: 1 });
    await sendFeedback(h, rated, { rating: 2 });
    at('2026-11-14T10:00:00Z');
    await reportMissing(h, both, {});
    at('2026-11-16T12:00:00Z');
  });

  it('most urgent reason first (report, carrier trouble, low rating, stalled, not shipped), each order once', async () => {
    const { items, hasMore } = await attention(s);
    expect(shown(items)).toEqual([
      ['BOTH', 'report', 'not_received', '2026-11-14T10:00:00.000Z'],
      ['DELAYED', 'exception', 'delayed', '2026-11-12T11:00:00.000Z'],
      ['RATED', 'low_rating', 2, '2026-11-14T09:00:00.000Z'],
      ['STALLED', 'stalled', 'in_transit', '2026-11-12T12:00:00.000Z'],
      ['UNSHIPPED', 'not_shipped', 'order_placed', '2026-11-10T12:00:00.000Z'],
    ]);
    expect(hasMore).toBe(false);
    expect(new Set(items.map((i) => i.orderId)).size).toBe(5);
  });

  it('a limit of exactly the number waiting shows them all; one less shows the most urgent and says there is more', async () => {
    const all = (await attention(s, 5)).items;
    expect((await attention(s, 5)).hasMore).toBe(false);
    for (const limit of [4, 1]) {
      const { items, hasMore } = await attention(s, limit);
      expect(items).toEqual(all.slice(0, limit));
      expect(hasMore).toBe(true);
    }
  });

  it('refuses a limit outside 1–100', async () => {
    await expect(attention(s, 0)).rejects.toThrow();
    await expect(attention(s, 101)).rejects.toThrow();
  });

  it('another seller’s orders never appear, though they need attention and share order numbers', async () => {
    const quiet = await newShop();
    at('2026-11-16T11:00:00Z');
    await order(quiet, 'STALLED', { placedAt: '2026-11-16T10:00:00Z' });
    at('2026-11-16T12:00:00Z');
    expect((await attention(quiet)).items).toEqual([]);
    expect((await attention(s)).items.map((i) => i.orderNumber)).toEqual(['BOTH', 'DELAYED', 'RATED', 'STALLED', 'UNSHIPPED']);
  });
});

describe('todayNumbers: today on the seller’s clock', () => {
  // Los Angeles: 2026-11-27 starts at 08:00 UTC (PST, UTC-8).
  let s: Shop;
  let rival: Shop;
  const submit = async (instant: string, ids: Set<number>, outcome: 'sent' | 'failed') => {
    at(instant);
    for (const msg of await claimDue({ ctx: h.ctx, input: { owner: 'w1', limit: 20, leaseMs: 60_000, dailyBudget: 100 } })) {
      const mine = ids.has(msg.subscriptionId!);
      if (outcome === 'failed' && mine) await markFailed({ ctx: h.ctx, input: { msg, owner: 'w1', error: { code: '21211', message: 'invalid number' } } });
      else await markSubmitted({ ctx: h.ctx, input: { msg, owner: 'w1', sid: `SM${String(msg.id).padStart(32, '0')}`, status: 'queued' } });
    }
  };
  const subscriptionOf = async (n: string, shop = s) =>
    Number((await rows(h, 'SELECT s.id FROM sms_subscriptions s JOIN orders o ON o.id = s.order_id WHERE o.seller_id = ? AND o.order_number = ?', [shop.sellerId, n]))[0]!.id);

  beforeAll(async () => {
    s = await newShop();
    rival = await newShop();
    await setZone(s, 'America/Los_Angeles');
    await setZone(rival, 'America/Los_Angeles');
    at('2026-11-27T07:00:00Z');
    const tokens = Object.fromEntries(await Promise.all(['D1', 'D2', 'O1', 'O2', 'S1', 'S2', 'S3'].map(async (n) => [n, await order(s, n)] as const)));
    const rivalToken = await order(rival, 'R1');
    at('2026-11-27T07:30:00Z');
    await scan(s, 'O1', 'out_for_delivery', '2026-11-27T07:30:00Z'); // 23:30 on the 26th in LA
    at('2026-11-27T07:59:00Z');
    await optIn(h, tokens.S1!, { phone: '+14155552671', consent: true });
    await scan(s, 'D1', 'delivered', '2026-11-27T07:59:00Z'); // 23:59 on the 26th
    await submit('2026-11-27T07:59:30Z', new Set(), 'sent');
    at('2026-11-27T08:00:00Z');
    await scan(s, 'D2', 'delivered', '2026-11-27T08:00:00Z'); // 00:00 on the 27th
    await optIn(h, tokens.S2!, { phone: '+14155552672', consent: true });
    await optIn(h, rivalToken, { phone: '+14155552679', consent: true });
    await scan(rival, 'R1', 'delivered', '2026-11-27T08:00:00Z');
    await submit('2026-11-27T08:01:00Z', new Set(), 'sent');
    at('2026-11-27T08:02:00Z');
    await optIn(h, tokens.S3!, { phone: '+14155552673', consent: true });
    await submit('2026-11-27T08:03:00Z', new Set([await subscriptionOf('S3')]), 'failed');
    at('2026-11-27T08:30:00Z');
    await scan(s, 'O2', 'out_for_delivery', '2026-11-27T08:30:00Z');
    const [s2] = await rows(h, 'SELECT id, provider_sid FROM sms_messages WHERE subscription_id = ?', [await subscriptionOf('S2')]);
    at('2026-11-27T08:40:00Z');
    await applyStatusCallback({ ctx: h.ctx, input: { messageId: Number(s2!.id), sid: String(s2!.provider_sid), status: 'undelivered', errorCode: '30003' } });
  });

  it('a minute before local midnight: the 26th’s delivery, out-for-delivery, text and sign-up', async () => {
    at('2026-11-27T07:59:59.999Z');
    expect(await todayNumbers({ ctx: ctxOf(s) })).toEqual({
      date: '2026-11-26', timeZone: 'America/Los_Angeles', outForDelivery: 1, delivered: 1, textsSent: 1, textsFailed: 0, smsOptIns: 1,
    });
  });

  it('from local midnight: only the 27th’s, with the undelivered and the given-up text as failed', async () => {
    at('2026-11-27T08:00:00Z');
    expect(await todayNumbers({ ctx: ctxOf(s) })).toEqual({
      date: '2026-11-27', timeZone: 'America/Los_Angeles', outForDelivery: 1, delivered: 1, textsSent: 1, textsFailed: 2, smsOptIns: 2,
    });
    at('2026-11-28T07:59:59.999Z');
    expect((await todayNumbers({ ctx: ctxOf(s) })).date).toBe('2026-11-27');
  });

  it('without a zone of its own (or with one that is not a zone) the seller’s day is UTC’s', async () => {
    at('2026-11-27T23:00:00Z');
    for (const zone of [null, 'Not/AZone']) {
      await setZone(s, zone);
      expect(await todayNumbers({ ctx: ctxOf(s) })).toEqual({
        date: '2026-11-27', timeZone: 'UTC', outForDelivery: 2, delivered: 2, textsSent: 2, textsFailed: 2, smsOptIns: 3,
      });
    }
    await setZone(s, 'America/Los_Angeles');
  });

  it('another seller’s deliveries, texts and sign-ups are its own', async () => {
    at('2026-11-27T09:00:00Z');
    expect(await todayNumbers({ ctx: ctxOf(rival) })).toMatchObject({ outForDelivery: 0, delivered: 1, textsSent: 1, textsFailed: 0, smsOptIns: 1 });
  });
});

describe('charts', () => {
  it('deliveries per day: 30 points ending today in the seller’s zone, zeros filled, an order counted the day its last package arrived', async () => {
    const s = await newShop();
    const rival = await newShop();
    await setZone(s, 'America/New_York');
    at('2026-11-27T15:00:00Z');
    const deliveries: [string, string][] = [
      ['FIRST', '2026-10-29T04:00:00.000Z'], // 00:00 EDT on the window's first day
      ['BEFORE', '2026-10-29T03:59:59.999Z'], // 23:59 on the 28th: outside
      ['DST', '2026-11-02T04:30:00Z'], // 23:30 EST on 1 November, a 25-hour day
      ['TODAY', '2026-11-27T14:00:00Z'],
    ];
    for (const [n, instant] of deliveries) {
      await order(s, n, { placedAt: '2026-10-20T12:00:00Z' });
      await scan(s, n, 'delivered', instant);
    }
    await order(s, 'SPLIT', { packages: [PKG1, PKG2] });
    await scan(s, 'SPLIT', 'delivered', '2026-11-10T15:00:00Z', PKG1);
    await scan(s, 'SPLIT', 'delivered', '2026-11-12T15:00:00Z', PKG2);
    await order(s, 'HALF', { packages: [PKG1, PKG2] });
    await scan(s, 'HALF', 'delivered', '2026-11-15T15:00:00Z', PKG1);
    await order(rival, 'FIRST');
    await scan(rival, 'FIRST', 'delivered', '2026-11-20T15:00:00Z');

    const window = await chartWindow({ ctx: ctxOf(s) });
    expect(window).toMatchObject({ timeZone: 'America/New_York', from: new Date('2026-10-29T04:00:00Z'), to: new Date('2026-11-28T05:00:00Z') });
    const series = await deliveriesPerDay({ ctx: ctxOf(s), input: window });
    expect(series).toHaveLength(30);
    expect(series.map((p) => p.date)).toEqual(window.dates);
    expect([series[0]!.date, series[29]!.date]).toEqual(['2026-10-29', '2026-11-27']);
    expect(Object.fromEntries(series.filter((p) => p.count).map((p) => [p.date, p.count]))).toEqual({
      '2026-10-29': 1, '2026-11-01': 1, '2026-11-12': 1, '2026-11-27': 1,
    });
  });

  it('on-time rate: delivered by the end of the promised date in the order’s own zone', async () => {
    const s = await newShop();
    at('2026-11-27T15:00:00Z');
    const cases: [string, string, string | undefined, string][] = [
      ['LA-ON', 'America/Los_Angeles', '2026-11-20', '2026-11-21T07:59:00Z'], // 23:59 on the 20th in LA
      ['LA-LATE', 'America/Los_Angeles', '2026-11-20', '2026-11-21T08:00:00Z'], // 00:00 on the 21st
      ['TOKYO-ON', 'Asia/Tokyo', '2026-11-20', '2026-11-20T14:59:00Z'], // 23:59 on the 20th in Tokyo
      ['TOKYO-LATE', 'Asia/Tokyo', '2026-11-20', '2026-11-20T15:00:00Z'],
      ['NO-PROMISE', 'America/Detroit', undefined, '2026-11-20T15:00:00Z'],
    ];
    for (const [n, timeZone, promisedDate, deliveredAt] of cases) {
      await order(s, n, { timeZone, promisedDate });
      await scan(s, n, 'delivered', deliveredAt);
    }
    await order(s, 'WAITING', { promisedDate: '2026-11-25' }); // not delivered: in no count
    const input = await chartWindow({ ctx: ctxOf(s) });
    expect(await onTimeRate({ ctx: ctxOf(s), input })).toMatchObject({ onTime: 2, late: 2, noPromise: 1, rate: 0.5 });
    expect(await onTimeRate({ ctx: ctxOf(await newShop()), input })).toMatchObject({ onTime: 0, late: 0, noPromise: 0, rate: null });
  });

  it('on-time rate week by week: 7-day spans back from today on the seller’s clock, each delivery in the span of its local day', async () => {
    const s = await newShop();
    await setZone(s, 'America/New_York');
    at('2026-11-27T15:00:00Z');
    const cases: [string, string, string][] = [
      ['A', '2026-11-20', '2026-11-21T04:59:00Z'], // 23:59 on Nov 20 in New York: on time, the span ending Nov 20
      ['B', '2026-11-20', '2026-11-21T05:00:00Z'], // 00:00 on Nov 21: late, the last span
      ['C', '2026-11-30', '2026-11-27T14:00:00Z'], // today, early
      ['D', '2026-10-28', '2026-10-29T04:00:00Z'], // the window's first minute: late, the short oldest span
      ['E', '2026-10-28', '2026-10-29T03:59:00Z'], // a minute before the window: in no span
    ];
    for (const [n, promisedDate, deliveredAt] of cases) {
      await order(s, n, { timeZone: 'America/New_York', promisedDate });
      await scan(s, n, 'delivered', deliveredAt);
    }
    const input = await chartWindow({ ctx: ctxOf(s) });
    const got = await onTimeRate({ ctx: ctxOf(s), input });
    expect(got.weeks).toEqual([
      { from: '2026-10-29', to: '2026-10-30', onTime: 0, late: 1, rate: 0 },
      { from: '2026-10-31', to: '2026-11-06', onTime: 0, late: 0, rate: null },
      { from: '2026-11-07', to: '2026-11-13', onTime: 0, late: 0, rate: null },
      { from: '2026-11-14', to: '2026-11-20', onTime: 1, late: 0, rate: 1 },
      { from: '2026-11-21', to: '2026-11-27', onTime: 1, late: 1, rate: 0.5 },
    ]);
    expect(got).toMatchObject({ onTime: 2, late: 2, rate: 0.5 });
    expect(weekSpans(await chartWindow({ ctx: ctxOf(s), input: { days: 7 } }))).toEqual([{ from: '2026-11-21', to: '2026-11-27' }]);
    expect(weekSpans(await chartWindow({ ctx: ctxOf(s), input: { days: 8 } }))).toEqual([{ from: '2026-11-20', to: '2026-11-20' }, { from: '2026-11-21', to: '2026-11-27' }]);
  });

  it('ratings 1–5 and not-received rates are feedback/stats.ts’s numbers over the same window', async () => {
    const s = await newShop();
    const tokens = [await delivered(s, 'A', '2026-11-20T15:00:00Z'), await delivered(s, 'B', '2026-11-20T15:00:00Z'), await delivered(s, 'C', '2026-11-20T15:00:00Z')];
    at('2026-11-21T10:00:00Z');
    for (const [i, rating] of [5, 5, 2].entries()) await sendFeedback(h, tokens[i]!, { rating });
    await reportMissing(h, tokens[2]!, {});
    at('2026-11-27T15:00:00Z');
    const input = await chartWindow({ ctx: ctxOf(s) });
    expect(await ratingDistribution({ ctx: ctxOf(s), input })).toEqual({
      bars: [{ rating: 1, count: 0 }, { rating: 2, count: 1 }, { rating: 3, count: 0 }, { rating: 4, count: 0 }, { rating: 5, count: 2 }],
      count: 3, average: 4,
    });
    const rates = await notReceivedChart({ ctx: ctxOf(s), input });
    expect(rates).toEqual(await notReceivedRates({ ctx: ctxOf(s), input: { from: input.from, to: input.to } }));
    expect(rates.byCarrier).toEqual([{ key: 'AMZL', delivered: 3, reported: 1, rate: 1 / 3 }]);
  });
});

describe('every chart over one window', () => {
  it('dashboardCharts gives each chart for the same 30 days; a window is 1 to 366 days', async () => {
    const s = await newShop();
    at('2026-11-27T15:00:00Z');
    const charts = await dashboardCharts({ ctx: ctxOf(s) });
    expect(charts.window.dates).toHaveLength(30);
    expect(charts.deliveries.map((p) => p.date)).toEqual(charts.window.dates);
    expect(charts).toMatchObject({ onTime: { rate: null }, ratings: { count: 0 }, notReceived: { byCarrier: [], byZip3: [] }, pageOpens: { total: 0 } });
    expect((await chartWindow({ ctx: ctxOf(s), input: { days: 7 } })).dates).toHaveLength(7);
    await expect(chartWindow({ ctx: ctxOf(s), input: { days: 0 } })).rejects.toThrow();
    await expect(chartWindow({ ctx: ctxOf(s), input: { days: 367 } })).rejects.toThrow();
  });
});

describe('page opens: counted in memory, added to page_opens', () => {
  let s: Shop;
  let a: number, b: number, c: number, z: number;
  const stored = async (id: number) =>
    Object.fromEntries((await rows(h, 'SELECT day, count FROM page_opens WHERE order_id = ? ORDER BY day', [id])).map((r) => [r.day, Number(r.count)]));
  const open = (id: number, day: string, times: number) => {
    for (let i = 0; i < times; i++) expect(countPageOpen(id, day)).toBe(true);
  };

  beforeAll(async () => {
    s = await newShop();
    const rival = await newShop();
    at('2026-11-27T15:00:00Z');
    for (const n of ['A', 'B', 'C']) await order(s, n);
    await order(rival, 'Z');
    [a, b, c, z] = [await orderId(s, 'A'), await orderId(s, 'B'), await orderId(s, 'C'), await orderId(rival, 'Z')];
    await flushPageOpens({ ctx: h.ctx }); // nothing left over from elsewhere
  });

  it('a flush adds what was counted, and a second flush adds more to the same rows', async () => {
    open(a, '2026-11-27', 3);
    open(b, '2026-11-27', 1);
    expect(pendingPageOpens()).toBe(4);
    expect(await flushPageOpens({ ctx: h.ctx })).toEqual({ opens: 4, dropped: 0 });
    expect(await stored(a)).toEqual({ '2026-11-27': 3 });
    expect(pendingPageOpens()).toBe(0);
    open(a, '2026-11-27', 2);
    open(a, '2026-11-28', 1);
    expect(await flushPageOpens({ ctx: h.ctx })).toEqual({ opens: 3, dropped: 0 });
    expect(await stored(a)).toEqual({ '2026-11-27': 5, '2026-11-28': 1 });
    expect(await flushPageOpens({ ctx: h.ctx })).toEqual({ opens: 0, dropped: 0 });
    expect(await stored(a)).toEqual({ '2026-11-27': 5, '2026-11-28': 1 });
    expect(await stored(b)).toEqual({ '2026-11-27': 1 });
  });

  it('two processes’ counters, flushed at once into the same row, add up', async () => {
    vi.resetModules();
    const other = await import('../../src/domain/dashboard/page-opens');
    open(c, '2026-11-20', 1);
    for (let i = 0; i < 4; i++) other.countPageOpen(c, '2026-11-20');
    await Promise.all([flushPageOpens({ ctx: h.ctx }), other.flushPageOpens({ ctx: h.ctx })]);
    expect(await stored(c)).toEqual({ '2026-11-20': 5 });
  });

  it('an order deleted since its opens were counted is skipped without losing the others', async () => {
    open(999_999, '2026-11-27', 2);
    open(b, '2026-11-27', 1);
    expect(await flushPageOpens({ ctx: h.ctx })).toEqual({ opens: 3, dropped: 0 });
    expect(await stored(b)).toEqual({ '2026-11-27': 2 });
    expect(await stored(999_999)).toEqual({});
  });

  it('a malformed call counts nothing', () => {
    for (const [id, day] of [[0, '2026-11-27'], [-1, '2026-11-27'], [1.5, '2026-11-27'], [a, '2026-11-27T00:00'], [a, '27/11/2026'], [a, '']] as const) {
      expect(countPageOpen(id, day)).toBe(false);
    }
    expect(pendingPageOpens()).toBe(0);
  });

  it('a write that fails keeps the counts for the next flush', async () => {
    open(b, '2026-11-27', 2);
    const broken: ServiceContext = { ...h.ctx, db: { ...h.ctx.db, transaction: () => Promise.reject(new Error('database is locked')) } as never };
    await expect(flushPageOpens({ ctx: broken })).rejects.toThrow('database is locked');
    expect(pendingPageOpens()).toBe(2);
    await flushPageOpens({ ctx: h.ctx });
    expect(await stored(b)).toEqual({ '2026-11-27': 4 });
  });

  it('the chart: total, the orders opened most and how many were opened how often, in the window and for this seller only', async () => {
    open(a, '2026-11-20', 7); // a: 5 on the 27th + 7; its 1 on the 28th is after today
    open(c, '2026-10-28', 9); // before the window's first day (29 Oct)
    open(z, '2026-11-27', 50); // the rival's
    await flushPageOpens({ ctx: h.ctx });
    at('2026-11-27T15:00:00Z');
    const window = await chartWindow({ ctx: ctxOf(s) });
    expect(await pageOpenStats({ ctx: ctxOf(s), input: { window, top: 2 } })).toEqual({
      total: 12 + 4 + 5,
      openedOrders: 3,
      top: [{ orderId: a, orderNumber: 'A', opens: 12 }, { orderId: c, orderNumber: 'C', opens: 5 }],
      distribution: [
        { min: 1, max: 1, orders: 0 }, { min: 2, max: 2, orders: 0 }, { min: 3, max: 5, orders: 2 },
        { min: 6, max: 10, orders: 0 }, { min: 11, max: null, orders: 1 },
      ],
    });
    expect(await pageOpenStats({ ctx: ctxOf(await newShop()), input: { window } })).toEqual({
      total: 0, openedOrders: 0, top: [], distribution: expect.arrayContaining([{ min: 1, max: 1, orders: 0 }]),
    });
  });
});

describe('query plans: every query searches an index, none scans a big table', () => {
  const BIG = ['orders', 'tracking_events', 'packages', 'page_opens', 'feedback', 'problem_reports', 'sms_messages', 'sms_subscriptions', 'sms_consent_events'];
  const plan = async (q: SQL, ctx: ServiceContext = h.ctx) => (await readAll<{ detail: string }>(ctx, sql`EXPLAIN QUERY PLAN ${q}`)).map((r) => r.detail);
  const scansOfBigTables = (lines: string[]) => lines.filter((l) => new RegExp(`^SCAN (${BIG.join('|')})\\b`).test(l));

  async function queries(harness: Harness) {
    const ctx = forSeller(harness.ctx, 1);
    const now = new Date('2026-11-27T15:00:00Z').getTime();
    const window = await chartWindow({ ctx });
    const today = todayQueries(ctx, now - 15 * 3_600_000, now + 9 * 3_600_000);
    return {
      ...attentionQueries(ctx, now, 11),
      'today.orders': today.orders, 'today.texts': today.texts, 'today.gaveUp': today.gaveUp, 'today.optIns': today.optIns,
      deliveries: deliveriesQuery(ctx, window), onTime: onTimeQuery(ctx, window), pageOpens: pageOpensQuery(ctx, window, 5),
    };
  }

  const STATUS = 'SEARCH orders USING INDEX orders_seller_status_idx (seller_id=? AND status_stage=? AND status_exception=?)';
  // migration 0008's index, where the newest scan narrows the search
  const LAST = 'SEARCH orders USING INDEX orders_seller_status_last_idx (seller_id=? AND status_stage=? AND status_exception=?)';
  const LAST_BETWEEN = 'SEARCH orders USING COVERING INDEX orders_seller_status_last_idx (seller_id=? AND status_stage=? AND status_exception=? AND last_event_at>? AND last_event_at<?)';
  const EXPECTED: Record<string, string[]> = {
    report: ['SEARCH problem_reports USING INDEX problem_reports_seller_idx (seller_id=?)', 'SEARCH orders USING INTEGER PRIMARY KEY (rowid=?)'],
    exception: [LAST],
    low_rating: ['SEARCH feedback USING INDEX feedback_seller_idx (seller_id=? AND created_at>?)', 'SEARCH orders USING INTEGER PRIMARY KEY (rowid=?)'],
    stalled: ['SEARCH orders USING INDEX orders_seller_status_last_idx (seller_id=? AND status_stage=? AND status_exception=? AND last_event_at<?)'],
    not_shipped: [STATUS, 'SEARCH tracking_events USING COVERING INDEX tracking_events_order_idx (order_id=? AND occurred_at<?)', 'SEARCH tracking_events USING COVERING INDEX tracking_events_order_idx (order_id=?)'],
    'today.orders': [LAST_BETWEEN],
    'today.texts': ['SEARCH sms_messages USING INDEX sms_messages_submitted_idx (submitted_at>? AND submitted_at<?)', 'SEARCH sms_subscriptions USING INTEGER PRIMARY KEY (rowid=?)'],
    'today.gaveUp': ['SEARCH sms_messages USING INDEX sms_messages_due_idx (state=?)', 'SEARCH sms_subscriptions USING INTEGER PRIMARY KEY (rowid=?)'],
    'today.optIns': ['SEARCH sms_consent_events USING INDEX sms_consent_events_seller_idx (seller_id=? AND at>? AND at<?)'],
    deliveries: [LAST_BETWEEN],
    onTime: ['SEARCH orders USING INDEX orders_seller_status_last_idx (seller_id=? AND status_stage=? AND status_exception=? AND last_event_at>? AND last_event_at<?)'],
    pageOpens: ['SEARCH orders USING COVERING INDEX orders_seller_number_uq (seller_id=?)', 'SEARCH page_opens USING INDEX sqlite_autoindex_page_opens_1 (order_id=? AND day>? AND day<?)'],
  };

  it('with the schema as it is', async () => {
    const all = await queries(h);
    expect(Object.keys(all).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [name, q] of Object.entries(all)) {
      const lines = await plan(q);
      expect(scansOfBigTables(lines), `${name}: ${lines.join(' | ')}`).toEqual([]);
      for (const line of EXPECTED[name]!) expect(lines, name).toContain(line);
    }
  });

  it('the unshipped walk follows the status index newest-first, so it stops at the limit (no sort inside a stage)', async () => {
    const lines = await readAll<{ id: number; parent: number; detail: string }>(h.ctx, sql`EXPLAIN QUERY PLAN ${(await queries(h)).not_shipped}`);
    const stages = lines.filter((l) => l.detail.startsWith('CO-ROUTINE')).map((l) => l.id);
    expect(stages).toHaveLength(2);
    for (const stage of stages) {
      const inside = lines.filter((l) => l.parent === stage).map((l) => l.detail);
      expect(inside).toContain(STATUS);
      expect(inside.filter((d) => d.startsWith('USE TEMP B-TREE'))).toEqual([]);
    }
  });

  it('with orders (seller_id, status_stage, status_exception, last_event_at) (migration 0008) the home page reads no order rows it does not need', async () => {
    const h2 = await startHarness();
    try {
      const all = await queries(h2);
      const wanted = {
        exception: 'SEARCH orders USING INDEX orders_seller_status_last_idx (seller_id=? AND status_stage=? AND status_exception=?)',
        stalled: 'SEARCH orders USING INDEX orders_seller_status_last_idx (seller_id=? AND status_stage=? AND status_exception=? AND last_event_at<?)',
        'today.orders': 'SEARCH orders USING COVERING INDEX orders_seller_status_last_idx (seller_id=? AND status_stage=? AND status_exception=? AND last_event_at>? AND last_event_at<?)',
        deliveries: 'SEARCH orders USING COVERING INDEX orders_seller_status_last_idx (seller_id=? AND status_stage=? AND status_exception=? AND last_event_at>? AND last_event_at<?)',
      } as const;
      for (const [name, line] of Object.entries(wanted)) expect(await plan(all[name as keyof typeof wanted], h2.ctx), name).toContain(line);
    } finally {
      await h2.close();
    }
  });
});
