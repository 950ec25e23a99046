import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, resolveTimeZone, type Destination } from '../../src/domain/time-zone';
import { AU_STATES } from '../../src/domain/time-zone/australia';
import { BR_STATES } from '../../src/domain/time-zone/brazil';
import { PROVINCES } from '../../src/domain/time-zone/canada';
import { MULTI_ZONE_COUNTRIES, SINGLE_ZONE_COUNTRIES } from '../../src/domain/time-zone/country-zones';
import { knownZones } from '../../src/domain/time-zone/known-zones';
import { MX_STATES } from '../../src/domain/time-zone/mexico';
import { US_STATES, usStateRow } from '../../src/domain/time-zone/us-states';
import { ZIP3_STATES, ZIP3_ZONES } from '../../src/domain/time-zone/us-zip-data';
import { ZIP3_TABLE } from '../../src/domain/time-zone/us-zip';

const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';
const INDY = 'America/Indiana/Indianapolis';

const us = (postalCode: string, region?: string) => resolveTimeZone({ country: 'US', region, postalCode });

describe('a time zone supplied with the order', () => {
  it('is shown as given when it is a real zone, whatever the address says', () => {
    expect(resolveTimeZone({ timeZone: 'Europe/Paris', country: 'US', region: 'MI', postalCode: '48084' })).toEqual({
      zone: 'Europe/Paris',
      basis: 'given',
      assumed: false,
    });
  });

  it('is ignored when it is not a real zone, and the address decides', () => {
    expect(resolveTimeZone({ timeZone: 'Mars/Olympus_Mons', country: 'US', postalCode: '32501' })).toEqual({
      zone: CT,
      basis: 'postal_code',
      assumed: false,
    });
  });

  it('is ignored when it is a bare UTC offset, which has no daylight-saving rules', () => {
    expect(resolveTimeZone({ timeZone: '+01:00', country: 'DE' }).basis).toBe('country');
  });

  it('is ignored when blank', () => {
    expect(resolveTimeZone({ timeZone: '  ', country: 'JP' })).toEqual({ zone: 'Asia/Tokyo', basis: 'country', assumed: false });
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones, including legacy links, and rejects everything else', () => {
    expect(['America/Chicago', 'UTC', 'Europe/Kyiv', 'America/Indiana/Knox'].every(isValidTimeZone)).toBe(true);
    expect(['', 'Chicago', 'Mars/Olympus_Mons', '+05:30', '-0800'].some(isValidTimeZone)).toBe(false);
  });
});

// [what the user sees, ZIP, state, zone, assumed]. Every ZIP here is resolved at its own centre point
// (postal-zones.ts), so none is a guess any more, including those in prefixes that straddle a line.
type ZipCase = readonly [string, string, string, string, boolean];

