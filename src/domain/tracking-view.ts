import type { Carrier } from '../../db/schema/packages';
import type { DeliveredTo, EventType, TrackingEvent } from '../../db/schema/tracking-events';
import { CARRIER_NAMES } from './carriers';
import { expectedArrival, type ExpectedArrival } from './delivery-window';
import { notReceivedGuidance, type NotReceivedGuidance } from './not-received';
import type { Item, Order, Package, Seller } from '../../db/schema';
import { newestFirst, orderStatus, type ExceptionType, type Stage } from './status';
import { stripControls } from './text';
import { addDays, localDate } from './zoned-time';

/** Amazon Lockers and Hub Counters hold a package for 3 days before it goes back. */
export const AMAZON_LOCKER_HOLD_DAYS = 3;

/** Text as the page shows it: never a control character, even one stored before input was cleaned. */
const shown = <T extends string | null>(s: T): T => (s === null ? s : (stripControls(s) as T));

// Everything the customer page and GET /api/t/{token} show, and nothing more: no street,
// postal code, last name, phone or email ever enters this object.

export interface EventView {
  type: EventType;
  at: Date;
  place: { city: string | null; region: string | null; country: string | null } | null;
  packageNumber: number | null;
  stopsAway: number | null;
  deliveredTo: DeliveredTo | null;
  signatureRequired: boolean | null;
  note: string | null;
}

export interface PackageView {
  number: number;
  carrier: Carrier;
  carrierName: string;
  trackingNumber: string;
  stage: Stage;
  exception: ExceptionType | null;
  deliveredAt: Date | null;
  deliveredTo: DeliveredTo | null;
  stopsAway: number | null;
  signatureRequired: boolean;
  /** what the newest event says, in the carrier's words, for banners: a delay reason */
  latestNote: string | null;
  latestPlace: EventView['place'];
  expected: ExpectedArrival | null;
  /** while delayed: the date expected before the delay, and the new one (null: not known yet) */
  delay: { was: string | null; now: string | null } | null;
  /** while ready for pickup: where, its hours in the carrier's words, the last day to collect */
  pickup: { location: string | null; hours: string | null; by: string | null } | null;
  /** what ships in this package, when the seller said */
  items: { name: string; quantity: number }[];
  events: EventView[];
}

export interface TrackingView {
  seller: { name: string; accentColor: string; logoUrl: string | null; email: string | null; phone: string | null; url: string | null; publicFeedbackUrl: string | null };
  order: { number: string; firstName: string | null; language: 'en' | 'es' | null; city: string | null; region: string | null; items: { name: string; quantity: number }[] };
  zone: { id: string; assumed: boolean };
  status: { stage: Stage; exception: ExceptionType | null; packageCount: number; deliveredCount: number; finishedAt: Date | null };
  expected: ExpectedArrival | null;
  /** the package the top card's expected arrival is for, when the order has several */
  nextPackage: number | null;
  packages: PackageView[];
  timeline: EventView[];
  notReceived: NotReceivedGuidance | null;
  /** every carrier on the order, once each, in package order */
  carriers: Carrier[];
}

/** The columns the customer view reads; an OrderDetail is one, and so is the hot-path snapshot. */
export interface TrackingSnapshot {
  order: Pick<Order, 'orderNumber' | 'customerFirstName' | 'language' | 'destCity' | 'destRegion' | 'timeZone' | 'timeZoneAssumed' | 'promisedDate'>;
  packages: Pick<Package, 'id' | 'carrier' | 'trackingNumber'>[];
  items: Pick<Item, 'name' | 'quantity' | 'packageId'>[];
  events: SnapshotEvent[];
}
export type SnapshotEvent = Pick<
  TrackingEvent,
  | 'id' | 'packageId' | 'type' | 'occurredAt' | 'city' | 'region' | 'country' | 'stopsAway' | 'windowStart' | 'windowEnd' | 'deliveredTo'
  | 'signatureRequired' | 'note' | 'estimatedDate' | 'pickupLocation' | 'pickupHours' | 'pickupBy'
>;

/** The seller as the customer page shows it (no logo bytes). */
export type SellerBrand = Pick<
  Seller,
  'id' | 'slug' | 'name' | 'accentColor' | 'logoVersion' | 'supportEmail' | 'supportPhone' | 'supportUrl' | 'publicFeedbackUrl' | 'isDemo' | 'smsCountries' | 'linkTtlDays'
>;

/** Anything on the order shows delivered: not-received and damage reports open from then on. */
export const anythingDelivered = (view: Pick<TrackingView, 'packages' | 'status'>) => view.status.stage === 'delivered' || view.packages.some((p) => p.deliveredAt);

/** Feedback is asked for once everything has arrived (or finished otherwise, with something delivered). */
export const feedbackOpen = (view: Pick<TrackingView, 'packages' | 'status'>) => view.status.finishedAt !== null && anythingDelivered(view);

