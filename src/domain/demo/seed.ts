import { and, asc, eq } from 'drizzle-orm';
import { orders, sellers } from '../../../db/schema';
import { forSeller, type ServiceContext } from '../context';
import { addTrackingEvent } from '../events';
import type { CreateOrderInput, TrackingEventInput } from '../inputs';
import { currentTrackingUrl } from '../links';
import { createOrder } from '../orders';
import { createSeller } from '../sellers';
import { addDays, HOUR_MS, localDate, zonedInstant } from '../zoned-time';

export const DEMO_SELLER = 'Juniper & Oak';
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#2f6b4f"/><path d="M16 5c5 5 7 9 7 13a7 7 0 0 1-14 0c0-4 2-8 7-13z" fill="#e9f5ee"/><path d="M16 12v15" stroke="#2f6b4f" stroke-width="2"/></svg>`;

type DemoEvent = Omit<TrackingEventInput, 'occurredAt'> & { at: Date };
interface DemoOrder { order: CreateOrderInput; events: DemoEvent[] }


/** Demo orders in every state, timed relative to `now` so the demo always looks current. */
function demoOrders(now: Date): DemoOrder[] {
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
  const soon = (zone: string, days: number) => addDays(localDate(now, zone), days);
  const local = (zone: string, days: number, hour: number) => zonedInstant(addDays(localDate(now, zone), days), hour, 0, zone);
  const mug = [{ name: 'Stoneware mug, sage', quantity: 2 }];
  const amzl = (n: string) => [{ carrier: 'AMZL' as const, trackingNumber: `TBA3${n}` }];
  const dest = (city: string, region: string, postalCode: string) => ({ city, region, postalCode, country: 'US' });
  return [
    { order: { orderNumber: 'JO-1001', customer: { firstName: 'Dana' }, destination: dest('Troy', 'MI', '48084'), items: mug, promisedDate: soon('America/Detroit', 4), placedAt: ago(0.3), packages: [] }, events: [] },
    {
      order: { orderNumber: 'JO-1002', customer: { firstName: 'Luis' }, destination: dest('Austin', 'TX', '78701'), items: [{ name: 'Linen table runner', quantity: 1 }], promisedDate: soon('America/Chicago', 3), placedAt: ago(20), packages: [] },
      events: [{ type: 'ready_to_ship', at: ago(2) }],
    },
    {
      order: { orderNumber: 'JO-1003', customer: { firstName: 'Priya' }, destination: dest('Pensacola', 'FL', '32501'), items: mug, promisedDate: soon('America/Chicago', 2), placedAt: ago(30), packages: amzl('10000000301') },
      events: [
        { type: 'ready_to_ship', at: ago(26) },
        { type: 'shipped', at: ago(20), trackingNumber: 'TBA310000000301', location: { city: 'Atlanta', region: 'GA' } },
        { type: 'in_transit', at: ago(6), trackingNumber: 'TBA310000000301', location: { city: 'Mobile', region: 'AL' } },
      ],
    },
    {
      order: { orderNumber: 'JO-1004', customer: { firstName: 'Sam' }, destination: dest('Seattle', 'WA', '98101'), items: [{ name: 'Cedar cutting board', quantity: 1 }], promisedDate: soon('America/Los_Angeles', 0), placedAt: ago(50), packages: amzl('10000000401') },
      events: [
        { type: 'ready_to_ship', at: ago(46) },
        { type: 'shipped', at: ago(40), trackingNumber: 'TBA310000000401', location: { city: 'Sacramento', region: 'CA' } },
        { type: 'in_transit', at: ago(12), trackingNumber: 'TBA310000000401', location: { city: 'Kent', region: 'WA' } },
        { id: 'demo-ofd-1004', type: 'out_for_delivery', at: ago(1.5), trackingNumber: 'TBA310000000401', location: { city: 'Seattle', region: 'WA' }, stopsAway: 7 },
      ],
    },
    {
      order: { orderNumber: 'JO-1005', customer: { firstName: 'Avery' }, destination: dest('Miami', 'FL', '33101'), items: mug, promisedDate: soon('America/New_York', 0), placedAt: ago(60), packages: amzl('10000000501') },
      events: [
        { type: 'shipped', at: ago(40), trackingNumber: 'TBA310000000501', location: { city: 'Orlando', region: 'FL' } },
        { type: 'out_for_delivery', at: ago(4), trackingNumber: 'TBA310000000501', location: { city: 'Miami', region: 'FL' } },
        { type: 'delivered', at: ago(0.5), trackingNumber: 'TBA310000000501', location: { city: 'Miami', region: 'FL' }, deliveredTo: 'FRONT_DOOR' },
      ],
    },
    {
      order: { orderNumber: 'JO-1006', customer: { firstName: 'Jordan' }, destination: dest('Chicago', 'IL', '60601'), items: [{ name: 'Cast-iron skillet', quantity: 1 }], promisedDate: soon('America/Chicago', 0), placedAt: ago(70), packages: amzl('10000000601') },
      events: [
        { type: 'shipped', at: ago(48), trackingNumber: 'TBA310000000601' },
        { type: 'out_for_delivery', at: ago(8), trackingNumber: 'TBA310000000601', location: { city: 'Chicago', region: 'IL' } },
        { type: 'delivery_attempted', at: ago(3), trackingNumber: 'TBA310000000601', location: { city: 'Chicago', region: 'IL' }, signatureRequired: true },
      ],
    },
    {
      order: { orderNumber: 'JO-1007', customer: { firstName: 'Riley' }, destination: dest('Phoenix', 'AZ', '85001'), items: mug, promisedDate: soon('America/Phoenix', 1), placedAt: ago(72), packages: [{ carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }] },
      events: [
        { type: 'shipped', at: ago(50), trackingNumber: '1Z999AA10123456784', location: { city: 'Louisville', region: 'KY' } },
        {
          type: 'delayed', at: ago(5), trackingNumber: '1Z999AA10123456784', location: { city: 'Albuquerque', region: 'NM' }, note: 'Severe weather on the route',
          estimatedDelivery: soon('America/Phoenix', 3),
        },
      ],
    },
    {
      order: { orderNumber: 'JO-1008', customer: { firstName: 'Morgan' }, destination: dest('Portland', 'OR', '97201'), items: [{ name: 'Beeswax candles, set of 4', quantity: 1 }], promisedDate: soon('America/Los_Angeles', 0), placedAt: ago(52), packages: amzl('10000000801') },
      events: [
        { type: 'shipped', at: ago(40), trackingNumber: 'TBA310000000801' },
        {
          type: 'available_for_pickup', at: ago(2), trackingNumber: 'TBA310000000801', location: { city: 'Portland', region: 'OR' },
          pickup: { location: 'Amazon Hub Locker – Juniper', hours: 'Daily 6 AM – 10 PM', by: soon('America/Los_Angeles', 3) },
        },
      ],
    },
    {
      order: {
        orderNumber: 'JO-1009', customer: { firstName: 'María', language: 'es' }, destination: dest('Los Angeles', 'CA', '90012'),
        items: [
          { name: 'Wool throw blanket', quantity: 1, trackingNumber: '9400111899223100000901' },
          { name: 'Stoneware bowl', quantity: 4, trackingNumber: 'TBA310000000902' },
        ],
        promisedDate: soon('America/Los_Angeles', 1), placedAt: ago(75),
        packages: [{ carrier: 'USPS', trackingNumber: '9400111899223100000901' }, { carrier: 'AMZL', trackingNumber: 'TBA310000000902' }],
      },
      events: [
        { type: 'shipped', at: ago(60), trackingNumber: '9400111899223100000901', location: { city: 'Reno', region: 'NV' } },
        { type: 'delivered', at: local('America/Los_Angeles', -1, 14), trackingNumber: '9400111899223100000901', location: { city: 'Los Angeles', region: 'CA' }, deliveredTo: 'MAILBOX' },
        { type: 'shipped', at: ago(30), trackingNumber: 'TBA310000000902', location: { city: 'San Bernardino', region: 'CA' } },
        { type: 'in_transit', at: ago(10), trackingNumber: 'TBA310000000902', location: { city: 'Los Angeles', region: 'CA' } },
      ],
    },
    {
      order: { orderNumber: 'JO-1010', customer: { firstName: 'Chris' }, destination: dest('Boston', 'MA', '02108'), items: mug, promisedDate: soon('America/New_York', -3), placedAt: ago(150), packages: amzl('10000001001') },
      events: [
        { type: 'shipped', at: ago(120), trackingNumber: 'TBA310000001001' },
        { type: 'out_for_delivery', at: local('America/New_York', -3, 9), trackingNumber: 'TBA310000001001', location: { city: 'Boston', region: 'MA' } },
        { type: 'delivered', at: local('America/New_York', -3, 15), trackingNumber: 'TBA310000001001', location: { city: 'Boston', region: 'MA' }, deliveredTo: 'MAIL_ROOM' },
      ],
    },
  ];
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
