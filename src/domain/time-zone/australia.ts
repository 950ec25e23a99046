import { findRange, normalizeKey, postalDigits } from './normalize';
import type { CountryRules, Place } from './types';

const SYDNEY = 'Australia/Sydney';

/** [code, zone, split, name]; split = part of the state keeps another clock. */
export const AU_STATES = [
  ['NSW', SYDNEY, true, 'New South Wales'], // Broken Hill is on Adelaide time, Lord Howe is +10:30
  ['ACT', SYDNEY, false, 'Australian Capital Territory'],
  ['VIC', 'Australia/Melbourne', false, 'Victoria'],
  ['QLD', 'Australia/Brisbane', false, 'Queensland'], // no DST, unlike its southern neighbours
  ['SA', 'Australia/Adelaide', false, 'South Australia'],
  ['WA', 'Australia/Perth', false, 'Western Australia'],
  ['TAS', 'Australia/Hobart', false, 'Tasmania'],
  ['NT', 'Australia/Darwin', false, 'Northern Territory'],
] as const;

/** [first, last, state] for four-digit postcodes. */
const POSTCODE_RANGES: readonly (readonly [number, number, string])[] = [
  [200, 299, 'ACT'], [800, 999, 'NT'], [1000, 2599, 'NSW'], [2600, 2618, 'ACT'], [2619, 2899, 'NSW'],
  [2900, 2920, 'ACT'], [2921, 2999, 'NSW'], [3000, 3999, 'VIC'], [4000, 4999, 'QLD'], [5000, 5999, 'SA'],
  [6000, 6999, 'WA'], [7000, 7999, 'TAS'], [8000, 8999, 'VIC'], [9000, 9999, 'QLD'],
];

/** Postcodes on their own clock: [postcode, zone, region, assumed]. */
export const AU_POSTCODE_ZONES: readonly (readonly [number, string, string, boolean])[] = [
  [872, 'Australia/Darwin', 'NT', true], // remote communities straddling NT, SA and WA
  [2880, 'Australia/Broken_Hill', 'NSW', false],
  [2898, 'Australia/Lord_Howe', 'NSW', false],
  [2899, 'Pacific/Norfolk', 'NF', false],
  [6798, 'Indian/Christmas', 'CX', false],
  [6799, 'Indian/Cocos', 'CC', false],
];

type StateRow = (typeof AU_STATES)[number];

const BY_KEY = new Map<string, StateRow>();
for (const row of AU_STATES) {
  BY_KEY.set(row[0], row);
  BY_KEY.set(normalizeKey(row[3]), row);
}

const place = (row: StateRow | undefined): Place | undefined => row && { zone: row[1], assumed: row[2], region: row[0] };

function australiaPostalPlace(raw: string): Place | undefined {
  const digits = postalDigits(raw);
  if (digits?.length !== 4) return undefined;
  const postcode = Number(digits);
  const special = AU_POSTCODE_ZONES.find(([code]) => code === postcode);
  if (special) return { zone: special[1], assumed: special[3], region: special[2] };
  const state = findRange(POSTCODE_RANGES, postcode)?.[2];
  const found = place(state === undefined ? undefined : BY_KEY.get(state));
  // The NSW exceptions have their own postcodes, so any other NSW postcode is on Sydney time
  return found && { ...found, assumed: false };
}

export const AUSTRALIA: CountryRules = {
  zone: SYDNEY,
  assumed: true,
  region: (key) => place(BY_KEY.get(key)),
  postal: australiaPostalPlace,
};