const splitStateCases: Record<string, readonly ZipCase[]> = {
  Florida: [
    ['a Pensacola ZIP is shown in Central time', '32501', 'FL', CT, false],
    ['a Tallahassee ZIP is shown in Eastern time', '32301', 'FL', ET, false],
    ['a Miami ZIP is shown in Eastern time', '33131', 'FL', ET, false],
    ['a Panama City ZIP is shown in Central time', '32401', 'FL', CT, false],
    ['a Port St. Joe ZIP is shown in Eastern time although its neighbours are Central', '32456', 'FL', ET, false],
  ],
  Indiana: [
    ['a Gary ZIP is shown in Central time', '46402', 'IN', CT, false],
    ['an Evansville ZIP is shown in Central time', '47708', 'IN', CT, false],
    ['an Indianapolis ZIP is shown in Eastern time', '46204', 'IN', INDY, false],
    ['a Fort Wayne ZIP is shown in Eastern time', '46802', 'IN', INDY, false],
    ['a Knox (Starke County) ZIP is shown in Central time', '46534', 'IN', 'America/Indiana/Knox', false],
    ['a Tell City ZIP is shown in Central time', '47586', 'IN', 'America/Indiana/Tell_City', false],
    ['a Lafayette-area ZIP is shown in Eastern time', '47901', 'IN', INDY, false],
  ],
  Kentucky: [
    ['a Paducah ZIP is shown in Central time', '42001', 'KY', CT, false],
    ['a Bowling Green ZIP is shown in Central time', '42101', 'KY', CT, false],
    ['a Louisville ZIP is shown in Eastern time', '40202', 'KY', 'America/Kentucky/Louisville', false],
    ['a Lexington ZIP is shown in Eastern time', '40507', 'KY', ET, false],
    ['an Elizabethtown ZIP is shown in Eastern time', '42701', 'KY', ET, false],
    ['a Columbia (Adair County) ZIP is shown in Central time', '42728', 'KY', CT, false],
  ],
  Tennessee: [
    ['a Nashville ZIP is shown in Central time', '37203', 'TN', CT, false],
    ['a Memphis ZIP is shown in Central time', '38103', 'TN', CT, false],
    ['a Knoxville ZIP is shown in Eastern time', '37902', 'TN', ET, false],
    ['a Chattanooga ZIP is shown in Eastern time', '37402', 'TN', ET, false],
    ['a Tullahoma ZIP is shown in Central time', '37388', 'TN', CT, false],
    ['a Cleveland, TN ZIP is shown in Eastern time', '37311', 'TN', ET, false],
  ],
  Michigan: [
    ['a Detroit ZIP is shown in Eastern time', '48226', 'MI', 'America/Detroit', false],
    ['a Marquette ZIP is shown in Eastern time', '49855', 'MI', 'America/Detroit', false],
    ['an Iron Mountain ZIP is shown in Central time', '49801', 'MI', CT, false],
    ['an Ironwood ZIP is shown in Central time', '49938', 'MI', CT, false],
  ],
  Texas: [
    ['a Dallas ZIP is shown in Central time', '75201', 'TX', CT, false],
    ['an El Paso ZIP is shown in Mountain time', '79901', 'TX', MT, false],
    ['an El Paso 885 ZIP is shown in Mountain time', '88510', 'TX', MT, false],
    ['an Alpine ZIP is shown in Central time', '79830', 'TX', CT, false],
    ['a Fabens ZIP is shown in Mountain time', '79838', 'TX', MT, false],
    ['an IRS Austin ZIP (733) is shown in Central time', '73301', 'TX', CT, false],
  ],
  Idaho: [
    ['a Boise ZIP is shown in Mountain time', '83702', 'ID', 'America/Boise', false],
    ["a Coeur d'Alene ZIP is shown in Pacific time", '83814', 'ID', PT, false],
    ['a Lewiston ZIP is shown in Pacific time', '83501', 'ID', PT, false],
  ],
  Oregon: [
    ['a Portland ZIP is shown in Pacific time', '97201', 'OR', PT, false],
    ['an Ontario, OR ZIP is shown in Mountain time', '97914', 'OR', 'America/Boise', false],
  ],
  Nebraska: [
    ['an Omaha ZIP is shown in Central time', '68102', 'NE', CT, false],
    ['a North Platte ZIP is shown in Central time', '69101', 'NE', CT, false],
    ['an Ogallala ZIP is shown in Mountain time', '69153', 'NE', MT, false],
    ['a Scottsbluff ZIP is shown in Mountain time', '69361', 'NE', MT, false],
  ],
  Kansas: [
    ['a Wichita ZIP is shown in Central time', '67202', 'KS', CT, false],
    ['a Goodland ZIP is shown in Mountain time', '67735', 'KS', MT, false],
    ['a Colby ZIP is shown in Central time', '67701', 'KS', CT, false],
  ],
  'North Dakota': [
    ['a Fargo ZIP is shown in Central time', '58102', 'ND', CT, false],
    ['a Dickinson ZIP is shown in Mountain time', '58601', 'ND', MT, false],
    ['a Williston ZIP is shown in Central time', '58801', 'ND', CT, false],
  ],
  'South Dakota': [
    ['a Sioux Falls ZIP is shown in Central time', '57104', 'SD', CT, false],
    ['a Rapid City ZIP is shown in Mountain time', '57701', 'SD', MT, false],
    ['a Mobridge ZIP is shown in Central time', '57601', 'SD', CT, false],
    ['an Eagle Butte ZIP is shown in Mountain time', '57625', 'SD', MT, false],
    ['a Kadoka ZIP is shown in Mountain time', '57543', 'SD', MT, false],
  ],
  Nevada: [
    ['a Las Vegas ZIP is shown in Pacific time', '89101', 'NV', PT, false],
    ['a West Wendover ZIP is shown in Mountain time', '89883', 'NV', MT, false],
    ['an Elko ZIP is shown in Pacific time', '89801', 'NV', PT, false],
  ],
  Arizona: [
    ['a Phoenix ZIP is shown in Arizona time, without DST', '85004', 'AZ', 'America/Phoenix', false],
    ['a Tuba City (Navajo Nation) ZIP is shown in Mountain time with DST', '86045', 'AZ', MT, false],
    ['a Window Rock ZIP is shown in Mountain time with DST', '86515', 'AZ', MT, false],
    ['a Flagstaff ZIP is shown in Arizona time', '86001', 'AZ', 'America/Phoenix', false],
  ],
  Alaska: [
    ['an Anchorage ZIP is shown in Alaska time', '99501', 'AK', 'America/Anchorage', false],
    ['an Adak ZIP is shown in Hawaii-Aleutian time', '99546', 'AK', 'America/Adak', false],
  ],
  Alabama: [
    ['a Birmingham ZIP is shown in Central time', '35203', 'AL', CT, false],
    ['a Phenix City ZIP is shown in Eastern time, as the town lives by Columbus, GA', '36867', 'AL', ET, false],
  ],
  'Hawaii and territories': [
    ['a Honolulu ZIP is shown in Hawaii time', '96813', 'HI', 'Pacific/Honolulu', false],
    ['a San Juan ZIP is shown in Atlantic time', '00901', 'PR', 'America/Puerto_Rico', false],
    ['a St. Thomas ZIP is shown in Atlantic time', '00802', 'VI', 'America/St_Thomas', false],
    ['a Guam ZIP is shown in Chamorro time', '96910', 'GU', 'Pacific/Guam', false],
    ['a Saipan ZIP is shown in Chamorro time', '96950', 'MP', 'Pacific/Saipan', false],
    ['a Pago Pago ZIP is shown in Samoa time', '96799', 'AS', 'Pacific/Pago_Pago', false],
    ['a Palau ZIP is shown in Palau time', '96940', 'PW', 'Pacific/Palau', false],
    ['a Majuro ZIP is shown in Marshall Islands time', '96960', 'MH', 'Pacific/Majuro', false],
  ],
};

