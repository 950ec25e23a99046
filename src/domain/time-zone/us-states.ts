import { normalizeKey } from './normalize';
import type { Place } from './types';

const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';

/**
 * [code, main zone (most populous), split, names...]. `split` marks states where part of the population
 * lives on another zone, so a state alone does not pin the zone down. A null zone is military mail.
 */
export const US_STATES = [
  ['AL', CT, true, 'Alabama'], // Phenix City area unofficially keeps Eastern time with Columbus, GA
  ['AK', 'America/Anchorage', true, 'Alaska'], // Adak and Atka are on Hawaii-Aleutian time
  ['AZ', 'America/Phoenix', true, 'Arizona'], // the Navajo Nation observes DST
  ['AR', CT, false, 'Arkansas'],
  ['CA', PT, false, 'California'],
  ['CO', MT, false, 'Colorado'],
  ['CT', ET, false, 'Connecticut'],
  ['DE', ET, false, 'Delaware'],
  ['DC', ET, false, 'District of Columbia', 'Washington DC'],
  ['FL', ET, true, 'Florida'],
  ['GA', ET, false, 'Georgia'],
  ['HI', 'Pacific/Honolulu', false, 'Hawaii'],
  ['ID', 'America/Boise', true, 'Idaho'],
  ['IL', CT, false, 'Illinois'],
  ['IN', 'America/Indiana/Indianapolis', true, 'Indiana'],
  ['IA', CT, false, 'Iowa'],
  ['KS', CT, true, 'Kansas'],
  ['KY', ET, true, 'Kentucky'],
  ['LA', CT, false, 'Louisiana'],
  ['ME', ET, false, 'Maine'],
  ['MD', ET, false, 'Maryland'],
  ['MA', ET, false, 'Massachusetts'],
  ['MI', 'America/Detroit', true, 'Michigan'],
  ['MN', CT, false, 'Minnesota'],
  ['MS', CT, false, 'Mississippi'],
  ['MO', CT, false, 'Missouri'],
  ['MT', MT, false, 'Montana'],
  ['NE', CT, true, 'Nebraska'],
  ['NV', PT, true, 'Nevada'], // West Wendover is on Mountain time
  ['NH', ET, false, 'New Hampshire'],
  ['NJ', ET, false, 'New Jersey'],
  ['NM', MT, false, 'New Mexico'],
  ['NY', ET, false, 'New York'],
  ['NC', ET, false, 'North Carolina'],
  ['ND', CT, true, 'North Dakota'],
  ['OH', ET, false, 'Ohio'],
  ['OK', CT, false, 'Oklahoma'],
  ['OR', PT, true, 'Oregon'],
  ['PA', ET, false, 'Pennsylvania'],
  ['RI', ET, false, 'Rhode Island'],
  ['SC', ET, false, 'South Carolina'],
  ['SD', CT, true, 'South Dakota'],
  ['TN', CT, true, 'Tennessee'],
  ['TX', CT, true, 'Texas'],
  ['UT', MT, false, 'Utah'],
  ['VT', ET, false, 'Vermont'],
  ['VA', ET, false, 'Virginia'],
  ['WA', PT, false, 'Washington'],
  ['WV', ET, false, 'West Virginia'],
  ['WI', CT, false, 'Wisconsin'],
  ['WY', MT, false, 'Wyoming'],
  ['PR', 'America/Puerto_Rico', false, 'Puerto Rico'],
  ['VI', 'America/St_Thomas', false, 'Virgin Islands', 'US Virgin Islands'],
  ['GU', 'Pacific/Guam', false, 'Guam'],
  ['MP', 'Pacific/Saipan', false, 'Northern Mariana Islands'],
  ['AS', 'Pacific/Pago_Pago', false, 'American Samoa'],
  ['FM', 'Pacific/Chuuk', true, 'Micronesia'], // Pohnpei and Kosrae are an hour ahead of Chuuk and Yap
  ['MH', 'Pacific/Majuro', false, 'Marshall Islands'],
  ['PW', 'Pacific/Palau', false, 'Palau'],
  ['AA', null, false, 'Armed Forces Americas'],
  ['AE', null, false, 'Armed Forces Europe'],
  ['AP', null, false, 'Armed Forces Pacific'],
] as const;

export type UsStateCode = (typeof US_STATES)[number][0];
type StateRow = (typeof US_STATES)[number];

const BY_KEY = new Map<string, StateRow>();
for (const row of US_STATES) {
  const [code, , , ...names] = row;
  BY_KEY.set(code, row);
  for (const name of names) BY_KEY.set(normalizeKey(name), row);
}

export function usStateRow(code: string): StateRow | undefined {
  return BY_KEY.get(code);
}

/** Region-only answer for a normalised state key; null for military mail. */
export function usRegionPlace(key: string): Place | null | undefined {
  const row = BY_KEY.get(key);
  if (!row) return undefined;
  const [code, zone, split] = row;
  return zone === null ? null : { zone, assumed: split, region: code };
}
