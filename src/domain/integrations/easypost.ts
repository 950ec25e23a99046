import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { EventType } from '../../../db/schema/tracking-events';
import { calendarDay, sameText, scanPlace, scansDelivery, type ScanTables } from './scans';
import { parsePayload } from './store-orders';
import type { HookRequest, SourceDelivery, WebhookConnector } from './types';

// EasyPost posts an Event whose `result` is the whole Tracker, every scan so far included; each scan
// becomes one event, typed by the table below (easypost.md says why each row reads as it does).
// Only codes, times and city/state/country are read: the signer's name (`signed_by`) and the
// carrier's free-text messages can name people and streets, so they are never copied.

// The documented values: @easypost/api types/Tracker/TrackerStatus.d.ts and TrackerStatusDetail.d.ts.
/** The event a status is when its detail adds nothing; null: the status classifies nothing (the neutral rule places it). */
const STATUS = new Map<string, EventType | null>(Object.entries({
  unknown: null, pre_transit: 'ready_to_ship', in_transit: 'in_transit', out_for_delivery: 'out_for_delivery',
  delivered: 'delivered', available_for_pickup: 'available_for_pickup', return_to_sender: 'returning',
  failure: 'delayed', cancelled: 'cancelled', error: null,
}));
// These statuses are the news whatever the detail adds (a delivery is never read as a delay).
const DECISIVE = new Set(['delivered', 'available_for_pickup', 'return_to_sender', 'cancelled']);
/** The event a detail names by itself, or null where the status says it. */
const DETAIL = new Map<string, EventType | null>(Object.entries({
  address_correction: 'delayed', arrived_at_destination: null, arrived_at_facility: null,
  arrived_at_pickup_location: 'available_for_pickup', awaiting_information: null, cancelled: 'cancelled',
  damaged: 'delayed', delayed: 'delayed', delivery_exception: 'delivery_attempted', departed_facility: null,
  departed_origin_facility: null, expired: null, failure: null, held: 'delayed', in_transit: null,
  label_created: 'ready_to_ship', lost: 'lost', missorted: 'delayed', out_for_delivery: 'out_for_delivery',
  received_at_destination_facility: null, received_at_origin_facility: 'shipped', refused: 'returning',
  return: 'returning', status_update: null, transferred_to_destination_carrier: null, transit_exception: 'delayed',
  unknown: null, weather_delay: 'delayed',
}));
const TABLES: ScanTables = { status: STATUS, detail: DETAIL, decisive: DECISIVE };
const WHAT = 'an EasyPost tracker event';

const scan = z.object({ status: z.string().nullish(), status_detail: z.string().nullish(), datetime: z.string().nullish(), tracking_location: scanPlace });
const tracker = z.object({
  id: z.string().trim().min(1),
  tracking_code: z.string().trim().min(1),
  carrier: z.string().nullish(),
  est_delivery_date: z.string().nullish(),
  carrier_detail: z.object({ est_delivery_date_local: z.string().nullish() }).nullish(),
  tracking_details: z.array(scan).nullish(),
});
const event = z.object({ id: z.string().min(1), description: z.string(), result: z.unknown() });
const TRACKER_EVENTS = new Set(['tracker.created', 'tracker.updated']);

function trackerDelivery(t: z.infer<typeof tracker>): SourceDelivery[] {
  return scansDelivery({
    what: WHAT, tables: TABLES, trackingNumber: t.tracking_code, carrier: t.carrier,
    // EasyPost's local estimate first (a date at the destination), else its UTC one
    estimate: calendarDay(t.carrier_detail?.est_delivery_date_local) ?? calendarDay(t.est_delivery_date),
    scans: (t.tracking_details ?? []).map((d) => ({ time: d.datetime, status: d.status, detail: d.status_detail, place: d.tracking_location })),
    idOf: (d, at) => `${t.id}:${at}:${d.status ?? ''}:${d.detail ?? ''}`,
  });
}

/**
 * The bodies EasyPost may have signed. Its own client, Utils.validateWebhook in
 * https://github.com/EasyPost/easypost-node/blob/master/src/utils/util.js, HMACs the body after writing
 * an integer `"weight": 614` back as `614.0` (its issue 467: callers hand it re-serialized JSON); we
 * hold the raw bytes, so those come first and the library's reading second.
 */
function signedBodies(body: Uint8Array): Uint8Array[] {
  const text = Buffer.from(body).toString('utf8');
  const corrected = text.replace(/("weight":\s*)(\d+)(\s*)(?=,|\})/g, '$1$2.0');
  return corrected === text ? [body] : [body, Buffer.from(corrected, 'utf8')];
}

export const easypost: WebhookConnector = {
  source: 'easypost',
  // X-Hmac-Signature: "hmac-sha256-hex=" + hex HMAC-SHA256 of the body, keyed with the NFKD form of the secret (as validateWebhook does)
  verify(req: HookRequest, secret: string): boolean {
    const sent = req.header('X-Hmac-Signature') ?? req.header('x-hmac-signature');
    if (!sent || !secret) return false; // an empty key is one anybody can sign with
    const key = Buffer.from(secret.normalize('NFKD'), 'utf8');
    return signedBodies(req.body).some((body) => sameText(sent, `hmac-sha256-hex=${createHmac('sha256', key).update(body).digest('hex')}`));
  },
  deliveryId(_req, payload) {
    const id = payload && typeof payload === 'object' ? (payload as { id?: unknown }).id : null;
    return typeof id === 'string' && id.trim() ? id.trim() : null;
  },
  map(_req, payload) {
    const e = parsePayload(event, payload, `Not ${WHAT}`);
    return TRACKER_EVENTS.has(e.description) ? trackerDelivery(parsePayload(tracker, e.result, `Not ${WHAT}`)) : [];
  },
};
