import { AUSTRALIA } from './australia';
import { BRAZIL } from './brazil';
import { CANADA } from './canada';
import { COUNTRY_ALIASES, MULTI_ZONE_COUNTRIES, SINGLE_ZONE_COUNTRIES } from './country-zones';
import { FRANCE, PORTUGAL, SPAIN } from './europe';
import { MEXICO } from './mexico';
import { usRegionPlace } from './us-states';
import { usPostalPlace } from './us-zip';
import type { CountryRules } from './types';

const UNITED_STATES: CountryRules = {
  zone: MULTI_ZONE_COUNTRIES.US,
  assumed: true,
  region: usRegionPlace,
  postal: usPostalPlace,
};

const DETAILED: Readonly<Record<string, CountryRules>> = {
  US: UNITED_STATES, CA: CANADA, MX: MEXICO, BR: BRAZIL, AU: AUSTRALIA, ES: SPAIN, PT: PORTUGAL, FR: FRANCE,
};

/** Territories and freely associated states use US ZIPs; a ZIP only counts if it belongs to them. */
const USPS_COUNTRIES = new Set(['PR', 'VI', 'GU', 'MP', 'AS', 'FM', 'MH', 'PW']);

function isKey<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(table, key);
}

export function normalizeCountry(raw: string): string {
  const code = raw.trim().toUpperCase();
  return COUNTRY_ALIASES[code] ?? code;
}

export function countryRules(country: string): CountryRules | undefined {
  const detailed = DETAILED[country];
  if (detailed) return detailed;
  const multi = isKey(MULTI_ZONE_COUNTRIES, country) ? MULTI_ZONE_COUNTRIES[country] : undefined;
  const single = isKey(SINGLE_ZONE_COUNTRIES, country) ? SINGLE_ZONE_COUNTRIES[country] : undefined;
  const zone = multi ?? single;
  if (zone === undefined) return undefined;
  if (!USPS_COUNTRIES.has(country)) return { zone, assumed: multi !== undefined };
  return {
    zone,
    assumed: multi !== undefined,
    postal: (raw) => {
      const place = usPostalPlace(raw);
      return place?.region === country ? place : undefined;
    },
  };
}
