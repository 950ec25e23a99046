import { countryRules, normalizeCountry } from './countries';
import { regionKey } from './normalize';
import type { Destination, ZoneResolution } from './types';
import { isValidTimeZone } from './valid';

const FALLBACK: ZoneResolution = { zone: 'UTC', basis: 'fallback', assumed: true };

/**
 * Picks the IANA zone a delivery's times should be shown in. Most specific input wins:
 * a valid given zone, then the postal code, then the region, then the country.
 */
export function resolveTimeZone(dest: Destination): ZoneResolution {
  const given = dest.timeZone?.trim();
  if (given && isValidTimeZone(given)) return { zone: given, basis: 'given', assumed: false };

  const country = normalizeCountry(dest.country ?? '');
  const rules = countryRules(country);
  if (!rules) return { ...FALLBACK };

  const rawRegion = dest.region?.trim();
  const rawPostal = dest.postalCode?.trim();
  const region = rawRegion ? rules.region?.(regionKey(rawRegion, country)) : undefined;
  const postal = rawPostal ? rules.postal?.(rawPostal) : undefined;

  // null = military mail: no zone can be inferred, and a state alongside it is not the delivery's
  if (postal === null || (postal === undefined && region === null)) return { ...FALLBACK };
  if (postal) {
    const disagrees = region?.region !== undefined && postal.region !== undefined && region.region !== postal.region;
    return { zone: postal.zone, basis: 'postal_code', assumed: postal.assumed || disagrees };
  }
  if (region) return { zone: region.zone, basis: 'region', assumed: region.assumed };
  return { zone: rules.zone, basis: 'country', assumed: rules.assumed };
}
