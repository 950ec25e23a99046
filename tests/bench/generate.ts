import { createHash } from 'node:crypto';
import type { Carrier } from '../../db/schema/packages';
import type { DeliveredTo, EventType } from '../../db/schema/tracking-events';
import { deriveTrackingToken, hashToken, newLinkSalt } from '../../src/domain/tokens';
import { addDays, localDate } from '../../src/domain/zoned-time';
import {
  CARRIER_MIX, DELAY_NOTES, DELIVERED_TO_MIX, DESTINATIONS, FIRST_NAMES, HUBS, ITEMS, LOCKER_NOTES, trackingNumberFor,
  type Destination, type Place,
} from './pools';
import type { Random } from './random';

// One synthetic order with everything the tracking page reads: the order, its single package,
// some items, its link (salt + token hash exactly as issueLink stores them) and its event history.

/** The state an order ends in: a main stage or the exception that is its latest news. */
type FinalState = EventType;

const STATE_MIX: readonly (readonly [FinalState, number])[] = [
  ['order_placed', 4], ['ready_to_ship', 5], ['shipped', 7], ['in_transit', 24], ['out_for_delivery', 6],
  ['delivered', 42], ['delivery_attempted', 3], ['delayed', 4], ['available_for_pickup', 2],
  ['returning', 1], ['returned', 1], ['lost', 0.5], ['cancelled', 0.5],
];

/** The milestones after the in-transit scans, per final state; null: the order never reaches transit. */
const TAIL: Record<FinalState, readonly EventType[] | null> = {
  order_placed: null,
  ready_to_ship: null,
  shipped: null,
  cancelled: null,
  in_transit: [],
  out_for_delivery: ['out_for_delivery'],
  delivered: ['out_for_delivery', 'delivered'],
  delivery_attempted: ['out_for_delivery', 'delivery_attempted'],
  delayed: ['delayed'],
  available_for_pickup: ['available_for_pickup'],
  returning: ['out_for_delivery', 'delivery_attempted', 'returning'],
  returned: ['out_for_delivery', 'delivery_attempted', 'returning', 'returned'],
  lost: ['lost'],
};
const HEAD: Record<'order_placed' | 'ready_to_ship' | 'shipped' | 'cancelled', readonly EventType[]> = {
  order_placed: ['order_placed'],
  ready_to_ship: ['order_placed', 'ready_to_ship'],
  shipped: ['order_placed', 'ready_to_ship', 'shipped'],
  cancelled: ['order_placed', 'cancelled'],
};
const TRANSIT_HEAD: readonly EventType[] = ['order_placed', 'ready_to_ship', 'shipped'];
const FINISHED: ReadonlySet<FinalState> = new Set(['delivered', 'returned', 'lost', 'cancelled']);
const MAX_EVENTS = 40;

const H = 3_600_000;

/** Hours from the previous event to one of this type. */
function gapHours(type: EventType, r: Random): number {
  switch (type) {
    case 'ready_to_ship': return r.between(2, 30);
    case 'shipped': return r.between(1, 24);
    case 'in_transit': return r.between(3, 14);
    case 'out_for_delivery': return r.between(4, 12);
    case 'delivered':
    case 'delivery_attempted': return r.between(1, 9);
    case 'returning': return r.between(24, 72);
    case 'returned': return r.between(48, 120);
    case 'delayed':
    case 'available_for_pickup': return r.between(6, 24);
    case 'lost': return r.between(48, 96);
    case 'cancelled': return r.between(0.5, 24);
    default: return 0;
  }
}

export interface GeneratedOrder {
  order: { id: number; orderNumber: string; firstName: string | null; language: 'en' | 'es' | null; dest: Destination; promisedDate: string | null; createdAt: number };
  pkg: { id: number; carrier: Carrier; trackingNumber: string; createdAt: number };
  items: { name: string; quantity: number; sku: string | null }[];
  link: { salt: string; tokenHash: string; createdAt: number };
  events: GeneratedEvent[];
  /** the raw link token, kept in memory only to drive the load */
  token: string;
}

export interface GeneratedEvent {
  packageId: number | null;
  externalId: string | null;
  payloadHash: string;
  type: EventType;
  occurredAt: number;
  receivedAt: number;
  place: (Place & { country: string }) | null;
  stopsAway: number | null;
  window: { start: number; end: number } | null;
  deliveredTo: DeliveredTo | null;
  signatureRequired: boolean | null;
  note: string | null;
}

/** The fewest events an order in `state` can have, and whether it can take extra in-transit scans. */
function shape(state: FinalState): { min: number; stretchable: boolean } {
  const tail = TAIL[state];
  if (!tail) return { min: HEAD[state as keyof typeof HEAD].length, stretchable: false };
  return { min: TRANSIT_HEAD.length + 1 + tail.length, stretchable: true };
}

/** Orders at the end that only take the remaining average, no jitter, so the total comes out exact. */
export const BUDGET_TAIL = 50;

/**
 * Hands out event counts so the whole data set has exactly `total` events: each order asks for
 * about the remaining average; orders that cannot stretch (not yet shipped) leave theirs to the
 * rest; the last BUDGET_TAIL orders (always stretchable, see generateOrder) even it out.
 */
export class EventBudget {
  #remaining: number;
  #ordersLeft: number;

  constructor(total: number, orders: number) {
    this.#remaining = total;
    this.#ordersLeft = orders;
  }

  get inTail(): boolean {
    return this.#ordersLeft <= BUDGET_TAIL;
  }

