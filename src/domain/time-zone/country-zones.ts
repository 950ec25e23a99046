/**
 * Countries (ISO 3166-1 alpha-2) where one zone serves everyone. Overseas parts with their own
 * ISO code (GP, RE, GL, BQ, SJ, ...) are listed separately, so e.g. FR and NL count as single-zone.
 */
export const SINGLE_ZONE_COUNTRIES = {
  // Europe
  AD: 'Europe/Andorra', AL: 'Europe/Tirane', AT: 'Europe/Vienna', AX: 'Europe/Mariehamn', BA: 'Europe/Sarajevo',
  BE: 'Europe/Brussels', BG: 'Europe/Sofia', BY: 'Europe/Minsk', CH: 'Europe/Zurich', CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague', DE: 'Europe/Berlin', DK: 'Europe/Copenhagen', EE: 'Europe/Tallinn', FI: 'Europe/Helsinki',
  FO: 'Atlantic/Faroe', GB: 'Europe/London', GG: 'Europe/Guernsey', GI: 'Europe/Gibraltar', GR: 'Europe/Athens',
  HR: 'Europe/Zagreb', HU: 'Europe/Budapest', IE: 'Europe/Dublin', IM: 'Europe/Isle_of_Man', IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome', JE: 'Europe/Jersey', LI: 'Europe/Vaduz', LT: 'Europe/Vilnius', LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga', MC: 'Europe/Monaco', MD: 'Europe/Chisinau', ME: 'Europe/Podgorica', MK: 'Europe/Skopje',
  MT: 'Europe/Malta', NL: 'Europe/Amsterdam', NO: 'Europe/Oslo', PL: 'Europe/Warsaw', RO: 'Europe/Bucharest',
  RS: 'Europe/Belgrade', SE: 'Europe/Stockholm', SI: 'Europe/Ljubljana', SJ: 'Arctic/Longyearbyen',
  SK: 'Europe/Bratislava', SM: 'Europe/San_Marino', UA: 'Europe/Kyiv', VA: 'Europe/Vatican', XK: 'Europe/Belgrade',
  // Middle East, Caucasus, Central and South Asia
  AE: 'Asia/Dubai', AF: 'Asia/Kabul', AM: 'Asia/Yerevan', AZ: 'Asia/Baku', BD: 'Asia/Dhaka', BH: 'Asia/Bahrain',
  BT: 'Asia/Thimphu', GE: 'Asia/Tbilisi', IL: 'Asia/Jerusalem', IN: 'Asia/Kolkata', IQ: 'Asia/Baghdad',
  IR: 'Asia/Tehran', JO: 'Asia/Amman', KG: 'Asia/Bishkek', KW: 'Asia/Kuwait', KZ: 'Asia/Almaty', LB: 'Asia/Beirut',
  LK: 'Asia/Colombo', MV: 'Indian/Maldives', NP: 'Asia/Kathmandu', OM: 'Asia/Muscat', PK: 'Asia/Karachi',
  QA: 'Asia/Qatar', SA: 'Asia/Riyadh', SY: 'Asia/Damascus', TJ: 'Asia/Dushanbe', TM: 'Asia/Ashgabat',
  TR: 'Europe/Istanbul', UZ: 'Asia/Tashkent', YE: 'Asia/Aden',
  // East and South-East Asia
  BN: 'Asia/Brunei', CN: 'Asia/Shanghai', HK: 'Asia/Hong_Kong', JP: 'Asia/Tokyo', KH: 'Asia/Phnom_Penh',
  KP: 'Asia/Pyongyang', KR: 'Asia/Seoul', LA: 'Asia/Vientiane', MM: 'Asia/Yangon', MO: 'Asia/Macau',
  MY: 'Asia/Kuala_Lumpur', PH: 'Asia/Manila', SG: 'Asia/Singapore', TH: 'Asia/Bangkok', TL: 'Asia/Dili',
  TW: 'Asia/Taipei', VN: 'Asia/Ho_Chi_Minh',
  // Africa
  AO: 'Africa/Luanda', BF: 'Africa/Ouagadougou', BI: 'Africa/Bujumbura', BJ: 'Africa/Porto-Novo',
  BW: 'Africa/Gaborone', CF: 'Africa/Bangui', CG: 'Africa/Brazzaville', CI: 'Africa/Abidjan', CM: 'Africa/Douala',
  CV: 'Atlantic/Cape_Verde', DJ: 'Africa/Djibouti', DZ: 'Africa/Algiers', EG: 'Africa/Cairo', EH: 'Africa/El_Aaiun',
  ER: 'Africa/Asmara', ET: 'Africa/Addis_Ababa', GA: 'Africa/Libreville', GH: 'Africa/Accra', GM: 'Africa/Banjul',
  GN: 'Africa/Conakry', GQ: 'Africa/Malabo', GW: 'Africa/Bissau', KE: 'Africa/Nairobi', KM: 'Indian/Comoro',
  LR: 'Africa/Monrovia', LS: 'Africa/Maseru', LY: 'Africa/Tripoli', MA: 'Africa/Casablanca', MG: 'Indian/Antananarivo',
  ML: 'Africa/Bamako', MR: 'Africa/Nouakchott', MU: 'Indian/Mauritius', MW: 'Africa/Blantyre', MZ: 'Africa/Maputo',
  NA: 'Africa/Windhoek', NE: 'Africa/Niamey', NG: 'Africa/Lagos', RE: 'Indian/Reunion', RW: 'Africa/Kigali',
  SC: 'Indian/Mahe', SD: 'Africa/Khartoum', SH: 'Atlantic/St_Helena', SL: 'Africa/Freetown', SN: 'Africa/Dakar',
  SO: 'Africa/Mogadishu', SS: 'Africa/Juba', ST: 'Africa/Sao_Tome', SZ: 'Africa/Mbabane', TD: 'Africa/Ndjamena',
  TG: 'Africa/Lome', TN: 'Africa/Tunis', TZ: 'Africa/Dar_es_Salaam', UG: 'Africa/Kampala', YT: 'Indian/Mayotte',
  ZA: 'Africa/Johannesburg', ZM: 'Africa/Lusaka', ZW: 'Africa/Harare', IO: 'Indian/Chagos', TF: 'Indian/Kerguelen',
  // Americas and the Caribbean
  AG: 'America/Antigua', AI: 'America/Anguilla', AR: 'America/Argentina/Buenos_Aires', AW: 'America/Aruba',
  BB: 'America/Barbados', BL: 'America/St_Barthelemy', BM: 'Atlantic/Bermuda', BO: 'America/La_Paz',
  BQ: 'America/Kralendijk', BS: 'America/Nassau', BZ: 'America/Belize', CO: 'America/Bogota',
  CR: 'America/Costa_Rica', CU: 'America/Havana', CW: 'America/Curacao', DM: 'America/Dominica',
  DO: 'America/Santo_Domingo', FK: 'Atlantic/Stanley', GD: 'America/Grenada', GF: 'America/Cayenne',
  GP: 'America/Guadeloupe', GS: 'Atlantic/South_Georgia', GT: 'America/Guatemala', GY: 'America/Guyana',
  HN: 'America/Tegucigalpa', HT: 'America/Port-au-Prince', JM: 'America/Jamaica', KN: 'America/St_Kitts',
  KY: 'America/Cayman', LC: 'America/St_Lucia', MF: 'America/Marigot', MQ: 'America/Martinique',
  MS: 'America/Montserrat', NI: 'America/Managua', PA: 'America/Panama', PE: 'America/Lima',
  PM: 'America/Miquelon', PY: 'America/Asuncion', SR: 'America/Paramaribo', SV: 'America/El_Salvador',
  SX: 'America/Lower_Princes', TC: 'America/Grand_Turk', TT: 'America/Port_of_Spain', UY: 'America/Montevideo',
  VC: 'America/St_Vincent', VE: 'America/Caracas', VG: 'America/Tortola',
  // US territories and freely associated states (their ZIPs are handled with the US table)
  AS: 'Pacific/Pago_Pago', GU: 'Pacific/Guam', MH: 'Pacific/Majuro', MP: 'Pacific/Saipan', PR: 'America/Puerto_Rico',
  PW: 'Pacific/Palau', VI: 'America/St_Thomas',
  // Oceania
  CC: 'Indian/Cocos', CK: 'Pacific/Rarotonga', CX: 'Indian/Christmas', FJ: 'Pacific/Fiji', NC: 'Pacific/Noumea',
  NF: 'Pacific/Norfolk', NR: 'Pacific/Nauru', NU: 'Pacific/Niue', PN: 'Pacific/Pitcairn', SB: 'Pacific/Guadalcanal',
  TK: 'Pacific/Fakaofo', TO: 'Pacific/Tongatapu', TV: 'Pacific/Funafuti', VU: 'Pacific/Efate', WF: 'Pacific/Wallis',
  WS: 'Pacific/Apia',
} as const;

/** Countries spanning several zones, with the zone most of their people live in. */
export const MULTI_ZONE_COUNTRIES = {
  AU: 'Australia/Sydney', BR: 'America/Sao_Paulo', CA: 'America/Toronto', CD: 'Africa/Lubumbashi',
  CL: 'America/Santiago', EC: 'America/Guayaquil', ES: 'Europe/Madrid', FM: 'Pacific/Chuuk', GL: 'America/Nuuk',
  ID: 'Asia/Jakarta', KI: 'Pacific/Tarawa', MN: 'Asia/Ulaanbaatar', MX: 'America/Mexico_City', NZ: 'Pacific/Auckland',
  PF: 'Pacific/Tahiti', PG: 'Pacific/Port_Moresby', PS: 'Asia/Hebron', PT: 'Europe/Lisbon', RU: 'Europe/Moscow',
  US: 'America/New_York',
} as const;

/** Codes people commonly send instead of the ISO one. */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };
