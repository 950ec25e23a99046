import { and, asc, eq } from 'drizzle-orm';
import { orders, sellers, users } from '../../../db/schema';
import { hashPassword } from '../accounts/passwords';
import { forSeller, type ServiceContext } from '../context';
import { addTrackingEvent } from '../events';
import type { CreateOrderInput, TrackingEventInput } from '../inputs';
import { currentTrackingUrl } from '../links';
import { createOrder } from '../orders';
import { createSeller } from '../sellers';
import { CARRIER_HOURS } from '../carriers';
import { addDays, DAY_MS, HOUR_MS, localDate, localMinutes, MINUTE_MS, zonedInstant } from '../zoned-time';

export const DEMO_SELLER = 'Juniper & Oak';
/** The demo store's owner: printed by `npm start` and shown on /login while the demo is on (local use only). */
export const DEMO_LOGIN = { email: 'demo@juniper-oak.example', password: 'porchlight demo login' } as const;
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#2f6b4f"/><path d="M16 5c5 5 7 9 7 13a7 7 0 0 1-14 0c0-4 2-8 7-13z" fill="#e9f5ee"/><path d="M16 12v15" stroke="#2f6b4f" stroke-width="2"/></svg>`;

type DemoEvent = Omit<TrackingEventInput, 'occurredAt'> & { at: Date };
interface DemoOrder { order: CreateOrderInput; events: DemoEvent[]; /** the zone its postal code resolves to */ zone: string }


/**
 * One destination's wall clock at the seed's `now`: every demo time is a local hour and minute
 * there, so a scan lands where a real one would whatever hour the server is first started.
 */
export function demoClock(zone: string, now: Date) {
  const today = localDate(now, zone);
  /** hh:mm local, `days` after today (negative: before) */
  const at = (days: number, hour: number, minute = 0) => zonedInstant(addDays(today, days), hour, minute, zone);
  /** the latest hh:mm local at or before `limit` */
  const before = (limit: Date, hour: number, minute = 0) => {
    for (let days = 0; ; days--) {
      const t = at(days, hour, minute);
      if (t <= limit) return t;
    }
  };
  const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE_MS);
  const clamp = (t: Date, lo: Date, hi: Date) => (t < lo ? lo : t > hi ? hi : t);
  return { zone, today, hour: localMinutes(now, zone) / 60, at, before, ago, clamp, date: (days: number) => addDays(today, days), dateOf: (t: Date) => localDate(t, zone) };
}
type Clock = ReturnType<typeof demoClock>;

const dest = (city: string, region: string, postalCode: string) => ({ city, region, postalCode, country: 'US' });
const amzl = (n: string) => `TBA3${n}`;
const MUG = [{ name: 'Stoneware mug, sage', quantity: 2 }];

/**
 * Where the out-for-delivery order goes: the first of these places whose delivery window is open
 * now (from 8:10, until half an hour before the carrier's last deliveries), so its scan is today,
 * inside the window. Between them they cover all but about an hour and a half of the day (around
 * 6 AM Eastern); then it is in Guam at the end of the day, out since the morning and, truthfully,
 * running late.
 */
const OUT_FOR_DELIVERY_PLACES = [
  { place: dest('Louisville', 'KY', '40202'), zone: 'America/Kentucky/Louisville', carrier: 'AMZL' as const, trackingNumber: amzl('10000000401') },
  { place: dest('San Juan', 'PR', '00901'), zone: 'America/Puerto_Rico', carrier: 'AMZL' as const, trackingNumber: amzl('10000000401') },
  { place: dest('Hagåtña', 'GU', '96910'), zone: 'Pacific/Guam', carrier: 'USPS' as const, trackingNumber: '9400111899223100000401' },
];

function outForDelivery(now: Date): DemoOrder {
  const open = (p: (typeof OUT_FOR_DELIVERY_PLACES)[number]) => {
    const hours = CARRIER_HOURS[p.carrier]!;
    const { hour } = demoClock(p.zone, now);
    return hour >= hours.start + 10 / 60 && hour < (hours.extendedEnd ?? hours.end) - 0.5;
  };
  const where = OUT_FOR_DELIVERY_PLACES.find(open) ?? OUT_FOR_DELIVERY_PLACES.at(-1)!;
  const c = demoClock(where.zone, now);
  // Out at 8:05–9:40, an hour and a quarter before now when the morning allows.
  const ofd = c.clamp(c.ago(75), c.at(0, 8, 5), c.at(0, 9, 40));
  const station = c.before(new Date(ofd.getTime() - 2 * HOUR_MS), 4, 30);
  const shipped = c.before(new Date(station.getTime() - 8 * HOUR_MS), 18, 0);
  const stops = c.hour < 11 ? 23 : c.hour < 14 ? 14 : c.hour < 17 ? 7 : 2;
  const tn = where.trackingNumber;
  return {
    zone: where.zone,
    order: {
      orderNumber: 'JO-1004', customer: { firstName: 'Sam' }, destination: where.place, items: [{ name: 'Cedar cutting board', quantity: 1 }],
      promisedDate: c.today, placedAt: c.before(new Date(shipped.getTime() - 20 * HOUR_MS), 21, 5), packages: [{ carrier: where.carrier, trackingNumber: tn }],
    },
    events: [
      { type: 'ready_to_ship', at: c.before(new Date(shipped.getTime() - 3 * HOUR_MS), 13, 0) },
      { type: 'shipped', at: shipped, trackingNumber: tn },
      { type: 'in_transit', at: station, trackingNumber: tn, location: { city: where.place.city, region: where.place.region } },
      { id: 'demo-ofd-1004', type: 'out_for_delivery', at: ofd, trackingNumber: tn, location: { city: where.place.city, region: where.place.region }, stopsAway: stops },
    ],
  };
}

/** The latest moment in hh:mm–hh:mm local, at least `gapMinutes` ago: today when it can be, else the day before at the window's end. */
const recent = (c: Clock, from: [number, number], to: [number, number], gapMinutes: number) =>
  c.ago(gapMinutes) >= c.at(0, ...from) ? c.clamp(c.ago(gapMinutes), c.at(0, ...from), c.at(0, ...to)) : c.at(-1, ...to);

/**
 * Demo orders in every state, each in its own US time zone, timed in that zone around `now`:
 * scans at hours they happen, deliveries, attempts and locker drop-offs inside the carrier's hours.
 */
export function demoOrders(now: Date): DemoOrder[] {
  const orders: DemoOrder[] = [];

  { // placed 20 minutes ago (people shop at any hour)
    const c = demoClock('America/Detroit', now);
    orders.push({ zone: c.zone, events: [], order: { orderNumber: 'JO-1001', customer: { firstName: 'Dana' }, destination: dest('Troy', 'MI', '48084'), items: MUG, promisedDate: c.date(4), placedAt: c.ago(20), packages: [] } });
  }
  { // packed by the seller during working hours
    const c = demoClock('America/Chicago', now);
    const packed = recent(c, [9, 0], [17, 0], 30);
    orders.push({
      zone: c.zone,
      order: { orderNumber: 'JO-1002', customer: { firstName: 'Luis' }, destination: dest('Austin', 'TX', '78701'), items: [{ name: 'Linen table runner', quantity: 1 }], promisedDate: c.date(3), placedAt: c.before(new Date(packed.getTime() - 12 * HOUR_MS), 20, 40), packages: [] },
      events: [{ type: 'ready_to_ship', at: packed }],
    });
  }
  { // handed to the carrier one evening, through a sort center (they run all night) a few hours ago
    const c = demoClock('America/Denver', now);
    const tn = amzl('10000000301');
    const sorted = c.ago(240);
    const shipped = c.before(new Date(sorted.getTime() - 6 * HOUR_MS), 17, 30);
    const ready = c.before(new Date(shipped.getTime() - 2 * HOUR_MS), 11, 0);
    orders.push({
      zone: c.zone,
      order: { orderNumber: 'JO-1003', customer: { firstName: 'Priya' }, destination: dest('Denver', 'CO', '80202'), items: MUG, promisedDate: c.dateOf(new Date(sorted.getTime() + 2 * DAY_MS)), placedAt: c.before(new Date(ready.getTime() - 8 * HOUR_MS), 20, 15), packages: [{ carrier: 'AMZL', trackingNumber: tn }] },
      events: [
        { type: 'ready_to_ship', at: ready },
        { type: 'shipped', at: shipped, trackingNumber: tn, location: { city: 'Salt Lake City', region: 'UT' } },
        { type: 'in_transit', at: sorted, trackingNumber: tn, location: { city: 'Aurora', region: 'CO' } },
      ],
    });
  }
  orders.push(outForDelivery(now));
  { // delivered today after 10 AM, else yesterday afternoon
    const c = demoClock('America/New_York', now);
    const tn = amzl('10000000501');
    const delivered = recent(c, [9, 40], [19, 40], 30);
    const day = c.dateOf(delivered) === c.today ? 0 : -1;
    orders.push({
      zone: c.zone,
      order: { orderNumber: 'JO-1005', customer: { firstName: 'Avery' }, destination: dest('Miami', 'FL', '33131'), items: MUG, promisedDate: c.date(day), placedAt: c.at(day - 3, 19, 0), packages: [{ carrier: 'AMZL', trackingNumber: tn }] },
      events: [
        { type: 'shipped', at: c.at(day - 1, 17, 30), trackingNumber: tn, location: { city: 'Orlando', region: 'FL' } },
        { type: 'out_for_delivery', at: c.at(day, 8, 40), trackingNumber: tn, location: { city: 'Miami', region: 'FL' } },
        { type: 'delivered', at: delivered, trackingNumber: tn, location: { city: 'Miami', region: 'FL' }, deliveredTo: 'FRONT_DOOR' },
      ],
    });
  }
  { // a signature was needed: attempted today after 9:30, else yesterday afternoon; the driver comes back the next day
    const c = demoClock('America/Anchorage', now);
    const tn = amzl('10000000601');
    const attempted = recent(c, [9, 30], [19, 30], 90);
    const day = c.dateOf(attempted) === c.today ? 0 : -1;
    orders.push({
      zone: c.zone,
      order: { orderNumber: 'JO-1006', customer: { firstName: 'Jordan' }, destination: dest('Anchorage', 'AK', '99501'), items: [{ name: 'Cast-iron skillet', quantity: 1 }], promisedDate: c.date(day), placedAt: c.at(day - 4, 12, 10), packages: [{ carrier: 'AMZL', trackingNumber: tn }] },
      events: [
        { type: 'shipped', at: c.at(day - 2, 18, 0), trackingNumber: tn, location: { city: 'Seattle', region: 'WA' } },
        { type: 'out_for_delivery', at: c.at(day, 8, 50), trackingNumber: tn, location: { city: 'Anchorage', region: 'AK' } },
        { type: 'delivery_attempted', at: attempted, trackingNumber: tn, location: { city: 'Anchorage', region: 'AK' }, signatureRequired: true },
      ],
    });
  }
  { // held up by weather at a hub a few hours ago; the carrier gives a new date
    const c = demoClock('America/Phoenix', now);
    const tn = '1Z999AA10123456784';
    const delayed = c.ago(300);
    const shipped = c.before(new Date(delayed.getTime() - 20 * HOUR_MS), 18, 30);
    orders.push({
      zone: c.zone,
      order: { orderNumber: 'JO-1007', customer: { firstName: 'Riley' }, destination: dest('Phoenix', 'AZ', '85004'), items: MUG, promisedDate: c.date(1), placedAt: c.before(new Date(shipped.getTime() - 30 * HOUR_MS), 10, 0), packages: [{ carrier: 'UPS', trackingNumber: tn }] },
      events: [
        { type: 'shipped', at: shipped, trackingNumber: tn, location: { city: 'Louisville', region: 'KY' } },
        { type: 'delayed', at: delayed, trackingNumber: tn, location: { city: 'Albuquerque', region: 'NM' }, note: 'Severe weather on the route', estimatedDelivery: c.date(3) },
      ],
    });
  }
  { // left at a locker during the driver's day: today after 9:15, else yesterday afternoon
    const c = demoClock('America/Los_Angeles', now);
    const tn = amzl('10000000801');
    const ready = recent(c, [9, 15], [19, 45], 120);
    const day = c.dateOf(ready) === c.today ? 0 : -1;
    orders.push({
      zone: c.zone,
      order: { orderNumber: 'JO-1008', customer: { firstName: 'Morgan' }, destination: dest('Portland', 'OR', '97201'), items: [{ name: 'Beeswax candles, set of 4', quantity: 1 }], promisedDate: c.date(day), placedAt: c.at(day - 3, 9, 30), packages: [{ carrier: 'AMZL', trackingNumber: tn }] },
      events: [
        { type: 'shipped', at: c.at(day - 1, 18, 0), trackingNumber: tn, location: { city: 'Sacramento', region: 'CA' } },
        { type: 'in_transit', at: c.at(day, 5, 10), trackingNumber: tn, location: { city: 'Portland', region: 'OR' } },
        {
          type: 'available_for_pickup', at: ready, trackingNumber: tn, location: { city: 'Portland', region: 'OR' },
          pickup: { location: 'Amazon Hub Locker – Juniper', hours: 'Daily 6 AM – 10 PM', by: c.date(day + 3) },
        },
      ],
    });
  }
  { // split shipment, in Spanish: the mailbox package came yesterday, the other is on its way
    const c = demoClock('America/Boise', now);
    const [usps, box] = ['9400111899223100000901', amzl('10000000902')];
    const shipped = c.at(-1, 19, 30);
    orders.push({
      zone: c.zone,
      order: {
        orderNumber: 'JO-1009', customer: { firstName: 'María', language: 'es' }, destination: dest('Boise', 'ID', '83702'),
        items: [{ name: 'Wool throw blanket', quantity: 1, trackingNumber: usps }, { name: 'Stoneware bowl', quantity: 4, trackingNumber: box }],
        promisedDate: c.date(1), placedAt: c.at(-4, 20, 10), packages: [{ carrier: 'USPS', trackingNumber: usps }, { carrier: 'AMZL', trackingNumber: box }],
      },
      events: [
        { type: 'shipped', at: c.at(-3, 17, 0), trackingNumber: usps, location: { city: 'Reno', region: 'NV' } },
        { type: 'out_for_delivery', at: c.at(-1, 8, 20), trackingNumber: usps, location: { city: 'Boise', region: 'ID' } },
        { type: 'delivered', at: c.at(-1, 14, 0), trackingNumber: usps, location: { city: 'Boise', region: 'ID' }, deliveredTo: 'MAILBOX' },
        { type: 'shipped', at: shipped, trackingNumber: box, location: { city: 'Salt Lake City', region: 'UT' } },
        { type: 'in_transit', at: new Date(Math.max(shipped.getTime() + 4 * HOUR_MS, c.ago(360).getTime())), trackingNumber: box, location: { city: 'Boise', region: 'ID' } },
      ],
    });
  }
  { // delivered three days ago, to the mailroom
    const c = demoClock('Pacific/Honolulu', now);
    const tn = amzl('10000001001');
    orders.push({
      zone: c.zone,
      order: { orderNumber: 'JO-1010', customer: { firstName: 'Chris' }, destination: dest('Honolulu', 'HI', '96813'), items: MUG, promisedDate: c.date(-3), placedAt: c.at(-6, 12, 30), packages: [{ carrier: 'AMZL', trackingNumber: tn }] },
      events: [
        { type: 'shipped', at: c.at(-5, 17, 0), trackingNumber: tn, location: { city: 'Kapolei', region: 'HI' } },
        { type: 'out_for_delivery', at: c.at(-3, 9, 0), trackingNumber: tn, location: { city: 'Honolulu', region: 'HI' } },
        { type: 'delivered', at: c.at(-3, 15, 0), trackingNumber: tn, location: { city: 'Honolulu', region: 'HI' }, deliveredTo: 'MAIL_ROOM' },
      ],
    });
  }
  return orders;
}

