/**
 * The map-based reference for postal-code time zones, and the generator of the committed table
 * (src/domain/time-zone/postal-zones.generated.ts). Development only: it reads the `zipcodes` package
 * (ZIP and Canadian FSA centre points) and `geo-tz` (time-zone boundary polygons); the running app
 * ships only the generated table.
 */
import { createRequire } from 'node:module';
import { find } from 'geo-tz/dist/find-all';
import { LOCAL_TIME_OVERRIDES } from '../../src/domain/time-zone/local-time';
import { encodeMembers, encodeRuns, fsaIndex } from '../../src/domain/time-zone/postal-zones';

interface CentreRow {
  zip: string;
  latitude: unknown;
  longitude: unknown;
  city: string;
  state: string;
  country: string;
}

export interface ReferencePlace {
  /** Five-digit ZIP or three-character FSA. */
  code: string;
  country: 'US' | 'CA';
  state: string;
  city: string;
  /** IANA zone at the centre point, from geo-tz's comprehensive data. */
  zone: string;
}

export interface Reference {
  us: ReferencePlace[];
  ca: ReferencePlace[];
  /** Codes listed without a usable centre point (left to the prefix/province logic). */
  withoutCentre: string[];
  /** Codes whose centre point lies outside their country (10200 NY sits in Kyrgyzstan): treated as without one. */
  misplaced: string[];
  /** Military (APO/FPO/DPO) ZIPs: their centre points are one base among many, so they are left out. */
  military: number;
}

const require = createRequire(import.meta.url);
const MILITARY = new Set(['AA', 'AE', 'AP']);

let reference: Reference | undefined;

/** Every US ZIP and Canadian FSA with a centre point, and the zone there. Cached for the process. */
export function loadReference(): Reference {
  if (reference) return reference;
  const us = require('zipcodes/lib/codes.js') as { codes: Record<string, CentreRow> };
  const ca = require('zipcodes/lib/codesCanada.js') as { codes: Record<string, CentreRow> };
  const result: Reference = { us: [], ca: [], withoutCentre: [], misplaced: [], military: 0 };
  for (const row of [...Object.values(us.codes), ...Object.values(ca.codes)]) {
    const country = row.country === 'US' ? 'US' : 'CA';
    if (country === 'US' && MILITARY.has(row.state)) {
      result.military++;
      continue;
    }
    const { latitude: lat, longitude: lon } = row;
    if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      result.withoutCentre.push(row.zip);
      continue;
    }
    const zones = find(lat, lon);
    // H0H 0H0 is Santa's address at the North Pole, where every meridian meets
    if (zones.length !== 1 || !zones[0]) continue;
    if (!(country === 'US' ? /^(America|Pacific)\// : /^America\//).test(zones[0])) {
      result.misplaced.push(row.zip);
      result.withoutCentre.push(row.zip);
      continue;
    }
    (country === 'US' ? result.us : result.ca).push({ code: row.zip, country, state: row.state, city: row.city, zone: zones[0] });
  }
  result.us.sort((a, b) => a.code.localeCompare(b.code));
  result.ca.sort((a, b) => a.code.localeCompare(b.code));
  result.withoutCentre.sort();
  reference = result;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Comparing zones by their clocks: two zones agree when their UTC offsets are equal at every
// instant of 2026–2027 (America/Detroit and America/New_York do; America/Phoenix and America/Denver
// do not).

const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2028, 0, 1);
const DAY = 86_400_000;
const MINUTE = 60_000;
const formats = new Map<string, Intl.DateTimeFormat>();
const clocks = new Map<string, string>();

function offsetMinutes(zone: string, at: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formats.set(zone, format);
  }
  const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The zone's offset at the start of 2026 and every change (to the minute) until the end of 2027. */
export function clockOf(zone: string): string {
  const known = clocks.get(zone);
  if (known !== undefined) return known;
  let previous = offsetMinutes(zone, FROM);
  const parts = [String(previous)];
  for (let day = FROM; day < TO; day += DAY) {
    const next = offsetMinutes(zone, Math.min(day + DAY, TO));
    if (next === previous) continue;
    let lo = day;
    let hi = Math.min(day + DAY, TO);
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE || lo + MINUTE;
      if (offsetMinutes(zone, mid) === previous) lo = mid;
      else hi = mid;
    }
    parts.push(`${new Date(hi).toISOString()}=${next}`);
    previous = next;
  }
  const clock = parts.join(' ');
  clocks.set(zone, clock);
  return clock;
}

export function sameClock(a: string, b: string): boolean {
  return a === b || clockOf(a) === clockOf(b);
}

// ---------------------------------------------------------------------------------------------
// The generated table.

/**
 * Zone names the table keeps as they are. Any other zone the map gives (America/Menominee,
 * America/North_Dakota/New_Salem, America/Indiana/Vincennes, America/Kentucky/Monticello,
 * America/Juneau…) only differs from its big neighbour before 2026, so it is written as the first
 * zone in MAIN_ZONES with the same clock: the hour shown is the same and the zone list stays short.
 */
