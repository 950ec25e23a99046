import { postalDigits } from './normalize';
import type { CountryRules, Place } from './types';

/** Spain: the Canary Islands are an hour behind; their postcodes start 35 (Las Palmas) and 38 (Tenerife). */
const CANARY: Place = { zone: 'Atlantic/Canary', assumed: false, region: 'CN' };
const CANARY_KEYS = new Set(['CN', 'GC', 'TF', 'CANARIAS', 'CANARY ISLANDS', 'ISLAS CANARIAS', 'LAS PALMAS', 'SANTA CRUZ DE TENERIFE']);

export const SPAIN: CountryRules = {
  zone: 'Europe/Madrid',
  assumed: true,
  region: (key) => (CANARY_KEYS.has(key) ? CANARY : undefined),
  postal: (raw) => {
    const digits = postalDigits(raw);
    if (digits?.length !== 5) return undefined;
    return digits.startsWith('35') || digits.startsWith('38') ? CANARY : { zone: 'Europe/Madrid', assumed: false, region: 'ES' };
  },
};

/** Portugal: the Azores are an hour behind (postcodes 95xx–99xx); Madeira (90xx–93xx) keeps Lisbon time. */
const AZORES: Place = { zone: 'Atlantic/Azores', assumed: false, region: '20' };
const MADEIRA: Place = { zone: 'Atlantic/Madeira', assumed: false, region: '30' };
const PT_REGIONS: Readonly<Record<string, Place>> = {
  '20': AZORES, ACORES: AZORES, AZORES, '30': MADEIRA, MADEIRA,
};

export const PORTUGAL: CountryRules = {
  zone: 'Europe/Lisbon',
  assumed: true,
  region: (key) => PT_REGIONS[key],
  postal: (raw) => {
    const digits = postalDigits(raw);
    if (digits?.length !== 7 && digits?.length !== 4) return undefined;
    const area = Number(digits.slice(0, 2));
    if (area >= 95) return AZORES;
    if (area >= 90 && area <= 93) return MADEIRA;
    return { zone: 'Europe/Lisbon', assumed: false, region: 'PT' };
  },
};

/** France: overseas departments sometimes arrive as country FR; their postcodes start 97x/98x. */
export const FR_OVERSEAS_POSTAL: Readonly<Record<string, string>> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
  '986': 'Pacific/Wallis',
  '987': 'Pacific/Tahiti',
  '988': 'Pacific/Noumea',
};

/** Zones the Iberian rules can return besides the country's main one. */
export const IBERIAN_ISLAND_ZONES = [CANARY.zone, AZORES.zone, MADEIRA.zone] as const;

export const FRANCE: CountryRules = {
  zone: 'Europe/Paris',
  assumed: false,
  postal: (raw) => {
    const digits = postalDigits(raw);
    if (digits?.length !== 5) return undefined;
    const prefix = digits.slice(0, 3);
    const zone = FR_OVERSEAS_POSTAL[prefix];
    // French Polynesia spans three zones (Marquesas, Gambier)
    if (zone) return { zone, assumed: prefix === '987', region: prefix };
    return { zone: 'Europe/Paris', assumed: false };
  },
};
