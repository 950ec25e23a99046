import { normalizeKey } from './normalize';
import type { CountryRules, Place, ZoneEntry } from './types';

const TORONTO = 'America/Toronto';
const WINNIPEG = 'America/Winnipeg';
const EDMONTON = 'America/Edmonton';
const DAWSON_CREEK = 'America/Dawson_Creek';
const GOOSE_BAY = 'America/Goose_Bay';

/** [code, main zone, split, names...]; split = part of the province keeps another zone. */
export const PROVINCES = [
  ['BC', 'America/Vancouver', true, 'British Columbia'], // East Kootenay and Peace River are Mountain
  ['AB', EDMONTON, false, 'Alberta'],
  ['SK', 'America/Regina', true, 'Saskatchewan'], // Lloydminster follows Alberta
  ['MB', WINNIPEG, false, 'Manitoba'],
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

/** FSAs whose zone differs from (or is less certain than) their province's main zone. */
export const FSA_ZONES: Readonly<Record<string, ZoneEntry>> = {
  A0P: [GOOSE_BAY, true], // coastal Labrador; the south-east corner keeps Newfoundland time
  A0R: [GOOSE_BAY, false], // Churchill Falls, Wabush
  A2V: [GOOSE_BAY, false], // Labrador City
  G0G: [TORONTO, true], // Côte-Nord; Blanc-Sablon end is Atlantic
  G4T: ['America/Halifax', false], // Magdalen Islands
  P0T: [TORONTO, true], // Thunder Bay district; Atikokan keeps EST all year
  P0V: [WINNIPEG, true], // Red Lake area
  P0W: [WINNIPEG, true], // Rainy River district
  P0X: [WINNIPEG, true], // Kenora district
  P8N: [WINNIPEG, false], // Dryden
  P8T: [WINNIPEG, false], // Sioux Lookout
  P9A: [WINNIPEG, false], // Fort Frances
  P9N: [WINNIPEG, false], // Kenora
  S9V: [EDMONTON, false], // Lloydminster
  V0A: [EDMONTON, true], // Golden, Invermere
  V0B: [EDMONTON, true], // Fernie, Creston (Creston keeps MST all year)
  V1A: [EDMONTON, true], // Kimberley
  V1C: [EDMONTON, false], // Cranbrook
  V0C: [DAWSON_CREEK, true], // north-east BC, Fort Nelson
  V1G: [DAWSON_CREEK, false], // Dawson Creek
  V1J: [DAWSON_CREEK, false], // Fort St. John
  X0A: ['America/Iqaluit', true], // Qikiqtaaluk; Resolute is Central
  X0B: ['America/Cambridge_Bay', true], // Kitikmeot
  X0C: ['America/Rankin_Inlet', true], // Kivalliq; Coral Harbour keeps EST all year
};

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
  const [zone, assumed] = FSA_ZONES[fsa] ?? [main[1], false];
  return { zone, assumed, region: main[0] };
}

export const CANADA: CountryRules = {
  zone: TORONTO,
  assumed: true,
  region: provincePlace,
  postal: canadaPostalPlace,
};