const KEPT_ZONES = new Set([
  'America/Detroit', 'America/Indiana/Indianapolis', 'America/Indiana/Knox', 'America/Indiana/Tell_City',
  'America/Kentucky/Louisville', 'America/Boise', 'America/Phoenix', 'America/Adak', 'America/Metlakatla',
  'America/Toronto', 'America/Winnipeg', 'America/Regina', 'America/Edmonton', 'America/Vancouver',
  'America/Halifax', 'America/Moncton', 'America/Goose_Bay', 'America/St_Johns', 'America/Iqaluit',
  'America/Rankin_Inlet', 'America/Cambridge_Bay', 'America/Whitehorse', 'America/Dawson_Creek',
]);
const MAIN_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];
const MAIN_ZONES_CA = ['America/Toronto', 'America/Winnipeg', 'America/Edmonton', 'America/Vancouver', 'America/Halifax', 'America/Regina', 'America/Whitehorse'];

/** The zone the table stores for a reference zone (same clock, familiar name). */
export function tableZone(zone: string, country: 'US' | 'CA'): string {
  if (KEPT_ZONES.has(zone)) return zone;
  return (country === 'US' ? MAIN_ZONES : MAIN_ZONES_CA).find((main) => sameClock(main, zone)) ?? zone;
}

export interface TableEntry {
  index: number;
  zone: string;
}

/** What the table holds for each code: the zone at its centre point, or a named override. */
export function tableEntries(country: 'US' | 'CA'): TableEntry[] {
  const ref = loadReference();
  const overrides = new Map<string, string>();
  for (const override of LOCAL_TIME_OVERRIDES) {
    if (override.country !== country) continue;
    for (const code of override.codes) overrides.set(code, override.zone);
  }
  const places = country === 'US' ? ref.us : ref.ca;
  return places
    .map((place) => ({
      index: country === 'US' ? Number(place.code) : fsaIndex(place.code) ?? -1,
      zone: overrides.get(place.code) ?? tableZone(place.zone, country),
    }))
    .filter((entry) => entry.index >= 0)
    .sort((a, b) => a.index - b.index);
}

const HEADER = `// Generated by \`npm run zones:generate\` (tests/support/zip-zones-generate.ts) from the zipcodes and
// geo-tz packages and the overrides in local-time.ts. Do not edit by hand. See postal-zones.ts.
`;

/** The source text of src/domain/time-zone/postal-zones.generated.ts. */
export function generatedTableSource(): string {
  const us = tableEntries('US');
  const ca = tableEntries('CA');
  const zones = [...new Set([...us, ...ca].map((entry) => entry.zone))].sort();
  const zoneIndex = new Map(zones.map((zone, i) => [zone, i]));
  const runs = (entries: TableEntry[]) => encodeRuns(entries.map((entry) => [entry.index, zoneIndex.get(entry.zone) ?? 0]));
  const members = (entries: TableEntry[], size: number) => encodeMembers(entries.map((entry) => entry.index), size);
  const lines = [
    HEADER,
    'export const ZONES = [',
    ...zones.map((zone) => `  '${zone}',`),
    '] as const;',
    '',
    `export const US_ZIP_RUNS = '${runs(us)}';`,
    '',
    `export const US_ZIP_MEMBERS = '${members(us, 100_000)}';`,
    '',
    `export const CA_FSA_RUNS = '${runs(ca)}';`,
    '',
    `export const CA_FSA_MEMBERS = '${members(ca, 26 * 10 * 26)}';`,
    '',
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Checking a resolver against the reference.

export interface Miss {
  code: string;
  place: string;
  got: string;
  reference: string;
}

export interface Comparison {
  compared: number;
  agree: number;
  /** Resolved with assumed = false to a zone whose clock differs from the reference's. */
  silent: Miss[];
  /** Resolved with assumed = true to a zone whose clock differs from the reference's. */
  assumed: Miss[];
  /** Codes in LOCAL_TIME_OVERRIDES that differ from the reference on purpose. */
  overridden: Miss[];
}

interface Resolution {
  zone: string;
  assumed: boolean;
}

/** Runs `resolve` on every reference code of `country` and sorts the disagreements. */
export function compareWithReference(country: 'US' | 'CA', resolve: (code: string) => Resolution): Comparison {
  const ref = loadReference();
  const overridden = new Set(LOCAL_TIME_OVERRIDES.filter((o) => o.country === country).flatMap((o) => o.codes));
  const result: Comparison = { compared: 0, agree: 0, silent: [], assumed: [], overridden: [] };
  for (const place of country === 'US' ? ref.us : ref.ca) {
    result.compared++;
    const got = resolve(place.code);
    if (sameClock(got.zone, place.zone)) {
      result.agree++;
      continue;
    }
    const miss = { code: place.code, place: `${place.city}, ${place.state}`, got: got.zone, reference: place.zone };
    if (overridden.has(place.code)) result.overridden.push(miss);
    else (got.assumed ? result.assumed : result.silent).push(miss);
  }
  return result;
}