describe.each(Object.entries(splitStateCases))('%s', (_state, cases) => {
  it.each(cases)('%s', (_name, zip, state, zone, assumed) => {
    expect(us(zip, state)).toEqual({ zone, basis: 'postal_code', assumed });
  });
});

describe('US postal codes', () => {
  it('resolves a ZIP alone, without a state', () => {
    expect(us('32501')).toEqual({ zone: CT, basis: 'postal_code', assumed: false });
  });

  it('accepts ZIP+4 with a dash, a space or no separator', () => {
    for (const zip of ['48084-1234', '48084 1234', '480841234', ' 48084 ']) {
      expect(us(zip, 'MI')).toEqual({ zone: 'America/Detroit', basis: 'postal_code', assumed: false });
    }
  });

  it('trusts the ZIP over a state it does not belong to, but flags the guess', () => {
    expect(us('10001', 'TX')).toEqual({ zone: ET, basis: 'postal_code', assumed: true });
  });

  it('shows military APO/FPO mail in UTC, flagged, since the base could be anywhere', () => {
    for (const zip of ['09012', '34002', '96201']) {
      expect(us(zip)).toEqual({ zone: 'UTC', basis: 'fallback', assumed: true });
    }
    expect(resolveTimeZone({ country: 'US', region: 'AE' })).toEqual({ zone: 'UTC', basis: 'fallback', assumed: true });
  });

  it('falls back to the state when the ZIP is malformed or unassigned', () => {
    expect(us('4808', 'MI')).toEqual({ zone: 'America/Detroit', basis: 'region', assumed: true });
    expect(us('ABCDE', 'NY')).toEqual({ zone: ET, basis: 'region', assumed: false });
    expect(us('00000', 'CA')).toEqual({ zone: PT, basis: 'region', assumed: false });
  });

  it('shows a territory ZIP sent with the territory as its country', () => {
    expect(resolveTimeZone({ country: 'PR', postalCode: '00901' })).toEqual({
      zone: 'America/Puerto_Rico',
      basis: 'postal_code',
      assumed: false,
    });
    expect(resolveTimeZone({ country: 'MP', postalCode: '10001' }).basis).toBe('country');
  });
});

