import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { EventType } from '../../../db/schema/tracking-events';
import { normalizeCarrier } from '../carriers';
import { Invalid } from '../errors';
import { clip } from '../text';
import type { EventInput, SourceDelivery } from './types';

// What the carrier-scan connectors (EasyPost, Shippo; Amazon's neutral rule too) share: reading a
// scan by a status table and a detail table, the neutral rule for what no table knows, the scan's
// instant and place, and the list of scans → one delivery of events for a tracking number.

/** A status table and a detail table (null: the row classifies nothing), and the statuses that win over any detail. */
export interface ScanTables {
  status: ReadonlyMap<string, EventType | null>;
  detail: ReadonlyMap<string, EventType | null>;
  decisive: ReadonlySet<string>;
}

/** What the tables read in a scan, or null when they read nothing in it. */
function readScan(tables: ScanTables, status: string | null | undefined, detail: string | null | undefined): EventType | null {
  const byStatus = status ? tables.status.get(status) : undefined;
  if (byStatus && tables.decisive.has(status!)) return byStatus;
  return (detail ? tables.detail.get(detail) : undefined) ?? byStatus ?? null;
}

/**
 * The neutral rule (easypost.md, amazon.md): a scan the tables read nothing in is one more
 * in_transit while plain in_transit is the reading in effect (it moves no stage, clears no
 * exception, texts nobody); otherwise it is left out, as any type would be a claim. Never an error.
 */
export const neutral = (inEffect: EventType | null): EventType | null => (inEffect === 'in_transit' ? 'in_transit' : null);

/** "Carrier status: …" naming the values no table lists (codes only, never the carrier's words). */
function unknownNote(tables: ScanTables, status: string | null | undefined, detail: string | null | undefined): string | undefined {
  const unknown = [status && !tables.status.has(status) && status, detail && !tables.detail.has(detail) && detail].filter((v): v is string => !!v);
  const note = unknown.map((v) => v.replace(/[^A-Za-z0-9]+/g, ' ').trim().slice(0, 60)).filter(Boolean).join(', ');
  return note ? `Carrier status: ${note}` : undefined;
}

// An estimate is news only while the package is still coming.
export const ON_THE_WAY: ReadonlySet<EventType> = new Set(['ready_to_ship', 'shipped', 'in_transit', 'out_for_delivery', 'delivery_attempted', 'delayed']);

// ISO 8601 with or without a zone (EasyPost writes the scan's offset when it knows the place;
// Shippo's test mode writes UTC without a "Z").
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
/** The instant in UTC (a time without a zone is UTC); a 422 naming `what` when it is no timestamp. */
function utcInstant(raw: string, what: string): string {
  const s = raw.trim();
  const zone = STAMP.exec(s);
  const ms = zone ? Date.parse(zone[1] ? s : `${s}Z`) : NaN;
  if (Number.isNaN(ms)) throw Invalid(`Not ${what}: a scan’s time is not a timestamp`);
  return new Date(ms).toISOString();
}

/** A calendar day written at the start of `raw` ("2024-08-05" or "2024-08-05T00:00:00Z"), if real and from 2000 on. */
export function calendarDay(raw: string | null | undefined): string | undefined {
  const day = raw?.trim().match(/^\d{4}-\d{2}-\d{2}/)?.[0];
  return day && day >= '2000-01-01' && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day) ? day : undefined;
}

/** A scan's place: city, state and country only (any street or zip beside them is never read). */
export const scanPlace = z.object({ city: z.string().nullish(), state: z.string().nullish(), country: z.string().nullish() }).nullish();
export function locationOf(loc: z.infer<typeof scanPlace>): EventInput['location'] {
  const country = loc?.country?.trim();
  const where = { city: clip(loc?.city, 80), region: clip(loc?.state, 40), country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined };
  return where.city || where.region || where.country ? where : undefined;
}

// The seller API's event id holds 128 characters; a longer one keeps its start and a hash of the whole.
const fitId = (id: string) => (id.length <= 128 ? id : `${id.slice(0, 63)}:${createHash('sha256').update(id).digest('hex')}`);

/** Equal strings, compared in constant time. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface Scan {
  /** the scan's time as the source writes it */
  time: string | null | undefined;
  status: string | null | undefined;
  detail: string | null | undefined;
  place: z.infer<typeof scanPlace>;
}

/**
 * A package's scans → its events, oldest first: each typed by the tables (or the neutral rule),
 * with its own time and place, its id from `idOf` (the same scan twice is one event); the source's
 * current estimate on the newest one while the package is still coming. A scan with no time is left
 * out (it cannot be placed in the story).
 */
export function scansDelivery(input: {
  what: string; tables: ScanTables; trackingNumber: string; carrier: string | null | undefined; estimate: string | undefined;
  scans: Scan[]; idOf: (scan: Scan, at: string) => string;
}): SourceDelivery[] {
  const { tables } = input;
  const timed = input.scans
    .flatMap((s) => (s.time ? [{ s, at: utcInstant(s.time, input.what) }] : []))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const events = new Map<string, EventInput>();
  let inEffect: EventType | null = null;
  for (const { s, at } of timed) {
    const known = readScan(tables, s.status, s.detail);
    const type = known ?? neutral(inEffect);
    if (known) inEffect = known;
    const id = fitId(input.idOf(s, at));
    if (!type || events.has(id)) continue;
    const where = locationOf(s.place);
    const note = unknownNote(tables, s.status, s.detail);
    events.set(id, {
      id, type, occurredAt: at, trackingNumber: input.trackingNumber,
      ...(input.carrier?.trim() ? { carrier: normalizeCarrier(input.carrier) } : {}),
      ...(where ? { location: where } : {}),
      ...(note ? { note } : {}),
    });
  }
  const list = [...events.values()];
  const newest = list.at(-1);
  if (!newest) return [];
  // the carrier's current estimate goes on the newest scan only: it is news as of that scan
  if (input.estimate && ON_THE_WAY.has(newest.type)) newest.estimatedDelivery = input.estimate;
  return [{ ref: { trackingNumber: input.trackingNumber }, events: list }];
}
