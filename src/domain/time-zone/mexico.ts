import { findRange, normalizeKey, postalDigits } from './normalize';
import type { CountryRules, Place } from './types';

const CDMX = 'America/Mexico_City';
const MAZATLAN = 'America/Mazatlan';
const MONTERREY = 'America/Monterrey';
const MERIDA = 'America/Merida';

/**
 * [ISO 3166-2 code, zone, split, first two postal digits (from, to), names...]. Zones reflect the
 * 2022 end of DST; split = border municipalities (or Bahía de Banderas) keep a different clock.
 */
export const MX_STATES = [
  ['AGU', CDMX, false, 20, 20, 'Aguascalientes'],
  ['BCN', 'America/Tijuana', false, 21, 22, 'Baja California', 'BC'],
  ['BCS', MAZATLAN, false, 23, 23, 'Baja California Sur'],
  ['CAM', MERIDA, false, 24, 24, 'Campeche'],
  ['COA', MONTERREY, true, 25, 27, 'Coahuila', 'Coahuila de Zaragoza'],
  ['COL', CDMX, false, 28, 28, 'Colima'],
  ['CHP', CDMX, false, 29, 30, 'Chiapas'],
  ['CHH', 'America/Chihuahua', true, 31, 33, 'Chihuahua'], // Ciudad Juárez follows US DST
  ['DUR', MONTERREY, false, 34, 35, 'Durango'],
  ['GUA', CDMX, false, 36, 38, 'Guanajuato'],
  ['GRO', CDMX, false, 39, 41, 'Guerrero'],
  ['HID', CDMX, false, 42, 43, 'Hidalgo'],
  ['JAL', CDMX, false, 44, 49, 'Jalisco'],
  ['MEX', CDMX, false, 50, 57, 'Mexico', 'Estado de Mexico', 'Edomex'],
  ['MIC', CDMX, false, 58, 61, 'Michoacan', 'Michoacan de Ocampo'],
  ['MOR', CDMX, false, 62, 62, 'Morelos'],
  ['NAY', MAZATLAN, true, 63, 63, 'Nayarit'], // Bahía de Banderas is on Central time
  ['NLE', MONTERREY, true, 64, 67, 'Nuevo Leon', 'NL'],
  ['OAX', CDMX, false, 68, 71, 'Oaxaca'],
  ['PUE', CDMX, false, 72, 75, 'Puebla'],
  ['QUE', CDMX, false, 76, 76, 'Queretaro'],
  ['ROO', 'America/Cancun', false, 77, 77, 'Quintana Roo', 'QROO', 'QR'],
  ['SLP', CDMX, false, 78, 79, 'San Luis Potosi'],
  ['SIN', MAZATLAN, false, 80, 82, 'Sinaloa'],
  ['SON', 'America/Hermosillo', false, 83, 85, 'Sonora'],
  ['TAB', CDMX, false, 86, 86, 'Tabasco'],
  // Reynosa, Matamoros and Nuevo Laredo (most of the state) follow US DST; Tampico does not
  ['TAM', 'America/Matamoros', true, 87, 89, 'Tamaulipas'],
  ['TLA', CDMX, false, 90, 90, 'Tlaxcala'],
  ['VER', CDMX, false, 91, 96, 'Veracruz', 'Veracruz de Ignacio de la Llave'],
  ['YUC', MERIDA, false, 97, 97, 'Yucatan'],
  ['ZAC', CDMX, false, 98, 99, 'Zacatecas'],
  ['CMX', CDMX, false, 0, 16, 'Ciudad de Mexico', 'Mexico City', 'CDMX', 'DF', 'Distrito Federal'],
] as const;

/** Postcode ranges that split a state's clock: [first, last, zone, assumed]. */
export const MX_POSTCODE_ZONES: readonly (readonly [number, number, string, boolean])[] = [
  [32000, 32699, 'America/Ciudad_Juarez', true], // Ciudad Juárez and neighbouring border towns
  [89000, 89999, MONTERREY, false], // Tampico, Madero, Altamira: far from the border, no DST
];

type StateRow = (typeof MX_STATES)[number];

const BY_KEY = new Map<string, StateRow>();
for (const row of MX_STATES) {
  const [code, , , , , ...names] = row;
  BY_KEY.set(code, row);
  for (const name of names) BY_KEY.set(normalizeKey(name), row);
}

const place = (row: StateRow): Place => ({ zone: row[1], assumed: row[2], region: row[0] });

function mexicoPostalPlace(raw: string): Place | undefined {
  const digits = postalDigits(raw);
  if (digits?.length !== 5) return undefined;
  const postcode = Number(digits);
  const prefix = Math.floor(postcode / 1000);
  const row = MX_STATES.find(([, , , from, to]) => prefix >= from && prefix <= to);
  const split = findRange(MX_POSTCODE_ZONES, postcode);
  return row && (split ? { zone: split[2], assumed: split[3], region: row[0] } : place(row));
}

export const MEXICO: CountryRules = {
  zone: CDMX,
  assumed: true,
  region: (key) => {
    const row = BY_KEY.get(key);
    return row && place(row);
  },
  postal: mexicoPostalPlace,
};
