import { findRange, normalizeKey, postalDigits } from './normalize';
import type { CountryRules, Place } from './types';

const SAO_PAULO = 'America/Sao_Paulo';
const FORTALEZA = 'America/Fortaleza';
const MACEIO = 'America/Maceio';
const BELEM = 'America/Belem';

/** [UF, zone, split, name]; split = part of the state keeps another clock. */
export const BR_STATES = [
  ['AC', 'America/Rio_Branco', false, 'Acre'],
  ['AL', MACEIO, false, 'Alagoas'],
  ['AP', BELEM, false, 'Amapa'],
  ['AM', 'America/Manaus', true, 'Amazonas'], // the south-west (Eirunepé) is on Acre time
  ['BA', 'America/Bahia', false, 'Bahia'],
  ['CE', FORTALEZA, false, 'Ceara'],
  ['DF', SAO_PAULO, false, 'Distrito Federal'],
  ['ES', SAO_PAULO, false, 'Espirito Santo'],
  ['GO', SAO_PAULO, false, 'Goias'],
  ['MA', FORTALEZA, false, 'Maranhao'],
  ['MT', 'America/Cuiaba', false, 'Mato Grosso'],
  ['MS', 'America/Campo_Grande', false, 'Mato Grosso do Sul'],
  ['MG', SAO_PAULO, false, 'Minas Gerais'],
  ['PA', BELEM, false, 'Para'],
  ['PB', FORTALEZA, false, 'Paraiba'],
  ['PR', SAO_PAULO, false, 'Parana'],
  ['PE', 'America/Recife', true, 'Pernambuco'], // Fernando de Noronha is an hour ahead
  ['PI', FORTALEZA, false, 'Piaui'],
  ['RJ', SAO_PAULO, false, 'Rio de Janeiro'],
  ['RN', FORTALEZA, false, 'Rio Grande do Norte'],
  ['RS', SAO_PAULO, false, 'Rio Grande do Sul'],
  ['RO', 'America/Porto_Velho', false, 'Rondonia'],
  ['RR', 'America/Boa_Vista', false, 'Roraima'],
  ['SC', SAO_PAULO, false, 'Santa Catarina'],
  ['SP', SAO_PAULO, false, 'Sao Paulo'],
  ['SE', MACEIO, false, 'Sergipe'],
  ['TO', 'America/Araguaina', false, 'Tocantins'],
] as const;

/** CEP ranges by their first five digits → UF. */
const CEP_RANGES: readonly (readonly [number, number, string])[] = [
  [1000, 19999, 'SP'], [20000, 28999, 'RJ'], [29000, 29999, 'ES'], [30000, 39999, 'MG'],
  [40000, 48999, 'BA'], [49000, 49999, 'SE'], [50000, 56999, 'PE'], [57000, 57999, 'AL'],
  [58000, 58999, 'PB'], [59000, 59999, 'RN'], [60000, 63999, 'CE'], [64000, 64999, 'PI'],
  [65000, 65999, 'MA'], [66000, 68899, 'PA'], [68900, 68999, 'AP'], [69000, 69299, 'AM'],
  [69300, 69399, 'RR'], [69400, 69899, 'AM'], [69900, 69999, 'AC'], [70000, 72799, 'DF'],
  [72800, 72999, 'GO'], [73000, 73699, 'DF'], [73700, 76799, 'GO'], [76800, 76999, 'RO'],
  [77000, 77999, 'TO'], [78000, 78999, 'MT'], [79000, 79999, 'MS'], [80000, 87999, 'PR'],
  [88000, 89999, 'SC'], [90000, 99999, 'RS'],
];

const NORONHA_CEP5 = 53990;
export const NORONHA_ZONE = 'America/Noronha';

type StateRow = (typeof BR_STATES)[number];

const BY_KEY = new Map<string, StateRow>();
for (const row of BR_STATES) {
  BY_KEY.set(row[0], row);
  BY_KEY.set(normalizeKey(row[3]), row);
}

const place = (row: StateRow | undefined): Place | undefined => row && { zone: row[1], assumed: row[2], region: row[0] };

/** '01310-100' or '01310100'. */
function brazilPostalPlace(raw: string): Place | undefined {
  const digits = postalDigits(raw);
  if (digits?.length !== 8) return undefined;
  const cep5 = Number(digits.slice(0, 5));
  if (cep5 === NORONHA_CEP5) return { zone: NORONHA_ZONE, assumed: false, region: 'PE' };
  const uf = findRange(CEP_RANGES, cep5)?.[2];
  const found = place(uf === undefined ? undefined : BY_KEY.get(uf));
  // Noronha has its own CEP, so any other Pernambuco CEP is on Recife time; Amazonas stays uncertain
  return found && { ...found, assumed: found.assumed && found.region !== 'PE' };
}

export const BRAZIL: CountryRules = {
  zone: SAO_PAULO,
  assumed: true,
  region: (key) => place(BY_KEY.get(key)),
  postal: brazilPostalPlace,
};
