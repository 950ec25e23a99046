import type { TrackingEvent } from '../../../db/schema';
import type { OrderDetail } from '../../domain/orders';
import { newestFirst, orderStatus } from '../../domain/status';

const eventResource = (e: TrackingEvent, trackingNumberOf: Map<number, string>) => ({
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
});

type StatusInput = { packages: Pick<OrderDetail['packages'][number], 'id'>[]; events: Pick<TrackingEvent, 'id' | 'type' | 'occurredAt' | 'packageId'>[] };

/** Where the order stands: the stage the whole order reached, delivered count, any exception. */
export function statusResource(detail: StatusInput) {
  const status = orderStatus(detail.packages.map((p) => p.id), detail.events);
  return {
    stage: status.stage,
    deliveredPackages: status.deliveredCount,
    totalPackages: status.packageCount,
    exception: (detail.packages.length ? [...status.packages.values()].find((p) => p.exception)?.exception : status.orderLevel.exception) ?? null,
  };
}

/** The seller API's view of an order (GET /api/v1/orders/{orderNumber}). */
export function orderResource(detail: OrderDetail, trackingUrl: string | null) {
  const { order } = detail;
  const status = orderStatus(detail.packages.map((p) => p.id), detail.events);
  const trackingNumberOf = new Map(detail.packages.map((p) => [p.id, p.trackingNumber]));
  const events = newestFirst(detail.events);
  return {
    orderNumber: order.orderNumber,
    trackingUrl,
    status: statusResource(detail),
    customer: { firstName: order.customerFirstName, language: order.language },
    destination: {
      city: order.destCity,
      region: order.destRegion,
      postalCode: order.destPostalCode,
      country: order.destCountry,
      timeZone: order.timeZone,
      timeZoneSource: order.timeZoneBasis,
      timeZoneAssumed: order.timeZoneAssumed,
    },
    promisedDate: order.promisedDate,
    createdAt: order.createdAt.toISOString(),
    items: detail.items.map((i) => ({ name: i.name, quantity: i.quantity, sku: i.sku })),
    packages: detail.packages.map((p) => {
      const st = status.packages.get(p.id)!;
      return {
        carrier: p.carrier,
        trackingNumber: p.trackingNumber,
        stage: st.stage,
        exception: st.exception,
        deliveredAt: st.deliveredAt?.toISOString() ?? null,
        events: events.filter((e) => e.packageId === p.id).map((e) => eventResource(e, trackingNumberOf)),
      };
    }),
    events: events.map((e) => eventResource(e, trackingNumberOf)),
  };
}

export { eventResource };