describe('US state without a usable ZIP', () => {
  it('shows a single-zone state in its zone, not flagged', () => {
    expect(resolveTimeZone({ country: 'US', region: 'NY' })).toEqual({ zone: ET, basis: 'region', assumed: false });
    expect(resolveTimeZone({ country: 'US', region: 'California' })).toEqual({ zone: PT, basis: 'region', assumed: false });
  });

  it('shows a split state in its most populous zone, flagged', () => {
    expect(resolveTimeZone({ country: 'US', region: 'TN' })).toEqual({ zone: CT, basis: 'region', assumed: true });
    expect(resolveTimeZone({ country: 'US', region: 'Indiana' })).toEqual({ zone: INDY, basis: 'region', assumed: true });
    expect(resolveTimeZone({ country: 'US', region: 'FL' })).toEqual({ zone: ET, basis: 'region', assumed: true });
  });

  it('reads state codes in any case, with or without the ISO "US-" prefix', () => {
    for (const region of ['mi', ' MI ', 'US-MI', 'us-mi', 'Michigan', 'MICHIGAN']) {
      expect(resolveTimeZone({ country: 'us', region }).zone).toBe('America/Detroit');
    }
  });

  it('shows an unknown state in Eastern time, flagged', () => {
    expect(resolveTimeZone({ country: 'US', region: 'Narnia' })).toEqual({ zone: ET, basis: 'country', assumed: true });
    expect(resolveTimeZone({ country: 'US' })).toEqual({ zone: ET, basis: 'country', assumed: true });
  });

  it('flags exactly the states that are split between zones', () => {
    const flagged = US_STATES.filter(([, zone]) => zone !== null)
      .filter(([code]) => resolveTimeZone({ country: 'US', region: code }).assumed)
      .map(([code]) => code);
    expect(flagged.sort()).toEqual(['AK', 'AL', 'AZ', 'FL', 'FM', 'ID', 'IN', 'KS', 'KY', 'MI', 'ND', 'NE', 'NV', 'OR', 'SD', 'TN', 'TX']);
  });
});

describe('Canada', () => {
  it('shows a Vancouver postal code in Pacific time', () => {
    expect(resolveTimeZone({ country: 'CA', region: 'BC', postalCode: 'V6B 1A1' })).toEqual({
      zone: 'America/Vancouver',
      basis: 'postal_code',
      assumed: false,
    });
  });

  it('shows a Cranbrook postal code in Mountain time although BC is mostly Pacific', () => {
    expect(resolveTimeZone({ country: 'CA', region: 'BC', postalCode: 'v1c2a1' }).zone).toBe('America/Edmonton');
  });

  it('shows a Kenora postal code in Central time although Ontario is mostly Eastern', () => {
    expect(resolveTimeZone({ country: 'CA', postalCode: 'P9N 1A1' }).zone).toBe('America/Winnipeg');
  });

  it('shows a Labrador City postal code in Atlantic time although Newfoundland is on its own', () => {
    expect(resolveTimeZone({ country: 'CA', postalCode: 'A2V 1A1' }).zone).toBe('America/Goose_Bay');
  });

  it('shows a Toronto postal code in Eastern time without a province', () => {
    expect(resolveTimeZone({ country: 'CA', postalCode: 'M5V 3L9' })).toEqual({
      zone: 'America/Toronto',
      basis: 'postal_code',
      assumed: false,
    });
  });

  it('flags an Iqaluit-area postal code, as Qikiqtaaluk reaches into Central time', () => {
    expect(resolveTimeZone({ country: 'CA', postalCode: 'X0A 0H0' })).toEqual({
      zone: 'America/Iqaluit',
      basis: 'postal_code',
      assumed: true,
    });
  });

  it('shows a single-zone province in its zone, and a split one flagged', () => {
    expect(resolveTimeZone({ country: 'CA', region: 'AB' })).toEqual({ zone: 'America/Edmonton', basis: 'region', assumed: false });
    expect(resolveTimeZone({ country: 'CA', region: 'Québec' })).toEqual({ zone: 'America/Toronto', basis: 'region', assumed: true });
    expect(resolveTimeZone({ country: 'CA', region: 'NL' })).toEqual({ zone: 'America/St_Johns', basis: 'region', assumed: true });
    expect(resolveTimeZone({ country: 'CA', region: 'Nova Scotia' })).toEqual({ zone: 'America/Halifax', basis: 'region', assumed: false });
  });

  it('trusts the postal code over a province it does not belong to, but flags the guess', () => {
    expect(resolveTimeZone({ country: 'CA', region: 'QC', postalCode: 'T5J 0N3' })).toEqual({
      zone: 'America/Edmonton',
      basis: 'postal_code',
      assumed: true,
    });
  });

  it('shows Canada with no province in Eastern time, flagged', () => {
    expect(resolveTimeZone({ country: 'ca' })).toEqual({ zone: 'America/Toronto', basis: 'country', assumed: true });
  });
});