  take(state: FinalState, r: Random): number {
    const { min, stretchable } = shape(state);
    const average = this.#remaining / this.#ordersLeft;
    const wanted = this.#ordersLeft === 1 ? this.#remaining : this.inTail ? Math.round(average) : Math.round(average + r.between(-4, 4));
    const n = stretchable ? Math.min(MAX_EVENTS, Math.max(min, wanted)) : min;
    this.#remaining -= n;
    this.#ordersLeft -= 1;
    return n;
  }
}

export interface GenerateContext {
  r: Random;
  now: number;
  appSecret: string;
  sellerId: number;
  budget: EventBudget;
}

export function generateOrder(orderId: number, ctx: GenerateContext): GeneratedOrder {
  const { r, now } = ctx;
  const state: FinalState = ctx.budget.inTail ? 'delivered' : r.weighted(STATE_MIX);
  const count = ctx.budget.take(state, r);
  const dest = r.pick(DESTINATIONS);
  const carrier = r.weighted(CARRIER_MIX);
  const trackingNumber = trackingNumberFor(carrier, orderId, r);
  const packageId = orderId; // one package per order, inserted in order

  const types = eventTypes(state, count);
  // Build the history forward from 0, then anchor it so its newest event lies in the recent past.
  const offsets: number[] = [];
  let t = 0;
  for (const type of types) {
    t += gapHours(type, r) * H;
    offsets.push(t);
  }
  const ageOfLast = FINISHED.has(state) ? r.between(0.2 * H, 25 * 24 * H) : r.between(0.1 * H, 36 * H);
  const placedAt = Math.round(now - ageOfLast - t);

  const events = types.map((type, i) => makeEvent(type, i, Math.round(placedAt + offsets[i]!), { orderId, packageId, carrier, trackingNumber, dest, now, r }));

  const salt = newLinkSalt();
  const token = deriveTrackingToken(ctx.appSecret, { orderId, version: 1, salt });
  const itemCount = r.weighted([[0, 40], [1, 42], [2, 18]] as const);
  return {
    order: {
      id: orderId,
      orderNumber: `BN-${String(orderId).padStart(7, '0')}`,
      firstName: r.chance(0.9) ? r.pick(FIRST_NAMES) : null,
      language: r.weighted([[null, 72], ['en', 20], ['es', 8]] as const),
      dest,
      promisedDate: r.chance(0.85) ? addDays(localDate(new Date(placedAt), dest.zone.zone), r.int(3, 7)) : null,
      createdAt: placedAt,
    },
    pkg: { id: packageId, carrier, trackingNumber, createdAt: placedAt },
    items: Array.from({ length: itemCount }, () => ({ name: r.pick(ITEMS), quantity: r.int(1, 4), sku: r.chance(0.5) ? `SKU-${r.alnum(6)}` : null })),
    link: { salt, tokenHash: hashToken(token), createdAt: placedAt },
    events,
    token,
  };
}

function eventTypes(state: FinalState, count: number): EventType[] {
  const tail = TAIL[state];
  if (!tail) return [...HEAD[state as keyof typeof HEAD]];
  const scans = count - TRANSIT_HEAD.length - tail.length;
  return [...TRANSIT_HEAD, ...Array<EventType>(scans).fill('in_transit'), ...tail];
}

interface EventContext {
  orderId: number;
  packageId: number;
  carrier: Carrier;
  trackingNumber: string;
  dest: Destination;
  now: number;
  r: Random;
}

function makeEvent(type: EventType, seq: number, occurredAt: number, c: EventContext): GeneratedEvent {
  const { r } = c;
  const orderLevel = type === 'order_placed' || type === 'ready_to_ship' || type === 'cancelled';
  const atDestination = type === 'out_for_delivery' || type === 'delivered' || type === 'delivery_attempted' || type === 'available_for_pickup';
  const place = orderLevel ? null : { ...(atDestination ? { city: c.dest.city, region: c.dest.region } : r.pick(HUBS)), country: 'US' };
  const amzl = c.carrier === 'AMZL';
  const ofd = type === 'out_for_delivery';
  const windowStart = ofd && amzl && r.chance(0.5) ? occurredAt + Math.round(r.between(1, 6)) * H : null;
  const event: GeneratedEvent = {
    packageId: orderLevel ? null : c.packageId,
    // order_placed comes from createOrder (no sender id); most carrier feeds send their own ids
    externalId: type !== 'order_placed' && r.chance(0.7) ? `ev_${c.orderId}_${seq}` : null,
    payloadHash: '',
    type,
    occurredAt,
    receivedAt: Math.min(c.now, occurredAt + Math.round(r.between(5_000, 600_000))),
    place,
    stopsAway: ofd && amzl && r.chance(0.7) ? r.int(1, 30) : null,
    window: windowStart === null ? null : { start: windowStart, end: windowStart + 2 * H },
    deliveredTo: type === 'delivered' ? r.weighted(DELIVERED_TO_MIX) : null,
    signatureRequired: type === 'delivery_attempted' ? r.chance(0.3) : null,
    note: type === 'delayed' ? r.pick(DELAY_NOTES) : type === 'available_for_pickup' ? r.pick(LOCKER_NOTES) : null,
  };
  event.payloadHash = payloadHash(event, orderLevel ? null : c.trackingNumber);
  return event;
}

/** A SHA-256 over the event's content, shaped like canonicalHash's output (the page never reads it). */
function payloadHash(e: GeneratedEvent, trackingNumber: string | null): string {
  return createHash('sha256')
    .update(`${e.externalId}|${e.type}|${e.occurredAt}|${trackingNumber}|${e.place?.city}|${e.deliveredTo}|${e.note}`)
    .digest('hex');
}
