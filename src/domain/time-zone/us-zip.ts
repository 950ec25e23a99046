import { findRange, postalDigits } from './normalize';
import { US_ZIP_ZONES } from './postal-zones';
import { ZIP3_STATES, ZIP3_ZONES, ZIP5_TERRITORIES } from './us-zip-data';
import { usStateRow, type UsStateCode } from './us-states';
import type { Place } from './types';

interface Zip3Info {
  state: UsStateCode;
  /** null for military mail (APO/FPO/DPO). */
  zone: string | null;
  assumed: boolean;
}

/**
 * Every ZIP3 (index 0–999) → state and zone, built once from the compact range tables. The state is
 * the ZIP's region; the zone is only a fallback for ZIPs the generated table does not have.
 */
export const ZIP3_TABLE: readonly (Zip3Info | undefined)[] = buildZip3Table();

function buildZip3Table(): (Zip3Info | undefined)[] {
  const table: (Zip3Info | undefined)[] = Array.from({ length: 1000 }, () => undefined);
  for (const [from, to, state] of ZIP3_STATES) {
    const zone = usStateRow(state)?.[1] ?? null;
    for (let zip3 = from; zip3 <= to; zip3++) table[zip3] = { state, zone, assumed: false };
  }
  for (const [from, to, zone, assumed] of ZIP3_ZONES) {
    for (let zip3 = from; zip3 <= to; zip3++) {
      const info = table[zip3];
      if (info) table[zip3] = { ...info, zone, assumed };
    }
  }
  return table;
}

/** ZIP or ZIP+4 ('48084', '48084-1234', '480841234') → its five digits as a number. */
export function parseZip(raw: string): number | undefined {
  const digits = postalDigits(raw);
  return digits !== undefined && (digits.length === 5 || digits.length === 9) ? Number(digits.slice(0, 5)) : undefined;
}

/**
 * Zone for a US-style ZIP; null for military mail; undefined when the ZIP is unknown. The zone is the
 * one at the ZIP's centre point (postal-zones.ts); a ZIP the data does not have gets its prefix's
 * zone, flagged as assumed.
 */
export function usPostalPlace(raw: string): Place | null | undefined {
  const zip = parseZip(raw);
  if (zip === undefined) return undefined;
  const territory = findRange(ZIP5_TERRITORIES, zip);
  const info = ZIP3_TABLE[Math.floor(zip / 100)];
  if (!territory && info?.zone === null) return null;
  const region = territory?.[2] ?? info?.state;
  const zone = US_ZIP_ZONES.zoneOf(zip);
  if (zone) return { zone, assumed: false, region };
  const fallback = territory?.[3] ?? info?.zone;
  return fallback ? { zone: fallback, assumed: true, region } : undefined;
}
