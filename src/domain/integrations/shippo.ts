import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { EventType } from '../../../db/schema/tracking-events';
import { canonicalHash } from '../canonical-hash';
import { normalizeCarrier } from '../carriers';
import { Invalid } from '../errors';
import { stripControls } from '../text';
import type { EventInput, HookRequest, SourceDelivery, WebhookConnector } from './types';

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
// An estimate is news only while the package is still coming (as amazon.ts).
const ON_THE_WAY: ReadonlySet<EventType> = new Set(['ready_to_ship', 'shipped', 'in_transit', 'out_for_delivery', 'delivery_attempted', 'delayed']);

/** What the tables read in a scan, or null when they read nothing in it. */
function reading(status: string | null | undefined, code: string | null | undefined): EventType | null {
  const byStatus = status ? STATUS.get(status) : undefined;
  if (byStatus && DECISIVE.has(status!)) return byStatus;
  return (code ? SUBSTATUS.get(code) : undefined) ?? byStatus ?? null;
}

/** The neutral rule of easypost.ts and amazon.ts: in_transit while that is the reading in effect, else left out. */
const neutral = (inEffect: EventType | null): EventType | null => (inEffect === 'in_transit' ? 'in_transit' : null);

/** "Carrier status: …" naming the values no table lists (codes only, never the carrier's words). */
function unknownNote(status: string | null | undefined, code: string | null | undefined): string | undefined {
  const unknown = [status && !STATUS.has(status) && status, code && !SUBSTATUS.has(code) && code].filter((v): v is string => !!v);
  const note = unknown.map((v) => v.replace(/[^A-Za-z0-9]+/g, ' ').trim().slice(0, 60)).filter(Boolean).join(', ');
  return note ? `Carrier status: ${note}` : undefined;
}

const place = z.object({ city: z.string().nullish(), state: z.string().nullish(), country: z.string().nullish() }).nullish();
const scan = z.object({
  status: z.string().nullish(),
  substatus: z.object({ code: z.string().nullish() }).nullish(),
  status_date: z.string().nullish(),
  location: place,
});
const track = z.object({
  tracking_number: z.string().trim().min(1),
  carrier: z.string().nullish(),
  eta: z.string().nullish(),
  tracking_status: scan.nullish(),
  tracking_history: z.array(scan).nullish(),
});
const webhook = z.object({ event: z.string(), data: z.unknown() });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw Invalid(`Not a Shippo track_updated webhook: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
}

// ISO 8601 with or without a zone; Shippo's dates are UTC, written without a "Z" in test mode.
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
function instant(raw: string): string {
  const s = raw.trim();
  const zone = STAMP.exec(s);
  const ms = zone ? Date.parse(zone[1] ? s : `${s}Z`) : NaN;
  if (Number.isNaN(ms)) throw Invalid('Not a Shippo track_updated webhook: a status_date is not a timestamp');
  return new Date(ms).toISOString();
}

/** The calendar day written at the start of `raw` ("2016-07-23T00:00:00Z"), if real and from 2000 on. */
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

function trackDelivery(t: z.infer<typeof track>): SourceDelivery[] {
  const statuses = [...(t.tracking_history ?? []), ...(t.tracking_status ? [t.tracking_status] : [])];
  const scans = statuses
    .flatMap((s) => (s.status_date ? [{ s, at: instant(s.status_date) }] : [])) // no date yet (nothing scanned): nothing to place
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const events = new Map<string, EventInput>();
  let inEffect: EventType | null = null;
  for (const { s, at } of scans) {
    const code = s.substatus?.code;
    const known = reading(s.status, code);
    const type = known ?? neutral(inEffect);
    if (known) inEffect = known;
    // The latest status repeats the newest history entry under another object_id (Shippo's own
    // sample shows both), so a scan's id is what it says and when, not the object_id.
    const id = fitId(`${t.tracking_number}:${at}:${s.status ?? ''}:${code ?? ''}`);
    if (!type || events.has(id)) continue;
    const where = location(s.location);
    const note = unknownNote(s.status, code);
    events.set(id, {
      id, type, occurredAt: at, trackingNumber: t.tracking_number,
      ...(t.carrier?.trim() ? { carrier: normalizeCarrier(t.carrier) } : {}),
      ...(where ? { location: where } : {}),
      ...(note ? { note } : {}),
    });
  }
  const list = [...events.values()];
  const newest = list.at(-1);
  if (!newest) return [];
  // the carrier's current estimate goes on the newest scan only: it is news as of that scan
  const estimate = calendarDay(t.eta);
  if (estimate && ON_THE_WAY.has(newest.type)) newest.estimatedDelivery = estimate;
  return [{ ref: { trackingNumber: t.tracking_number }, events: list }];
}

export const shippo: WebhookConnector = {
  source: 'shippo',
  // Shippo signs nothing: the webhook URL Porchlight gave the seller carries a secret ?token=.
  verify(req: HookRequest, secret: string): boolean {
    const token = req.url.searchParams.get('token');
    if (!token || !secret) return false;
    const sent = Buffer.from(token, 'utf8');
    const expected = Buffer.from(secret, 'utf8');
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  },
  // Shippo sends no delivery id: the same body again (a retry) is a repeat; any change is new.
  deliveryId(_req, payload) {
    if (!payload || typeof payload !== 'object') return null;
    const { event, data } = payload as { event?: unknown; data?: { tracking_number?: unknown } };
    const number = typeof data?.tracking_number === 'string' ? `${data.tracking_number.trim().slice(0, 64)}:` : '';
    return `${typeof event === 'string' ? event.slice(0, 40) : 'shippo'}:${number}${canonicalHash(payload).slice(0, 40)}`;
  },
  map(_req, payload) {
    const w = parse(webhook, payload);
    return w.event === 'track_updated' ? trackDelivery(parse(track, w.data)) : [];
  },
};