export interface DemoSeed {
  sellerId: number;
  apiKey: string | null;
  links: { key: string; orderNumber: string; url: string }[];
}

/**
 * Seeds the demo seller (marked as the demo) and its orders through the same domain verbs the API
 * uses, timed around the context's clock.
 */
export async function seedDemo({ ctx }: { ctx: ServiceContext }): Promise<DemoSeed> {
  const seller = await createSeller({
    ctx,
    input: {
      seller: { name: DEMO_SELLER, accentColor: '#2f6b4f', supportEmail: 'help@juniper-oak.example', supportPhone: '+1 (555) 010-2030', supportUrl: 'https://juniper-oak.example/help', publicFeedbackUrl: 'https://juniper-oak.example/reviews', logo: { type: 'image/svg+xml', data: Buffer.from(LOGO) } },
      demo: true,
    },
  });
  const passwordHash = await hashPassword(DEMO_LOGIN.password);
  const now = ctx.now();
  await ctx.db.transaction((tx) =>
    tx.insert(users).values({ sellerId: seller.sellerId, email: DEMO_LOGIN.email, name: 'Demo owner', passwordHash, role: 'owner', createdAt: now, passwordChangedAt: now }),
  );
  const sellerCtx = forSeller(ctx, seller.sellerId);
  for (const demo of demoOrders(ctx.now())) {
    await createOrder({ ctx: sellerCtx, input: { order: demo.order, source: 'demo' } });
    for (const { at, ...event } of demo.events) {
      await addTrackingEvent({ ctx: sellerCtx, input: { orderNumber: demo.order.orderNumber, event: { ...event, occurredAt: at }, source: 'demo' } });
    }
  }
  return { sellerId: seller.sellerId, apiKey: seller.apiKey, links: await demoLinks({ ctx }) };
}