describe('other countries', () => {
  it.each([
    ['DE', 'Europe/Berlin'],
    ['gb', 'Europe/London'],
    ['UK', 'Europe/London'],
    ['JP', 'Asia/Tokyo'],
    ['IN', 'Asia/Kolkata'],
    ['KR', 'Asia/Seoul'],
    ['CO', 'America/Bogota'],
  ])('shows a single-zone country (%s) in its zone, not flagged', (country, zone) => {
    expect(resolveTimeZone({ country, region: 'anything', postalCode: '12345' })).toEqual({ zone, basis: 'country', assumed: false });
  });

  it.each([
    ['RU', 'Europe/Moscow'],
    ['ID', 'Asia/Jakarta'],
    ['MX', 'America/Mexico_City'],
    ['BR', 'America/Sao_Paulo'],
    ['AU', 'Australia/Sydney'],
  ])('shows a multi-zone country (%s) without region in its most populous zone, flagged', (country, zone) => {
    expect(resolveTimeZone({ country })).toEqual({ zone, basis: 'country', assumed: true });
  });

  it('shows Mexican states in their own zones', () => {
    expect(resolveTimeZone({ country: 'MX', region: 'BCN' })).toEqual({ zone: 'America/Tijuana', basis: 'region', assumed: false });
    expect(resolveTimeZone({ country: 'MX', region: 'Quintana Roo' }).zone).toBe('America/Cancun');
    expect(resolveTimeZone({ country: 'MX', region: 'Sonora' }).zone).toBe('America/Hermosillo');
    expect(resolveTimeZone({ country: 'MX', postalCode: '06600' })).toEqual({
      zone: 'America/Mexico_City',
      basis: 'postal_code',
      assumed: false,
    });
    expect(resolveTimeZone({ country: 'MX', postalCode: '32000' }).zone).toBe('America/Ciudad_Juarez');
  });

  it('shows Brazilian states in their own zones', () => {
    expect(resolveTimeZone({ country: 'BR', region: 'AM' })).toEqual({ zone: 'America/Manaus', basis: 'region', assumed: true });
    expect(resolveTimeZone({ country: 'BR', region: 'Acre' }).zone).toBe('America/Rio_Branco');
    expect(resolveTimeZone({ country: 'BR', postalCode: '01310-100' })).toEqual({
      zone: 'America/Sao_Paulo',
      basis: 'postal_code',
      assumed: false,
    });
    expect(resolveTimeZone({ country: 'BR', region: 'PE', postalCode: '53990-000' }).zone).toBe('America/Noronha');
  });

  it('shows Australian states in their own zones', () => {
    expect(resolveTimeZone({ country: 'AU', region: 'QLD' })).toEqual({ zone: 'Australia/Brisbane', basis: 'region', assumed: false });
    expect(resolveTimeZone({ country: 'AU', region: 'Western Australia' }).zone).toBe('Australia/Perth');
    expect(resolveTimeZone({ country: 'AU', postalCode: '2880' }).zone).toBe('Australia/Broken_Hill');
    expect(resolveTimeZone({ country: 'AU', postalCode: '2000' })).toEqual({
      zone: 'Australia/Sydney',
      basis: 'postal_code',
      assumed: false,
    });
  });

  it('shows the Canary Islands and the Azores an hour behind the mainland', () => {
    expect(resolveTimeZone({ country: 'ES', postalCode: '35001' }).zone).toBe('Atlantic/Canary');
    expect(resolveTimeZone({ country: 'ES', region: 'Canarias' }).zone).toBe('Atlantic/Canary');
    expect(resolveTimeZone({ country: 'ES', postalCode: '28001' })).toEqual({ zone: 'Europe/Madrid', basis: 'postal_code', assumed: false });
    expect(resolveTimeZone({ country: 'ES' })).toEqual({ zone: 'Europe/Madrid', basis: 'country', assumed: true });
    expect(resolveTimeZone({ country: 'PT', postalCode: '9500-321' }).zone).toBe('Atlantic/Azores');
    expect(resolveTimeZone({ country: 'PT', postalCode: '1100-148' }).zone).toBe('Europe/Lisbon');
  });

  it('shows a French overseas postcode in its local zone', () => {
    expect(resolveTimeZone({ country: 'FR', postalCode: '97400' }).zone).toBe('Indian/Reunion');
    expect(resolveTimeZone({ country: 'FR', postalCode: '75001' })).toEqual({ zone: 'Europe/Paris', basis: 'postal_code', assumed: false });
    expect(resolveTimeZone({ country: 'FR' })).toEqual({ zone: 'Europe/Paris', basis: 'country', assumed: false });
  });

  it('shows an unknown country in UTC, flagged', () => {
    for (const country of ['ZZ', '', 'USA', 'Germany']) {
      expect(resolveTimeZone({ country, region: 'MI', postalCode: '48084' })).toEqual({ zone: 'UTC', basis: 'fallback', assumed: true });
    }
  });
});

