import { DELIVERED_TO, MAIN_STAGES, type DeliveredTo, type EventType } from '../../../db/schema/tracking-events';
import { resolveTimeZone, isValidTimeZone } from '../time-zone';
import { clip } from '../text';
import { DAY_MS, localDate } from '../zoned-time';
import { locationOf, neutral, ON_THE_WAY } from './scans';
import type { EventInput, SourceDelivery } from './types';

// Amazon MCF: SP-API Fulfillment Outbound 2020-07-01 getPackageTrackingDetails → Porchlight events.
// Every table and choice below is explained, value by value, in amazon.md beside this file.

/** The parts of SP-API's PackageTrackingDetails read here (the SDK's type fits it). */
export interface AmazonTrackingDetails {
  packageNumber: number;
  trackingNumber?: string;
  carrierCode?: string;
  shipDate?: string;
  estimatedArrivalDate?: string;
  /** the destination; read only to find its time zone (Amazon's own example sends the address-book shape) */
  shipToAddress?: { city?: string; state?: string; country?: string; stateOrRegion?: string; countryCode?: string };
  currentStatus?: string;
  deliveryWindow?: { earliest: string; latest: string };
  signedForBy?: string;
  additionalLocationInfo?: string;
  trackingEvents?: { eventDate: string; eventCode: string; eventAddress?: { city?: string; state?: string; country?: string } }[];
}

export interface AmazonMapContext {
  /** the MCF order the package ships in: it scopes every event id */
  sellerFulfillmentOrderId: string;
  /** the destination's IANA zone when Porchlight knows it (the order's); else found from shipToAddress */
  timeZone?: string | null;
}

/** Every EventCode of the 2020-07-01 model. */
export const EVENT_CODE_TYPES: Readonly<Record<string, EventType>> = {
  EVENT_101: 'ready_to_ship', EVENT_102: 'shipped',
  EVENT_201: 'in_transit', EVENT_202: 'in_transit', EVENT_203: 'in_transit', EVENT_204: 'in_transit', EVENT_205: 'in_transit', EVENT_206: 'in_transit',
  EVENT_301: 'delivered', EVENT_302: 'out_for_delivery', EVENT_304: 'delivery_attempted', EVENT_306: 'in_transit', EVENT_307: 'in_transit',
  EVENT_308: 'available_for_pickup', EVENT_309: 'returned',
  EVENT_401: 'delayed', EVENT_402: 'delayed', EVENT_403: 'delayed', EVENT_404: 'delayed', EVENT_405: 'delayed', EVENT_406: 'delayed',
  EVENT_407: 'returning', EVENT_408: 'returning', EVENT_409: 'lost', EVENT_411: 'delayed', EVENT_412: 'delayed', EVENT_413: 'delayed',
  EVENT_414: 'delayed', EVENT_415: 'in_transit', EVENT_416: 'lost', EVENT_417: 'delayed', EVENT_418: 'delayed', EVENT_419: 'delayed',
  EVENT_801: 'available_for_pickup', EVENT_804: 'delivered',
};

/** Every CurrentStatus of the 2020-07-01 model; null: the status adds no event. */
export const CURRENT_STATUS_TYPES: Readonly<Record<string, EventType | null>> = {
  IN_TRANSIT: 'in_transit', DELIVERED: 'delivered', RETURNING: 'returning', RETURNED: 'returned', UNDELIVERABLE: 'lost',
  DELAYED: 'delayed', AVAILABLE_FOR_PICKUP: 'available_for_pickup', CUSTOMER_ACTION: 'delayed', UNKNOWN: null,
  OUT_FOR_DELIVERY: 'out_for_delivery', DELIVERY_ATTEMPTED: 'delivery_attempted',
  PICKUP_SUCCESSFUL: null, PICKUP_CANCELLED: null, PICKUP_ATTEMPTED: null, PICKUP_SCHEDULED: null,
  RETURN_REQUEST_ACCEPTED: null, REFUND_ISSUED: null, RETURN_RECEIVED_IN_FC: 'returned',
};

/** The note a signed-for delivery gets: never the name Amazon sends. */
export const SIGNED_FOR_NOTE = 'Signed for';

const RANK = new Map<EventType, number>(MAIN_STAGES.map((s, i) => [s, i]));
const PLACES: ReadonlySet<string> = new Set(DELIVERED_TO);
const isDeliveredTo = (v: string | undefined): v is DeliveredTo => v !== undefined && PLACES.has(v);
const lookup = <T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined => (key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined);

