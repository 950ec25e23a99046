import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { EventType } from '../../../db/schema/tracking-events';
import { normalizeCarrier } from '../carriers';
import { Invalid } from '../errors';
import { stripControls } from '../text';
import type { EventInput, HookRequest, SourceDelivery, WebhookConnector } from './types';

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
// An estimate is news only while the package is still coming (as amazon.ts).
const ON_THE_WAY: ReadonlySet<EventType> = new Set(['ready_to_ship', 'shipped', 'in_transit', 'out_for_delivery', 'delivery_attempted', 'delayed']);

/** What the tables read in a scan, or null when they read nothing in it. */
function reading(status: string | null | undefined, detail: string | null | undefined): EventType | null {
  const byStatus = status ? STATUS.get(status) : undefined;
  if (byStatus && DECISIVE.has(status!)) return byStatus;
  return (detail ? DETAIL.get(detail) : undefined) ?? byStatus ?? null;
}

/**
 * The neutral rule (easypost.md), the one amazon.ts follows: a scan the tables read nothing in is one
 * more in_transit while plain in_transit is the reading in effect (it moves no stage, clears no
 * exception, texts nobody); otherwise it is left out, as any type would be a claim. Never an error.
 */
const neutral = (inEffect: EventType | null): EventType | null => (inEffect === 'in_transit' ? 'in_transit' : null);

/** "Carrier status: …" naming the values no table lists (codes only, never the carrier's words). */
function unknownNote(status: string | null | undefined, detail: string | null | undefined): string | undefined {
  const unknown = [status && !STATUS.has(status) && status, detail && !DETAIL.has(detail) && detail].filter((v): v is string => !!v);
  const note = unknown.map((v) => v.replace(/[^A-Za-z0-9]+/g, ' ').trim().slice(0, 60)).filter(Boolean).join(', ');
  return note ? `Carrier status: ${note}` : undefined;
}

const place = z.object({ city: z.string().nullish(), state: z.string().nullish(), country: z.string().nullish() }).nullish();
const scan = z.object({ status: z.string().nullish(), status_detail: z.string().nullish(), datetime: z.string().nullish(), tracking_location: place });
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

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw Invalid(`Not an EasyPost tracker event: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
}

// ISO 8601 with or without a zone; EasyPost writes the scan's local offset when it knows the place.
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
/** The scan's instant in UTC (a time without a zone is UTC, as EasyPost's are when the place is unknown). */
function instant(raw: string): string {
  const s = raw.trim();
  const zone = STAMP.exec(s);
  const ms = zone ? Date.parse(zone[1] ? s : `${s}Z`) : NaN;
  if (Number.isNaN(ms)) throw Invalid('Not an EasyPost tracker event: a scan’s datetime is not a timestamp');
  return new Date(ms).toISOString();
}

/** A calendar day written at the start of `raw` ("2024-08-05" or "2024-08-05T00:00:00Z"), if real and from 2000 on. */
function calendarDay(raw: string | null | undefined): string | undefined {
  const day = raw?.trim().match(/^\d{4}-\d{2}-\d{2}/)?.[0];
  return day && day >= '2000-01-01' && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day) ? day : undefined;
}

const words = (raw: string | null | undefined, max: number) => stripControls(raw ?? '').trim().slice(0, max).trim() || undefined;

function location(loc: z.infer<typeof place>): EventInput['location'] {
  const country = loc?.country?.trim();
  const where = { city: words(loc?.city, 80), region: words(loc?.state, 40), country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined };
  return where.city || where.region || where.country ? where : undefined;
}

// The seller API's event id holds 128 characters; a longer one keeps its start and a hash of the whole.
const fitId = (id: string) => (id.length <= 128 ? id : `${id.slice(0, 63)}:${createHash('sha256').update(id).digest('hex')}`);

function trackerDelivery(t: z.infer<typeof tracker>): SourceDelivery[] {
  const scans = (t.tracking_details ?? [])
    .flatMap((s) => (s.datetime ? [{ s, at: instant(s.datetime) }] : [])) // a scan with no time can't be placed in the story
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const events = new Map<string, EventInput>();
  let inEffect: EventType | null = null;
  for (const { s, at } of scans) {
    const known = reading(s.status, s.status_detail);
    const type = known ?? neutral(inEffect);
    if (known) inEffect = known;
    const id = fitId(`${t.id}:${at}:${s.status ?? ''}:${s.status_detail ?? ''}`);
    if (!type || events.has(id)) continue;
    const where = location(s.tracking_location);
    const note = unknownNote(s.status, s.status_detail);
    events.set(id, {
      id, type, occurredAt: at, trackingNumber: t.tracking_code,
      ...(t.carrier?.trim() ? { carrier: normalizeCarrier(t.carrier) } : {}),
      ...(where ? { location: where } : {}),
      ...(note ? { note } : {}),
    });
  }
  const list = [...events.values()];
  const newest = list.at(-1);
  if (!newest) return [];
  // the carrier's current estimate goes on the newest scan only: it is news as of that scan
  const estimate = calendarDay(t.carrier_detail?.est_delivery_date_local) ?? calendarDay(t.est_delivery_date);
  if (estimate && ON_THE_WAY.has(newest.type)) newest.estimatedDelivery = estimate;
  return [{ ref: { trackingNumber: t.tracking_code }, events: list }];
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

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
    const e = parse(event, payload);
    return TRACKER_EVENTS.has(e.description) ? trackerDelivery(parse(tracker, e.result)) : [];
  },
};
