import { AU_POSTCODE_ZONES, AU_STATES } from './australia';
import { BR_STATES, NORONHA_ZONE } from './brazil';
import { PROVINCES } from './canada';
import { MULTI_ZONE_COUNTRIES, SINGLE_ZONE_COUNTRIES } from './country-zones';
import { FR_OVERSEAS_POSTAL, IBERIAN_ISLAND_ZONES } from './europe';
import { MX_POSTCODE_ZONES, MX_STATES } from './mexico';
import { US_STATES } from './us-states';
import { POSTAL_ZONES } from './postal-zones';
import { ZIP3_ZONES, ZIP5_TERRITORIES } from './us-zip-data';

/** Every zone any table can return, so a test can check them all against the runtime's tz data. */
export function knownZones(): string[] {
  const zones = [
    ...Object.values(SINGLE_ZONE_COUNTRIES),
    ...Object.values(MULTI_ZONE_COUNTRIES),
    ...US_STATES.flatMap(([, zone]) => (zone === null ? [] : [zone])),
    ...ZIP3_ZONES.map(([, , zone]) => zone),
    ...POSTAL_ZONES,
    ...ZIP5_TERRITORIES.map(([, , , zone]) => zone),
    ...PROVINCES.map(([, zone]) => zone),
    ...MX_STATES.map(([, zone]) => zone),
    ...MX_POSTCODE_ZONES.map(([, , zone]) => zone),
    ...BR_STATES.map(([, zone]) => zone),
    NORONHA_ZONE,
    ...AU_STATES.map(([, zone]) => zone),
    ...AU_POSTCODE_ZONES.map(([, zone]) => zone),
    ...Object.values(FR_OVERSEAS_POSTAL),
    ...IBERIAN_ISLAND_ZONES,
    'UTC', // the fallback
  ];
  return [...new Set(zones)].sort();
}
