import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { orders, packages, trackingEvents } from '../../db/schema';
import { CARRIER_HOURS } from '../../src/domain/carriers';
import { demoLinks, demoOrders, seedDemo } from '../../src/domain/demo/seed';
import { openTrackingLink } from '../../src/domain/tracking';
import { tokenOf } from '../support/harness';
import { startHarness, type Harness } from '../support/harness';

// The demo tells a believable day (issue 12): whatever hour the server is first started, every
// seeded scan lies where a real one would in its destination's zone, and every page tells a
// consistent story. Local wall-clock facts are computed here with Intl, not with the app's helpers.

/** hour (fractional) and date of `at` on the wall clock of `zone` */
function wall(at: Date, zone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(at).map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) + Number(parts.minute) / 60 };
}

/** The UTC instant when it is `time` on `date` in `zone` (searching the day; DST-safe enough for whole minutes). */
function localInstant(date: string, time: string, zone: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  for (let t = Date.parse(`${date}T00:00:00Z`) - 14 * 3_600_000; t < Date.parse(`${date}T00:00:00Z`) + 38 * 3_600_000; t += 60_000) {
    const w = wall(new Date(t), zone);
    if (w.date === date && Math.abs(w.hour - (h + m / 60)) < 1e-9) return new Date(t);
  }
  throw new Error(`${date} ${time} does not exist in ${zone}`);
}

const STARTS: [string, Date][] = [
  ...['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Pacific/Honolulu'].flatMap((zone) =>
    ['00:30', '06:00', '13:00', '21:45'].map((time): [string, Date] => [`${time} in ${zone}`, localInstant('2026-12-01', time, zone)])),
  // across the spring change (the 2 AM hour does not exist) and the autumn one (1 AM happens twice)
  ['01:30 on 2026-03-08, New York, before the clocks go forward', localInstant('2026-03-08', '01:30', 'America/New_York')],
  ['03:30 on 2026-03-08, New York, after', localInstant('2026-03-08', '03:30', 'America/New_York')],
  ['09:00 on 2026-03-09, the Monday after', localInstant('2026-03-09', '09:00', 'America/New_York')],
  ['01:30 on 2026-11-01, New York (the first one)', localInstant('2026-11-01', '01:30', 'America/New_York')],
  ['08:30 on 2026-11-01, Los Angeles, the morning the clocks went back', localInstant('2026-11-01', '08:30', 'America/Los_Angeles')],
  // the hour and a half no out-for-delivery place has its window open (about 6 AM Eastern)
  ['11:30 UTC, when no US delivery window is open', new Date('2026-12-01T11:30:00Z')],
  ['12:15 UTC, when San Juan’s window has just opened', new Date('2026-12-01T12:15:00Z')],
];

const DELIVERY_TYPES = new Set(['out_for_delivery', 'delivery_attempted', 'delivered', 'available_for_pickup']);
const STATE: Record<string, { stage: string; exception: string | null }> = {
  placed: { stage: 'order_placed', exception: null },
  ready_to_ship: { stage: 'ready_to_ship', exception: null },
  shipped: { stage: 'in_transit', exception: null },
  out_for_delivery: { stage: 'out_for_delivery', exception: null },
  delivered: { stage: 'delivered', exception: null },
  attempted: { stage: 'out_for_delivery', exception: 'delivery_attempted' },
  delayed: { stage: 'shipped', exception: 'delayed' },
  locker_pickup: { stage: 'in_transit', exception: 'available_for_pickup' },
  split_shipment: { stage: 'in_transit', exception: null },
  delivered_3_days_ago: { stage: 'delivered', exception: null },
};

interface Seeded { now: Date; links: { key: string; orderNumber: string; url: string }[]; h: Harness }
const seeded = new Map<string, Seeded>();

beforeAll(async () => {
  for (const [name, now] of STARTS) {
    const h = await startHarness();
    h.clock.now = now;
    await seedDemo({ ctx: h.ctx });
    seeded.set(name, { now, links: await demoLinks({ ctx: h.ctx }), h });
  }
}, 120_000);
afterAll(() => seeded.forEach((s) => s.h.close()));

async function ordersOf(s: Seeded) {
  const rows = await s.h.ctx.db.select().from(orders).orderBy(asc(orders.id));
  return Promise.all(rows.map(async (o) => ({
    order: o,
    packages: await s.h.ctx.db.select().from(packages).where(eq(packages.orderId, o.id)).orderBy(asc(packages.id)),
    events: await s.h.ctx.db.select().from(trackingEvents).where(eq(trackingEvents.orderId, o.id)).orderBy(asc(trackingEvents.id)),
  })));
}

