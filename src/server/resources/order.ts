import { z } from 'zod';
import { DELIVERED_TO, EVENT_TYPES, EXCEPTION_TYPES, MAIN_STAGES } from '../../../db/schema/tracking-events';
import { EVENT_SOURCES } from '../../../db/schema/tracking-events';
import { LANGUAGES, ZONE_BASES } from '../../../db/schema/orders';
import { CARRIERS } from '../../../db/schema/packages';
import type { TrackingEvent } from '../../../db/schema';
import type { OrderDetail } from '../../domain/orders';
import { newestFirst, orderStatus } from '../../domain/status';
import { FeedbackResource, ReportResource } from './feedback';

// The seller API's order shapes: the contract tests assert and the OpenAPI document is built from.

const iso = z.iso.datetime();
const place = z.object({ city: z.string().nullable(), region: z.string().nullable(), country: z.string().nullable() });

export const EventResource = z.object({
  id: z.string().nullable(),
  type: z.enum(EVENT_TYPES),
  occurredAt: iso,
  receivedAt: iso,
  source: z.enum(EVENT_SOURCES),
  trackingNumber: z.string().nullable(),
  location: place.nullable(),
  stopsAway: z.int().nullable(),
  deliveryWindow: z.object({ start: iso, end: iso }).nullable(),
  deliveredTo: z.enum(DELIVERED_TO).nullable(),
  signatureRequired: z.boolean().nullable(),
  note: z.string().nullable(),
  estimatedDelivery: z.iso.date().nullable(),
  pickup: z.object({ location: z.string().nullable(), hours: z.string().nullable(), by: z.iso.date().nullable() }).nullable(),
});

export const StatusResource = z.object({
  stage: z.enum(MAIN_STAGES),
  deliveredPackages: z.int(),
  totalPackages: z.int(),
  exception: z.enum(EXCEPTION_TYPES).nullable(),
});

export const OrderResource = z.object({
  orderNumber: z.string(),
  trackingUrl: z.url().nullable(),
  status: StatusResource,
  customer: z.object({ firstName: z.string().nullable(), language: z.enum(LANGUAGES).nullable() }),
  destination: z.object({
    city: z.string().nullable(), region: z.string().nullable(), postalCode: z.string().nullable(), country: z.string(),
    timeZone: z.string(), timeZoneSource: z.enum(ZONE_BASES), timeZoneAssumed: z.boolean(),
  }),
  promisedDate: z.iso.date().nullable(),
  createdAt: iso,
  items: z.array(z.object({ name: z.string(), quantity: z.int(), sku: z.string().nullable(), trackingNumber: z.string().nullable() })),
  packages: z.array(z.object({
    carrier: z.enum(CARRIERS), trackingNumber: z.string(), stage: z.enum(MAIN_STAGES), exception: z.enum(EXCEPTION_TYPES).nullable(),
    deliveredAt: iso.nullable(), events: z.array(EventResource),
  })),
  events: z.array(EventResource),
  feedback: FeedbackResource.omit({ id: true, orderNumber: true }).nullable(),
  reports: z.array(ReportResource),
});

/** POST …/events answers with the stored event and where the order now stands. */
export const EventAddedResource = z.object({ event: EventResource, order: z.object({ orderNumber: z.string(), status: StatusResource }) });

export const RotatedLinkResource = z.object({ trackingUrl: z.url() });

export type EventResource = z.infer<typeof EventResource>;
export type OrderResource = z.infer<typeof OrderResource>;

type EventFacts = Pick<TrackingEvent, 'id' | 'type' | 'occurredAt' | 'packageId'>;

export const eventResource = (e: TrackingEvent, trackingNumberOf: ReadonlyMap<number, string>): EventResource => ({
  id: e.externalId,
  type: e.type,
  occurredAt: e.occurredAt.toISOString(),
  receivedAt: e.receivedAt.toISOString(),
  source: e.source,
  trackingNumber: e.packageId ? (trackingNumberOf.get(e.packageId) ?? null) : null,
  location: e.city || e.region || e.country ? { city: e.city, region: e.region, country: e.country } : null,
  stopsAway: e.stopsAway,
  deliveryWindow: e.windowStart && e.windowEnd ? { start: e.windowStart.toISOString(), end: e.windowEnd.toISOString() } : null,
  deliveredTo: e.deliveredTo,
  signatureRequired: e.signatureRequired,
  note: e.note,
  estimatedDelivery: e.estimatedDate,
  pickup: e.pickupLocation || e.pickupHours || e.pickupBy ? { location: e.pickupLocation, hours: e.pickupHours, by: e.pickupBy } : null,
});

/** Where the order stands: the stage the whole order reached, delivered count, any exception. */
export function statusResource(detail: { packages: { id: number }[]; events: EventFacts[] }): z.infer<typeof StatusResource> {
  const status = orderStatus(detail.packages.map((p) => p.id), detail.events);
  return {
    stage: status.stage,
    deliveredPackages: status.deliveredCount,
    totalPackages: status.packageCount,
    exception: (detail.packages.length ? [...status.packages.values()].find((p) => p.exception)?.exception : status.orderLevel.exception) ?? null,
  };
}

/** The seller API's view of an order (GET /api/v1/orders/{orderNumber}). */
export function orderResource(
  detail: OrderDetail,
  extra: { trackingUrl: string | null; feedback: OrderResource['feedback']; reports: OrderResource['reports'] },
): OrderResource {
  const { order } = detail;
  const status = orderStatus(detail.packages.map((p) => p.id), detail.events);
  const trackingNumberOf = new Map(detail.packages.map((p) => [p.id, p.trackingNumber]));
  const events = newestFirst(detail.events);
  return {
    orderNumber: order.orderNumber,
    trackingUrl: extra.trackingUrl,
    status: statusResource(detail),
    customer: { firstName: order.customerFirstName, language: order.language },
    destination: {
      city: order.destCity, region: order.destRegion, postalCode: order.destPostalCode, country: order.destCountry,
      timeZone: order.timeZone, timeZoneSource: order.timeZoneBasis, timeZoneAssumed: order.timeZoneAssumed,
    },
    promisedDate: order.promisedDate,
    createdAt: order.createdAt.toISOString(),
    items: detail.items.map((i) => ({ name: i.name, quantity: i.quantity, sku: i.sku, trackingNumber: i.packageId ? (trackingNumberOf.get(i.packageId) ?? null) : null })),
    packages: detail.packages.map((p) => {
      const st = status.packages.get(p.id)!;
      return {
        carrier: p.carrier, trackingNumber: p.trackingNumber, stage: st.stage, exception: st.exception,
        deliveredAt: st.deliveredAt?.toISOString() ?? null,
        events: events.filter((e) => e.packageId === p.id).map((e) => eventResource(e, trackingNumberOf)),
      };
    }),
    events: events.map((e) => eventResource(e, trackingNumberOf)),
    feedback: extra.feedback,
    reports: extra.reports,
  };
}