/** An SP-API timestamp as an instant; one without an offset is read as UTC; null when it is no time at all. */
function instantOf(raw: string | undefined): Date | null {
  if (!raw || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw)) return null;
  const at = new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(raw) ? raw : `${raw}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** estimatedArrivalDate as the destination's calendar date (see amazon.md). */
function destinationDate(details: AmazonTrackingDetails, ctx: AmazonMapContext): string | undefined {
  const at = instantOf(details.estimatedArrivalDate);
  if (!at) return undefined;
  const to = details.shipToAddress;
  const country = to?.country ?? to?.countryCode;
  const zone = ctx.timeZone && isValidTimeZone(ctx.timeZone)
    ? ctx.timeZone
    : country ? resolveTimeZone({ country, region: to?.state ?? to?.stateOrRegion }).zone : null;
  const date = zone ? localDate(at, zone) : details.estimatedArrivalDate!.slice(0, 10);
  return date >= '2000-01-01' ? date : undefined;
}

/** The window only when the seller API can hold it: ending after it starts, within a day. */
function windowOf(range: AmazonTrackingDetails['deliveryWindow']): EventInput['deliveryWindow'] {
  const start = instantOf(range?.earliest);
  const end = instantOf(range?.latest);
  if (!start || !end || end <= start || +end - +start > DAY_MS) return undefined;
  return { start: start.toISOString(), end: end.toISOString() };
}

/** Whether the status tells more than the scans: a stage beyond all of theirs, or an exception the newest one isn't. */
function statusAddsNews(type: EventType, events: readonly EventInput[]): boolean {
  const rank = RANK.get(type);
  if (rank !== undefined) return events.every((e) => (RANK.get(e.type) ?? -1) < rank);
  return events.at(-1)?.type !== type;
}

/**
 * The package's scans as events, oldest first, each at its own time and place, with an id stable
 * per scan (`${sellerFulfillmentOrderId}:${packageNumber}:${eventCode}:${eventDate}`); then the
 * current status when it says more than the scans. Never throws on a code it doesn't know.
 */
export function mapTrackingDetails(details: AmazonTrackingDetails, ctx: AmazonMapContext): EventInput[] {
  const prefix = `${ctx.sellerFulfillmentOrderId}:${details.packageNumber}`;
  const trackingNumber = details.trackingNumber?.trim() || undefined;
  const carrier = clip(details.carrierCode, 40);
  const common = { ...(trackingNumber && { trackingNumber }), ...(carrier && { carrier }) };
  const scans = (details.trackingEvents ?? [])
    .flatMap((scan) => {
      const at = instantOf(scan.eventDate);
      return at ? [{ scan, at }] : []; // a scan with no usable time can't be placed in the story
    })
    .sort((a, b) => +a.at - +b.at);

  const events: EventInput[] = [];
  const ids = new Set<string>();
  let reading: EventType | null = null;
  for (const { scan, at } of scans) {
    const known = lookup(EVENT_CODE_TYPES, scan.eventCode);
    // An unknown code only repeats a plain "in transit" reading; otherwise it is left out (amazon.md).
    const type = known ?? neutral(reading);
    if (known) reading = known;
    const id = `${prefix}:${clip(scan.eventCode, 40) ?? 'EVENT'}:${at.toISOString()}`;
    if (!type || ids.has(id)) continue;
    ids.add(id);
    const location = locationOf(scan.eventAddress);
    events.push({ id, type, occurredAt: at.toISOString(), ...common, ...(location && { location }) });
  }

  const status = lookup(CURRENT_STATUS_TYPES, details.currentStatus);
  const anchor = scans.at(-1)?.at ?? instantOf(details.shipDate);
  if (status && anchor && statusAddsNews(status, events)) {
    events.push({ id: `${prefix}:status:${details.currentStatus}`, type: status, occurredAt: anchor.toISOString(), ...common });
  }

  const deliveredTo = isDeliveredTo(details.additionalLocationInfo) ? details.additionalLocationInfo : undefined;
  const signed = Boolean(details.signedForBy?.trim());
  for (const e of events) {
    if (e.type !== 'delivered') continue;
    if (deliveredTo) e.deliveredTo = deliveredTo;
    if (signed) e.note = SIGNED_FOR_NOTE;
  }
  const newest = events.at(-1);
  if (newest && ON_THE_WAY.has(newest.type)) {
    const estimatedDelivery = destinationDate(details, ctx);
    const deliveryWindow = windowOf(details.deliveryWindow);
    if (estimatedDelivery) newest.estimatedDelivery = estimatedDelivery;
    if (deliveryWindow) newest.deliveryWindow = deliveryWindow;
  }
  return events;
}

/**
 * One package's tracking as a delivery about the package Porchlight knows by its tracking number
 * (the details' own, else the one getFulfillmentOrder gave); null while it has none to match on.
 */
export function mapPackage(details: AmazonTrackingDetails, ctx: AmazonMapContext & { trackingNumber?: string }): SourceDelivery | null {
  const trackingNumber = (details.trackingNumber || ctx.trackingNumber)?.trim();
  if (!trackingNumber) return null;
  return { ref: { trackingNumber }, events: mapTrackingDetails({ ...details, trackingNumber }, ctx) };
}