describe('data tables', () => {
  it('only ever returns zones this Node runtime knows', () => {
    const invalid = knownZones().filter((zone) => !isValidTimeZone(zone));
    expect(invalid).toEqual([]);
  });

  it('covers every country table entry with a valid zone', () => {
    for (const country of [...Object.keys(SINGLE_ZONE_COUNTRIES), ...Object.keys(MULTI_ZONE_COUNTRIES)]) {
      expect(isValidTimeZone(resolveTimeZone({ country }).zone), country).toBe(true);
    }
  });

  it('resolves every state, province and region code to a valid zone', () => {
    const regions: [string, readonly string[]][] = [
      ['US', US_STATES.filter(([, zone]) => zone !== null).map(([code]) => code)],
      ['CA', PROVINCES.map(([code]) => code)],
      ['MX', MX_STATES.map(([code]) => code)],
      ['BR', BR_STATES.map(([code]) => code)],
      ['AU', AU_STATES.map(([code]) => code)],
    ];
    for (const [country, codes] of regions) {
      for (const region of codes) {
        const result = resolveTimeZone({ country, region });
        expect(result.basis, `${country}-${region}`).toBe('region');
        expect(isValidTimeZone(result.zone), `${country}-${region}`).toBe(true);
      }
    }
  });

  it('maps every US ZIP3 in the state ranges to a valid zone, or to the fallback for military mail', () => {
    let mapped = 0;
    for (let zip3 = 0; zip3 < 1000; zip3++) {
      const zip = `${String(zip3).padStart(3, '0')}01`;
      const info = ZIP3_TABLE[zip3];
      const result = us(zip);
      if (!info) {
        expect(result.basis, zip).toBe('country');
        continue;
      }
      mapped++;
      if (info.zone === null) expect(result, zip).toEqual({ zone: 'UTC', basis: 'fallback', assumed: true });
      else expect(isValidTimeZone(result.zone), zip).toBe(true);
    }
    expect(mapped).toBeGreaterThan(900);
  });

  it('only overrides ZIP3s inside states that are flagged as split', () => {
    for (const [from, to] of ZIP3_ZONES) {
      for (let zip3 = from; zip3 <= to; zip3++) {
        const state = ZIP3_STATES.find(([lo, hi]) => zip3 >= lo && zip3 <= hi)?.[2];
        expect(state && usStateRow(state)?.[2], `ZIP3 ${zip3}`).toBe(true);
      }
    }
  });

  it('never throws and always returns a usable zone, whatever the input', () => {
    const text = fc.option(fc.string({ maxLength: 12 }), { nil: undefined });
    const destination = fc.record({
      timeZone: fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...knownZones())), { nil: null }),
      country: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('US', 'CA', 'MX', 'BR', 'AU', 'ES', 'PT', 'FR', 'PR', 'DE')),
      region: text,
      postalCode: fc.oneof(text, fc.stringMatching(/^\d{5}(-\d{4})?$/), fc.stringMatching(/^[A-Z]\d[A-Z] ?\d[A-Z]\d$/)),
    }) satisfies fc.Arbitrary<Destination>;
    fc.assert(
      fc.property(destination, (dest) => {
        const result = resolveTimeZone(dest);
        expect(isValidTimeZone(result.zone)).toBe(true);
        expect(['given', 'postal_code', 'region', 'country', 'fallback']).toContain(result.basis);
        expect(typeof result.assumed).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
