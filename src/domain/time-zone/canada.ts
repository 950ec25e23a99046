import { normalizeKey } from './normalize';
import { CA_FSA_ZONES, fsaIndex } from './postal-zones';
import type { CountryRules, Place } from './types';

const TORONTO = 'America/Toronto';

/** [code, main zone, split, names...]; split = part of the province keeps another zone. */
export const PROVINCES = [
  ['BC', 'America/Vancouver', true, 'British Columbia'], // East Kootenay and Peace River are Mountain
  ['AB', 'America/Edmonton', false, 'Alberta'],
  ['SK', 'America/Regina', true, 'Saskatchewan'], // Lloydminster follows Alberta
  ['MB', 'America/Winnipeg', false, 'Manitoba'],
  ['ON', TORONTO, true, 'Ontario'], // Kenora and Rainy River districts are Central
  ['QC', TORONTO, true, 'Quebec', 'PQ'], // Magdalen Islands and the Lower North Shore are Atlantic
  ['NB', 'America/Moncton', false, 'New Brunswick'],
  ['NS', 'America/Halifax', false, 'Nova Scotia'],
  ['PE', 'America/Halifax', false, 'Prince Edward Island', 'PEI'],
  ['NL', 'America/St_Johns', true, 'Newfoundland and Labrador', 'Newfoundland', 'NF'], // Labrador is Atlantic
  ['YT', 'America/Whitehorse', false, 'Yukon', 'YK'],
  ['NT', 'America/Yellowknife', false, 'Northwest Territories'],
  ['NU', 'America/Iqaluit', true, 'Nunavut'], // Kivalliq is Central, Kitikmeot Mountain
] as const;

/** First letter of the postal code → province; X is split by FSA below. */
const LETTER_PROVINCE: Readonly<Record<string, string>> = {
  A: 'NL', B: 'NS', C: 'PE', E: 'NB', G: 'QC', H: 'QC', J: 'QC', K: 'ON', L: 'ON', M: 'ON', N: 'ON',
  P: 'ON', R: 'MB', S: 'SK', T: 'AB', V: 'BC', X: 'NT', Y: 'YT',
};

const NUNAVUT_FSAS = new Set(['X0A', 'X0B', 'X0C']);

/**
 * FSAs that reach across a zone line: the zone at their centre point (postal-zones.ts) is a guess for
 * the rest, so it is flagged.
 */
export const SPLIT_FSAS: ReadonlySet<string> = new Set([
  'A0P', // coastal Labrador; the south-east corner keeps Newfoundland time
  'G0G', // Côte-Nord: Havre-Saint-Pierre is Eastern, the Lower North Shore Atlantic without DST
  'P0T', // Thunder Bay district; Atikokan keeps EST all year
  'P0V', // Red Lake area
  'P0W', // Rainy River district
  'P0X', // Kenora district
  'S0P', // north-east Saskatchewan: Creighton keeps Central time with DST like Flin Flon, the rest CST all year
  'V0A', // Golden, Invermere
  'V0B', // East Kootenay: Creston keeps MST all year, Fernie observes DST
  'V1A', // Kimberley
  'V0C', // north-east BC, Fort Nelson
  'X0A', // Qikiqtaaluk; Resolute is Central
  'X0B', // Kitikmeot
  'X0C', // Kivalliq; Coral Harbour keeps EST all year
]);

const BY_KEY = new Map<string, (typeof PROVINCES)[number]>();
for (const row of PROVINCES) {
  const [code, , , ...names] = row;
  BY_KEY.set(code, row);
  for (const name of names) BY_KEY.set(normalizeKey(name), row);
}

function provincePlace(key: string): Place | undefined {
  const row = BY_KEY.get(key);
  return row && { zone: row[1], assumed: row[2], region: row[0] };
}

/** 'K1A 0B1', 'k1a0b1' or just the FSA 'K1A'. */
function canadaPostalPlace(raw: string): Place | undefined {
  const match = /^([A-Z]\d[A-Z])(?:[\s-]*\d[A-Z]\d)?$/.exec(raw.trim().toUpperCase());
  const fsa = match?.[1];
  if (!fsa) return undefined;
  const province = NUNAVUT_FSAS.has(fsa) ? 'NU' : LETTER_PROVINCE[fsa.charAt(0)];
  const main = province === undefined ? undefined : BY_KEY.get(province);
  if (!main) return undefined;
  const index = fsaIndex(fsa);
  const zone = index === undefined ? undefined : CA_FSA_ZONES.zoneOf(index);
  // an FSA the data does not have gets its province's main zone, flagged
  return zone ? { zone, assumed: SPLIT_FSAS.has(fsa), region: main[0] } : { zone: main[1], assumed: true, region: main[0] };
}

export const CANADA: CountryRules = {
  zone: TORONTO,
  assumed: true,
  region: provincePlace,
  postal: canadaPostalPlace,
};