const LABELS: Record<string, string> = {
  'JO-1001': 'placed', 'JO-1002': 'ready_to_ship', 'JO-1003': 'shipped', 'JO-1004': 'out_for_delivery', 'JO-1005': 'delivered',
  'JO-1006': 'attempted', 'JO-1007': 'delayed', 'JO-1008': 'locker_pickup', 'JO-1009': 'split_shipment', 'JO-1010': 'delivered_3_days_ago',
};

/**
 * The seeded demo orders' tracking links, re-derived (tokens are never stored): only orders the
 * seed made (source 'demo') of the seller the seed marked, never a real order, whatever its name.
 */
export async function demoLinks({ ctx }: { ctx: ServiceContext }) {
  const rows = await ctx.db
    .select({ id: orders.id, orderNumber: orders.orderNumber, sellerId: orders.sellerId })
    .from(orders)
    .innerJoin(sellers, eq(sellers.id, orders.sellerId))
    .where(and(eq(sellers.isDemo, true), eq(orders.source, 'demo')))
    .orderBy(asc(orders.id));
  const out: { key: string; orderNumber: string; url: string }[] = [];
  for (const row of rows) {
    const url = await currentTrackingUrl(forSeller(ctx, row.sellerId), row.id);
    if (url) out.push({ key: LABELS[row.orderNumber] ?? row.orderNumber, orderNumber: row.orderNumber, url });
  }
  return out;
}
