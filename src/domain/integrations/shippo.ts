import { z } from 'zod';
import type { EventType } from '../../../db/schema/tracking-events';
import { canonicalHash } from '../canonical-hash';
import { calendarDay, sameText, scanPlace, scansDelivery, type ScanTables } from './scans';
import { parsePayload } from './store-orders';
import type { HookRequest, SourceDelivery, WebhookConnector } from './types';

// Shippo posts `{event: "track_updated", test, data: Track}`; the Track holds the latest status and
// the whole history, so each scan becomes one event, typed by the table below (shippo.md says why).
// Only codes, times and city/state/country are read: `status_details`, `metadata` and the
// addresses' other fields can name people and streets, so they are never copied.

// The documented values: Shippo's TrackingStatusEnum (shippo-javascript-sdk) and the substatus
// codes of https://docs.goshippo.com/docs/tracking/tracking/#event-definitions.
/** The event a status is when its substatus adds nothing; null: the status classifies nothing (the neutral rule places it). */
const STATUS = new Map<string, EventType | null>(Object.entries({
  UNKNOWN: null, PRE_TRANSIT: 'ready_to_ship', TRANSIT: 'in_transit', DELIVERED: 'delivered',
  RETURNED: 'returning', FAILURE: 'delayed',
}));
// These statuses are the news whatever the substatus adds (a delivery is never read as anything else).
const DECISIVE = new Set(['DELIVERED', 'RETURNED']);
/** The event a substatus names by itself, or null where the status says it. */
const SUBSTATUS = new Map<string, EventType | null>(Object.entries({
  information_received: null, address_issue: 'delayed', contact_carrier: 'delayed', delayed: 'delayed',
  delivery_attempted: 'delivery_attempted', delivery_rescheduled: 'delayed', delivery_scheduled: null,
  location_inaccessible: 'delivery_attempted', notice_left: 'delivery_attempted', out_for_delivery: 'out_for_delivery',
  package_accepted: 'shipped', package_arrived: null, package_damaged: 'delayed', package_departed: null,
  package_forwarded: null, package_held: 'delayed', package_processed: null, package_processing: null,
  pickup_available: 'available_for_pickup', reschedule_delivery: 'delivery_attempted', delivered: null,
  return_to_sender: null, package_unclaimed: null, package_undeliverable: null, package_disposed: 'lost',
  package_lost: 'lost', other: null,
}));
const TABLES: ScanTables = { status: STATUS, detail: SUBSTATUS, decisive: DECISIVE };
const WHAT = 'a Shippo track_updated webhook';

const scan = z.object({
  status: z.string().nullish(),
  substatus: z.object({ code: z.string().nullish() }).nullish(),
  status_date: z.string().nullish(),
  location: scanPlace,
});
const track = z.object({
  tracking_number: z.string().trim().min(1),
  carrier: z.string().nullish(),
  eta: z.string().nullish(),
  tracking_status: scan.nullish(),
  tracking_history: z.array(scan).nullish(),
});
const webhook = z.object({ event: z.string(), data: z.unknown() });

function trackDelivery(t: z.infer<typeof track>): SourceDelivery[] {
  const statuses = [...(t.tracking_history ?? []), ...(t.tracking_status ? [t.tracking_status] : [])];
  return scansDelivery({
    what: WHAT, tables: TABLES, trackingNumber: t.tracking_number, carrier: t.carrier, estimate: calendarDay(t.eta),
    scans: statuses.map((s) => ({ time: s.status_date, status: s.status, detail: s.substatus?.code, place: s.location })),
    // The latest status repeats the newest history entry under another object_id (Shippo's own
    // sample shows both), so a scan's id is what it says and when, not the object_id.
    idOf: (s, at) => `${t.tracking_number}:${at}:${s.status ?? ''}:${s.detail ?? ''}`,
  });
}

export const shippo: WebhookConnector = {
  source: 'shippo',
  // Shippo signs nothing: the webhook URL Porchlight gave the seller carries a secret ?token=.
  verify(req: HookRequest, secret: string): boolean {
    const token = req.url.searchParams.get('token');
    return !!token && !!secret && sameText(token, secret);
  },
  // Shippo sends no delivery id: the same body again (a retry) is a repeat; any change is new.
  deliveryId(_req, payload) {
    if (!payload || typeof payload !== 'object') return null;
    const { event, data } = payload as { event?: unknown; data?: { tracking_number?: unknown } };
    const number = typeof data?.tracking_number === 'string' ? `${data.tracking_number.trim().slice(0, 64)}:` : '';
    return `${typeof event === 'string' ? event.slice(0, 40) : 'shippo'}:${number}${canonicalHash(payload).slice(0, 40)}`;
  },
  map(_req, payload) {
    const w = parsePayload(webhook, payload, `Not ${WHAT}`);
    return w.event === 'track_updated' ? trackDelivery(parsePayload(track, w.data, `Not ${WHAT}`)) : [];
  },
};
