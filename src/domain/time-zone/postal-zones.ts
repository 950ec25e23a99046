import { CA_FSA_MEMBERS, CA_FSA_RUNS, US_ZIP_MEMBERS, US_ZIP_RUNS, ZONES } from './postal-zones.generated';

/**
 * The zone at the centre of every US ZIP and Canadian FSA, from postal-zones.generated.ts (written by
 * `npm run zones:generate`). Each code is a number (a ZIP as is, an FSA through fsaIndex); a table is
 * two strings:
 * - members: which codes the data has, one bit per code, six to a character (base64 alphabet);
 * - runs: codes sorted, cut where the zone changes; each run is the distance from the previous run's
 *   first code in base 36 (0-9a-z), then its zone as one character of ZONE_CHARS (an index into ZONES).
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ZONE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&()*+,-./:;<=>?@[]^_{|}~';

const BASE64_VALUE = new Uint8Array(128);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUE[BASE64.charCodeAt(i)] = i;

/** [code index, zone index] pairs, sorted by code → the runs string. */
export function encodeRuns(entries: readonly (readonly [index: number, zone: number])[]): string {
  let out = '';
  let start = 0;
  let zone = -1;
  for (const [index, entryZone] of entries) {
    if (entryZone === zone) continue;
    const char = ZONE_CHARS[entryZone];
    if (char === undefined) throw new Error(`too many zones for one character: ${entryZone}`);
    out += (index - start).toString(36) + char;
    start = index;
    zone = entryZone;
  }
  return out;
}

/** Code indexes → the members string for codes 0…size-1. */
export function encodeMembers(indexes: readonly number[], size: number): string {
  const sextets = new Uint8Array(Math.ceil(size / 6));
  for (const index of indexes) sextets[Math.floor(index / 6)]! |= 1 << index % 6;
  return Array.from(sextets, (value) => BASE64[value]).join('');
}

export class PostalZoneTable {
  #starts: Int32Array | undefined;
  #zones: Uint8Array | undefined;

  readonly #runs: string;
  readonly #members: string;

  constructor(runs: string, members: string) {
    this.#runs = runs;
    this.#members = members;
  }

  has(index: number): boolean {
    if (!Number.isInteger(index) || index < 0) return false;
    const code = this.#members.charCodeAt(Math.floor(index / 6));
    return !Number.isNaN(code) && ((BASE64_VALUE[code]! >> index % 6) & 1) === 1;
  }

  /** The zone at the code's centre point; undefined when the data has no such code. */
  zoneOf(index: number): string | undefined {
    if (!this.has(index)) return undefined;
    const [starts, zones] = this.#decoded();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return ZONES[zones[lo]!];
  }

  /** Decoded on first use, so loading the module costs nothing. */
  #decoded(): [Int32Array, Uint8Array] {
    if (this.#starts && this.#zones) return [this.#starts, this.#zones];
    const starts: number[] = [];
    const zones: number[] = [];
    let start = 0;
    let digits = '';
    for (const char of this.#runs) {
      const zone = ZONE_CHARS.indexOf(char);
      if (zone < 0) {
        digits += char;
        continue;
      }
      start += parseInt(digits, 36);
      digits = '';
      starts.push(start);
      zones.push(zone);
    }
    this.#starts = Int32Array.from(starts);
    this.#zones = Uint8Array.from(zones);
    return [this.#starts, this.#zones];
  }
}

/** 'K1A' → a number below 6760; undefined when it is not letter-digit-letter. */
export function fsaIndex(fsa: string): number | undefined {
  if (!/^[A-Z]\d[A-Z]$/.test(fsa)) return undefined;
  return ((fsa.charCodeAt(0) - 65) * 10 + (fsa.charCodeAt(1) - 48)) * 26 + (fsa.charCodeAt(2) - 65);
}

export const US_ZIP_ZONES = new PostalZoneTable(US_ZIP_RUNS, US_ZIP_MEMBERS);
export const CA_FSA_ZONES = new PostalZoneTable(CA_FSA_RUNS, CA_FSA_MEMBERS);
export { ZONES as POSTAL_ZONES };
