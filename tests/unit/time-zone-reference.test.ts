import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveTimeZone } from '../../src/domain/time-zone';
import { LOCAL_TIME_OVERRIDES } from '../../src/domain/time-zone/local-time';
import {
  CA_FSA_ZONES,
  encodeMembers,
  encodeRuns,
  fsaIndex,
  POSTAL_ZONES,
  PostalZoneTable,
  US_ZIP_ZONES,
} from '../../src/domain/time-zone/postal-zones';
import {
  clockOf,
  compareWithReference,
  generatedTableSource,
  loadReference,
  sameClock,
  tableEntries,
  type Comparison,
  type Reference,
} from '../support/zip-zones';

// The whole postal-code table against the map: every US ZIP and Canadian FSA centre point in the
// `zipcodes` package, with the zone geo-tz's boundary polygons give there. Zones are compared by
// their clocks (UTC offsets through 2026–2027), not their names.

const GENERATED = fileURLToPath(new URL('../../src/domain/time-zone/postal-zones.generated.ts', import.meta.url));

let reference: Reference;
let us: Comparison;
let ca: Comparison;

beforeAll(() => {
  reference = loadReference();
  us = compareWithReference('US', (postalCode) => resolveTimeZone({ country: 'US', postalCode }));
  ca = compareWithReference('CA', (postalCode) => resolveTimeZone({ country: 'CA', postalCode }));
}, 60_000);

const show = (misses: Comparison['silent']) => misses.map((m) => `${m.code} ${m.place}: ${m.got}, map says ${m.reference}`);

describe('every US ZIP against the map', () => {
  it('covers the whole data set', () => {
    expect(us.compared).toBeGreaterThan(41_800);
    expect(us.agree + us.silent.length + us.assumed.length + us.overridden.length).toBe(us.compared);
  });

  it('is never silently wrong: a ZIP not flagged as assumed keeps the map’s clock', () => {
    expect(show(us.silent)).toEqual([]);
  });

  it('is wrong in at most 20 ZIPs flagged as assumed', () => {
    expect(us.assumed.length).toBeLessThanOrEqual(20);
  });

  it('differs from the map only in the named towns that keep a neighbour’s time', () => {
    const named = LOCAL_TIME_OVERRIDES.filter((o) => o.country === 'US').flatMap((o) => o.codes);
    expect(us.overridden.map((m) => m.code).sort()).toEqual([...named].sort());
  });
});

describe('every Canadian FSA against the map', () => {
  it('is never silently wrong, and wrong in at most 20 flagged FSAs', () => {
    expect(ca.compared).toBeGreaterThan(1_500);
    expect(show(ca.silent)).toEqual([]);
    expect(ca.assumed.length).toBeLessThanOrEqual(20);
  });
});

describe('the places the prefix tables got wrong', () => {
  const CENTRAL = 'America/Chicago';
  const MOUNTAIN = 'America/Denver';
  it.each([
    ['37723', 'Crab Orchard, TN', CENTRAL],
    ['46968', 'Ora, IN', CENTRAL],
    ['58631', 'Glen Ullin, ND (Morton County, Central since 2003)', CENTRAL],
    ['58638', 'Hebron, ND (Morton County)', CENTRAL],
    ['83547', 'Pollock, ID', MOUNTAIN],
    ['83549', 'Riggins, ID', MOUNTAIN],
    ['96898', 'Wake Island (UTC+12)', 'Pacific/Tarawa'],
  ])('%s %s keeps the clock of %s', (postalCode, _place, clock) => {
    const result = resolveTimeZone({ country: 'US', postalCode });
    expect(result.assumed).toBe(false);
    expect(clockOf(result.zone)).toBe(clockOf(clock));
  });

  it('Wake Island is 12 hours ahead of UTC all year', () => {
    expect(clockOf(resolveTimeZone({ country: 'US', postalCode: '96898' }).zone)).toBe('720');
  });

  it.each([
    ['P0Y 1A0', 'Lake of the Woods east shore, ON'],
    ['S0P 0B0', 'Creighton, SK, which keeps Central time with DST like Flin Flon'],
  ])('%s %s is on Central time with DST', (postalCode) => {
    expect(sameClock(resolveTimeZone({ country: 'CA', postalCode }).zone, 'America/Winnipeg')).toBe(true);
  });

  it.each(['373', '427', '498', '691', '475', '401'])('every ZIP of prefix %s keeps the map’s clock', (prefix) => {
    const zips = reference.us.filter((place) => place.code.startsWith(prefix));
    expect(zips.length).toBeGreaterThan(10);
    const wrong = zips.filter((place) => !sameClock(resolveTimeZone({ country: 'US', postalCode: place.code }).zone, place.zone));
    expect(wrong.map((place) => place.code)).toEqual([]);
  });
});

describe('codes the data does not have', () => {
  it('a ZIP without a centre point gets its prefix’s zone, flagged', () => {
    const known = new Set(reference.us.map((place) => place.code));
    const missing = Array.from({ length: 100 }, (_, i) => String(37300 + i)).find((zip) => !known.has(zip));
    expect(missing).toBeDefined();
    expect(resolveTimeZone({ country: 'US', postalCode: missing })).toEqual({ zone: 'America/New_York', basis: 'postal_code', assumed: true });
  });

  it('a ZIP whose centre point lies abroad in the data is treated as having none', () => {
    expect(reference.misplaced).toContain('10200');
    expect(resolveTimeZone({ country: 'US', postalCode: '10200' })).toEqual({ zone: 'America/New_York', basis: 'postal_code', assumed: true });
  });

  it('an FSA without a centre point gets its province’s zone, flagged', () => {
    expect(reference.withoutCentre).toContain('V0N');
    expect(resolveTimeZone({ country: 'CA', postalCode: 'V0N 1B0' })).toEqual({ zone: 'America/Vancouver', basis: 'postal_code', assumed: true });
  });
});

describe('the generated table', () => {
  it('is what `npm run zones:generate` writes today (run it after updating zipcodes, geo-tz or local-time.ts)', () => {
    expect(readFileSync(GENERATED, 'utf8') === generatedTableSource()).toBe(true);
  }, 30_000);

  it('gives back every code it was built from', () => {
    for (const { index, zone } of tableEntries('US')) expect(US_ZIP_ZONES.zoneOf(index)).toBe(zone);
    for (const { index, zone } of tableEntries('CA')) expect(CA_FSA_ZONES.zoneOf(index)).toBe(zone);
  });

  it('encodes runs and members so that neighbours outside the data are not found', () => {
    const table = new PostalZoneTable(encodeRuns([[3, 1], [4, 1], [40, 0], [1000, 2]]), encodeMembers([3, 4, 40, 1000], 1200));
    const [z0, z1, z2] = POSTAL_ZONES;
    expect([2, 3, 4, 5, 39, 40, 41, 999, 1000, 1001, 5000, -1, 3.5].map((i) => table.zoneOf(i))).toEqual([
      undefined, z1, z1, undefined, undefined, z0, undefined, undefined, z2, undefined, undefined, undefined, undefined,
    ]);
  });

  it('numbers FSAs letter-digit-letter', () => {
    expect([fsaIndex('A0A'), fsaIndex('A0B'), fsaIndex('A1A'), fsaIndex('B0A'), fsaIndex('Z9Z'), fsaIndex('A1'), fsaIndex('1A1')]).toEqual([
      0, 1, 26, 260, 6759, undefined, undefined,
    ]);
  });
});