export function buildTrackingView(detail: TrackingSnapshot, seller: Omit<SellerBrand, 'id' | 'isDemo' | 'smsCountries' | 'linkTtlDays'>, now: Date): TrackingView {
  const { order } = detail;
  const zone = order.timeZone;
  const numberOf = new Map(detail.packages.map((p, i) => [p.id, i + 1]));
  const status = orderStatus(detail.packages.map((p) => p.id), detail.events);
  const toView = (e: SnapshotEvent): EventView => ({
    type: e.type,
    at: e.occurredAt,
    place: e.city || e.region || e.country ? { city: shown(e.city), region: shown(e.region), country: shown(e.country) } : null,
    packageNumber: e.packageId ? (numberOf.get(e.packageId) ?? null) : null,
    stopsAway: e.stopsAway,
    deliveredTo: e.deliveredTo,
    signatureRequired: e.signatureRequired,
    note: shown(e.note),
  });
  // One "placed" step: of several order_placed events sent, the last one received stands.
  const lastPlaced = Math.max(...detail.events.filter((e) => e.type === 'order_placed').map((e) => e.id));
  const timeline = newestFirst(detail.events.filter((e) => e.type !== 'order_placed' || e.id === lastPlaced));

  const packages: PackageView[] = detail.packages.map((p, i) => {
    const st = status.packages.get(p.id)!;
    const own = timeline.filter((e) => e.packageId === p.id || e.packageId === null);
    const newest = (type: EventType) => own.find((e) => e.type === type) ?? null;
    const latest = own[0] ?? null;
    const delivered = st.stage === 'delivered' ? newest('delivered') : null;
    const windowEvent = own.find((e) => e.windowStart && e.windowEnd);
    // The carrier's newest estimate replaces the seller's promised date.
    const estimate = own.find((e) => e.estimatedDate)?.estimatedDate ?? order.promisedDate;
    const delayed = st.exception === 'delayed' ? newest('delayed') : null;
    const delay = delayed
      ? { was: own.slice(own.indexOf(delayed) + 1).find((e) => e.estimatedDate)?.estimatedDate ?? order.promisedDate, now: delayed.estimatedDate }
      : null;
    const ready = st.exception === 'available_for_pickup' ? newest('available_for_pickup') : null;
    return {
      number: i + 1,
      carrier: p.carrier,
      carrierName: CARRIER_NAMES[p.carrier],
      trackingNumber: p.trackingNumber,
      stage: st.stage,
      exception: st.exception,
      deliveredAt: st.deliveredAt,
      deliveredTo: delivered?.deliveredTo ?? null,
      stopsAway: st.stage === 'out_for_delivery' && !st.exception ? (newest('out_for_delivery')?.stopsAway ?? null) : null,
      signatureRequired: own.some((e) => e.signatureRequired),
      latestNote: shown(latest?.note ?? null),
      latestPlace: latest ? toView(latest).place : null,
      expected: expectedArrival({
        carrier: p.carrier,
        zone,
        // a delay without a new date leaves nothing honest to promise
        promisedDate: delay ? delay.now : estimate,
        status: st,
        outForDeliveryAt: newest('out_for_delivery')?.occurredAt ?? null,
        attemptedAt: newest('delivery_attempted')?.occurredAt ?? null,
        carrierWindow: windowEvent ? { start: windowEvent.windowStart!, end: windowEvent.windowEnd! } : null,
        now,
      }),
      delay,
      pickup: ready
        ? { location: shown(ready.pickupLocation), hours: shown(ready.pickupHours), by: ready.pickupBy ?? (p.carrier === 'AMZL' ? addDays(localDate(ready.occurredAt, zone), AMAZON_LOCKER_HOLD_DAYS) : null) }
        : null,
      items: detail.items.filter((it) => it.packageId === p.id).map((it) => ({ name: shown(it.name), quantity: it.quantity })),
      events: own.filter((e) => e.packageId === p.id).map(toView),
    };
  });

  const next = packages.filter((p) => p.expected).sort((a, b) => (a.expected!.date < b.expected!.date ? -1 : 1))[0];
  const expected = detail.packages.length
    ? (next?.expected ?? null)
    : expectedArrival({
        carrier: null, zone, promisedDate: order.promisedDate, status: status.orderLevel,
        outForDeliveryAt: null, attemptedAt: null, carrierWindow: null, now,
      });

  const lastDelivered = packages
    .filter((p) => p.deliveredAt && !p.exception)
    .sort((a, b) => b.deliveredAt!.getTime() - a.deliveredAt!.getTime())[0];
  const exception = packages.find((p) => p.exception)?.exception ?? (detail.packages.length ? null : status.orderLevel.exception);

  return {
    seller: {
      name: shown(seller.name),
      accentColor: seller.accentColor,
      logoUrl: seller.logoVersion ? `/media/logos/${seller.slug}?v=${seller.logoVersion}` : null,
      email: seller.supportEmail,
      phone: seller.supportPhone,
      url: seller.supportUrl,
      publicFeedbackUrl: seller.publicFeedbackUrl ?? null,
    },
    order: {
      number: order.orderNumber,
      firstName: shown(order.customerFirstName),
      language: order.language,
      city: shown(order.destCity),
      region: shown(order.destRegion),
      items: detail.items.map((i) => ({ name: shown(i.name), quantity: i.quantity })),
    },
    zone: { id: zone, assumed: order.timeZoneAssumed },
    status: { stage: status.stage, exception, packageCount: status.packageCount, deliveredCount: status.deliveredCount, finishedAt: status.finishedAt },
    expected,
    nextPackage: packages.length > 1 && next ? next.number : null,
    packages,
    timeline: timeline.map(toView),
    notReceived: lastDelivered
      ? notReceivedGuidance({ deliveredAt: lastDelivered.deliveredAt!, carrier: lastDelivered.carrier, zone, now })
      : null,
    carriers: [...new Set(detail.packages.map((p) => p.carrier))],
  };
}