describe.each(STARTS.map(([name]) => name))('the demo seeded at %s', (name) => {
  it('one order per state, each in its own time zone, the zone its postal code resolves to', async () => {
    const s = seeded.get(name)!;
    expect(s.links.map((l) => l.key)).toEqual(Object.keys(STATE));
    const all = await ordersOf(s);
    const zones = all.map((o) => o.order.timeZone);
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones).toEqual(demoOrders(s.now).map((d) => d.zone));
    expect(all.every((o) => !o.order.timeZoneAssumed && o.order.timeZoneBasis === 'postal_code')).toBe(true);
  });

  it('each order names its town and state, promises a date no earlier than it was placed, and (for the out-for-delivery one) how many stops away', async () => {
    const s = seeded.get(name)!;
    for (const { order, events } of await ordersOf(s)) {
      expect(order.destCity, order.orderNumber).toMatch(/^\p{Lu}/u);
      expect(order.destRegion, order.orderNumber).toMatch(/^[A-Z]{2}$/);
      const placed = events.find((e) => e.type === 'order_placed')!.occurredAt;
      expect(order.promisedDate, order.orderNumber).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(order.promisedDate! >= wall(placed, order.timeZone).date, `${order.orderNumber} promised before it was placed`).toBe(true);
      for (const e of events.filter((x) => DELIVERY_TYPES.has(x.type))) expect(e.city ?? '', `${order.orderNumber} ${e.type}`).toMatch(/^\p{Lu}/u);
    }
    const ofd = (await ordersOf(s)).find((o) => o.order.orderNumber === 'JO-1004')!.events.find((e) => e.type === 'out_for_delivery')!;
    expect(ofd.stopsAway).toBeGreaterThan(0);
  });

  it('nothing happened in the future, and each package’s scans come in order after the order was placed', async () => {
    const s = seeded.get(name)!;
    for (const { order, events } of await ordersOf(s)) {
      const placed = events.find((e) => e.type === 'order_placed')!.occurredAt;
      for (const e of events) {
        expect(e.occurredAt.getTime(), `${order.orderNumber} ${e.type}`).toBeLessThanOrEqual(s.now.getTime());
        expect(e.occurredAt.getTime(), `${order.orderNumber} ${e.type} before it was placed`).toBeGreaterThanOrEqual(placed.getTime());
      }
      for (const pkgId of new Set(events.map((e) => e.packageId))) {
        const times = events.filter((e) => e.packageId === pkgId).map((e) => e.occurredAt.getTime());
        expect(times, `${order.orderNumber}: scans out of order`).toEqual([...times].sort((a, b) => a - b));
      }
    }
  });

  it('out for delivery, attempts, deliveries and locker drop-offs lie inside the carrier’s hours in the destination’s zone; packing in working hours', async () => {
    const s = seeded.get(name)!;
    for (const { order, packages: pkgs, events } of await ordersOf(s)) {
      for (const e of events) {
        const { hour } = wall(e.occurredAt, order.timeZone);
        if (e.type === 'ready_to_ship') expect(hour, `${order.orderNumber} packed at ${hour}`).toBeGreaterThanOrEqual(8), expect(hour).toBeLessThanOrEqual(18);
        if (!DELIVERY_TYPES.has(e.type)) continue;
        const carrier = pkgs.find((p) => p.id === e.packageId)!.carrier;
        const hours = CARRIER_HOURS[carrier]!;
        const at = `${order.orderNumber} ${e.type} at ${hour.toFixed(2)} in ${order.timeZone} (${carrier})`;
        expect(hour, at).toBeGreaterThanOrEqual(hours.start);
        expect(hour, at).toBeLessThanOrEqual(hours.extendedEnd ?? hours.end);
      }
    }
  });

  it('every page tells a consistent story: the state it is named for, and no "today" window that has already closed', async () => {
    const s = seeded.get(name)!;
    for (const link of s.links) {
      const page = await openTrackingLink({ ctx: { ...s.h.ctx, now: () => s.now }, input: { token: tokenOf(link.url) } });
      if (page.kind !== 'ok') throw new Error(`${link.key}: ${page.kind}`);
      const { view } = page;
      expect({ stage: view.status.stage, exception: view.status.exception }, link.key).toEqual(STATE[link.key]);
      const today = wall(s.now, view.zone.id).date;
      for (const expected of [view.expected, ...view.packages.map((p) => p.expected)]) {
        if (expected?.kind !== 'window' || expected.date !== today) continue;
        expect((expected.extendedEnd ?? expected.end).getTime(), `${link.key}: a "today" window that has closed`).toBeGreaterThan(s.now.getTime());
      }
      // every expected date is today or later: nothing is promised for a day already gone
      for (const p of view.packages) if (p.expected) expect(p.expected.date >= today, `${link.key} expected ${p.expected.date}`).toBe(true);
    }
  });

  it('the out-for-delivery order is out today, inside an open window, or (only when no US window is open) in Guam, saying truthfully how late it is', async () => {
    const s = seeded.get(name)!;
    const link = s.links.find((l) => l.key === 'out_for_delivery')!;
    const page = await openTrackingLink({ ctx: { ...s.h.ctx, now: () => s.now }, input: { token: tokenOf(link.url) } });
    if (page.kind !== 'ok') throw new Error(page.kind);
    const pkg = page.view.packages[0]!;
    const ofd = pkg.events.find((e) => e.type === 'out_for_delivery')!;
    expect(wall(ofd.at, page.view.zone.id).date).toBe(wall(s.now, page.view.zone.id).date);
    // Late only when no US zone, from Puerto Rico to Guam, has its delivery window open: from 8:10 AM
    // to half an hour before the last deliveries (Amazon's 10 PM; in Guam, where Amazon sends by USPS, 9 PM)
    const US_ZONES = ['America/Puerto_Rico', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu', 'Pacific/Guam'];
    const noneOpen = US_ZONES.every((zone) => {
      const { hour } = wall(s.now, zone);
      return hour < 8 + 10 / 60 || hour >= (zone === 'Pacific/Guam' ? 20.5 : 21.5);
    });
    if (!noneOpen) expect(pkg.expected, name).toMatchObject({ date: wall(s.now, page.view.zone.id).date, late: false });
    else {
      // out since the morning in Guam: it says it can still come in the last half hour, else that it is late
      expect(page.view.zone.id).toBe('Pacific/Guam');
      const expected = pkg.expected!;
      expect(expected.late || (expected.kind === 'window' && expected.stillToday), name).toBe(true);
    }
  });
});
