/** Lengths of time in milliseconds (a UTC day; local days may be 23 or 25 hours: see addDays). */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

// Wall-clock arithmetic in an IANA zone with nothing but Intl: local dates are 'YYYY-MM-DD' strings.

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

export interface LocalParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

function partsFromIntl(instant: number, zone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(zone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second! };
}

// formatToParts costs microseconds and a page asks dozens of times; a zone's UTC offset only
// changes on a quarter hour (every offset and DST change in use is a multiple of 15 minutes),
// so one Intl call per zone and quarter hour is enough. Bounded: cleared when it grows large.
const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, number>();

function offsetAt(instant: number, zone: string): number {
  const start = Math.floor(instant / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${zone}|${start}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const p = partsFromIntl(start, zone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - start;
    if (offsetCache.size >= 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

export function localParts(instant: Date, zone: string): LocalParts {
  const d = new Date(instant.getTime() + offsetAt(instant.getTime(), zone));
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The calendar date at `instant` in `zone`. */
export function localDate(instant: Date, zone: string): string {
  const p = localParts(instant, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Minutes since local midnight at `instant` in `zone`. */
export function localMinutes(instant: Date, zone: string): number {
  const p = localParts(instant, zone);
  return p.hour * 60 + p.minute;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}


/**
 * The instant the wall clock in `zone` shows `date` at `hour:minute`, with Temporal's
 * "compatible" choice at DST changes: a wall time skipped by a spring-forward gap moves forward
 * by the gap; a wall time that happens twice (fall-back overlap) is the earlier of the two.
 */
export function zonedInstant(date: string, hour: number, minute: number, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // The offsets a day either side of the wall time bracket any one DST change near it.
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const fits = (offset: number) => offsetAt(wall - offset, zone) === offset;
  const candidates = [before, after].filter(fits).map((offset) => wall - offset);
  // Both fit: an overlap, take the earlier. Neither fits: a gap, use the offset from before it.
  return new Date(candidates.length ? Math.min(...candidates) : wall - before);
}
