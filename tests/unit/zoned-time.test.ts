import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDate, localMinutes, zonedInstant } from '../../src/domain/zoned-time';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('localDate: the calendar day the customer is living in', () => {
  it.each([
    ['2026-11-27T03:00:00Z', 'America/Los_Angeles', '2026-11-26'],
    ['2026-11-27T03:00:00Z', 'America/New_York', '2026-11-26'],
    ['2026-11-27T03:00:00Z', 'UTC', '2026-11-27'],
    ['2026-11-27T03:00:00Z', 'Asia/Tokyo', '2026-11-27'],
    ['2026-11-27T10:00:00Z', 'Pacific/Kiritimati', '2026-11-28'],
    ['2026-11-27T10:00:00Z', 'Pacific/Pago_Pago', '2026-11-26'],
  ])('%s is %s in %s', (instant, zone, expected) => {
    expect(localDate(at(instant), zone)).toBe(expected);
  });

  it('New Year arrives at local midnight, not UTC midnight', () => {
    expect(localDate(at('2027-01-01T04:59:59Z'), 'America/New_York')).toBe('2026-12-31');
    expect(localDate(at('2027-01-01T05:00:00Z'), 'America/New_York')).toBe('2027-01-01');
    expect(localDate(at('2026-12-31T12:59:59Z'), 'Australia/Sydney')).toBe('2026-12-31');
    expect(localDate(at('2026-12-31T13:00:00Z'), 'Australia/Sydney')).toBe('2027-01-01');
  });

  it('month ends roll over at local midnight', () => {
    expect(localDate(at('2026-03-01T07:59:00Z'), 'America/Los_Angeles')).toBe('2026-02-28');
    expect(localDate(at('2026-03-01T08:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-01');
  });
});

describe('localMinutes: the wall-clock time of day', () => {
  it('local midnight is 0 minutes, not 24:00', () => {
    expect(localMinutes(at('2026-11-27T05:00:00Z'), 'America/New_York')).toBe(0);
    expect(localMinutes(at('2026-11-27T00:00:00Z'), 'UTC')).toBe(0);
  });

  it('half- and quarter-hour zones count their odd offsets', () => {
    expect(localMinutes(at('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5 * 60 + 30);
    expect(localMinutes(at('2026-01-01T00:00:00Z'), 'Asia/Kathmandu')).toBe(5 * 60 + 45);
  });

  it('US spring-forward: 1:59 AM EST is followed by 3:00 AM EDT', () => {
    expect(localMinutes(at('2026-03-08T06:59:00Z'), 'America/New_York')).toBe(1 * 60 + 59);
    expect(localMinutes(at('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(3 * 60);
  });

  it('US fall-back: 1:30 AM shows twice, an hour apart', () => {
    expect(localMinutes(at('2026-11-01T05:30:00Z'), 'America/New_York')).toBe(90);
    expect(localMinutes(at('2026-11-01T06:30:00Z'), 'America/New_York')).toBe(90);
    expect(localDate(at('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('2026-11-01');
  });

  it('the evening hours the delivery window depends on follow DST', () => {
    // 6:30 PM EDT on the spring-forward day; with last week's EST offset it would read 5:30 PM.
    expect(localMinutes(at('2026-03-08T22:30:00Z'), 'America/New_York')).toBe(18 * 60 + 30);
    expect(localMinutes(at('2026-03-07T22:30:00Z'), 'America/New_York')).toBe(17 * 60 + 30);
  });
});

describe('addDays: calendar arithmetic on local dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-07', 1, '2026-03-08'],
    ['2026-03-08', 1, '2026-03-09'],
    ['2026-10-31', 1, '2026-11-01'],
    ['2026-11-27', 0, '2026-11-27'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 366, '2029-01-01'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('daysBetween: whole calendar days between local dates', () => {
  it.each([
    ['2026-11-27', '2026-11-27', 0],
    ['2026-03-07', '2026-03-09', 2],
    ['2026-10-31', '2026-11-02', 2],
    ['2026-12-31', '2027-01-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-02-28', '2026-03-01', 1],
    ['2026-11-27', '2026-11-20', -7],
  ])('%s → %s is %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('undoes addDays for any date and offset', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -2000, max: 2000 }),
        (d, n) => {
          const date = d.toISOString().slice(0, 10);
          expect(daysBetween(date, addDays(date, n))).toBe(n);
        },
      ),
    );
  });
});

describe('zonedInstant: a local wall time as an exact instant', () => {
  it.each([
    ['2026-11-27', 8, 0, 'America/New_York', '2026-11-27T13:00:00.000Z'],
    ['2026-11-27', 20, 0, 'America/Los_Angeles', '2026-11-28T04:00:00.000Z'],
    ['2026-07-15', 8, 0, 'America/Phoenix', '2026-07-15T15:00:00.000Z'],
    ['2026-01-15', 8, 0, 'Europe/London', '2026-01-15T08:00:00.000Z'],
    ['2026-07-15', 8, 0, 'Europe/London', '2026-07-15T07:00:00.000Z'],
    ['2026-07-15', 8, 0, 'Australia/Sydney', '2026-07-14T22:00:00.000Z'],
    ['2026-01-15', 22, 0, 'Australia/Sydney', '2026-01-15T11:00:00.000Z'],
    ['2026-01-15', 9, 15, 'Asia/Kathmandu', '2026-01-15T03:30:00.000Z'],
    ['2026-12-31', 23, 30, 'America/New_York', '2027-01-01T04:30:00.000Z'],
  ])('%s %i:%i in %s is %s', (date, hour, minute, zone, expected) => {
    expect(iso(zonedInstant(date, hour, minute, zone))).toBe(expected);
  });

  describe('a skipped wall time (spring-forward gap) moves forward by the gap', () => {
    it.each([
      ['2026-03-08', 2, 30, 'America/New_York', '2026-03-08T07:30:00.000Z'], // 3:30 AM EDT
      ['2026-03-08', 2, 30, 'America/Los_Angeles', '2026-03-08T10:30:00.000Z'], // 3:30 AM PDT
      ['2026-03-29', 1, 30, 'Europe/London', '2026-03-29T01:30:00.000Z'], // 2:30 AM BST
      ['2026-10-04', 2, 30, 'Australia/Sydney', '2026-10-03T16:30:00.000Z'], // 3:30 AM AEDT
    ])('%s %i:%i in %s → %s', (date, hour, minute, zone, expected) => {
      expect(iso(zonedInstant(date, hour, minute, zone))).toBe(expected);
    });

    it('the hours either side of the gap are exact', () => {
      expect(iso(zonedInstant('2026-03-08', 1, 59, 'America/New_York'))).toBe('2026-03-08T06:59:00.000Z');
      expect(iso(zonedInstant('2026-03-08', 3, 0, 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    });
  });

  describe('a repeated wall time (fall-back overlap) is the earlier of the two, in every hemisphere', () => {
    it.each([
      ['2026-11-01', 1, 30, 'America/New_York', '2026-11-01T05:30:00.000Z'], // 1:30 AM EDT
      ['2026-11-01', 1, 30, 'America/Los_Angeles', '2026-11-01T08:30:00.000Z'], // 1:30 AM PDT
      ['2026-10-25', 1, 30, 'Europe/London', '2026-10-25T00:30:00.000Z'], // 1:30 AM BST
      ['2026-10-25', 2, 30, 'Europe/Berlin', '2026-10-25T00:30:00.000Z'], // 2:30 AM CEST
      ['2026-04-05', 2, 30, 'Australia/Sydney', '2026-04-04T15:30:00.000Z'], // 2:30 AM AEDT
    ])('%s %i:%i in %s → %s', (date, hour, minute, zone, expected) => {
      expect(iso(zonedInstant(date, hour, minute, zone))).toBe(expected);
    });
  });

  it('Phoenix keeps one offset all year, while the rest of the US changes', () => {
    for (const date of ['2026-03-08', '2026-11-01', '2026-01-15', '2026-07-15']) {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      expect(zonedInstant(date, 8, 0, 'America/Phoenix').getTime()).toBe(Date.UTC(y, m - 1, d, 15));
    }
  });

  const zones = [
    'America/New_York', 'America/Los_Angeles', 'America/Phoenix', 'America/Santiago', 'Europe/London',
    'Europe/Berlin', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC',
  ];

  it('every wall time that exists maps back to itself, at the earliest instant showing it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1) / 60_000, max: Date.UTC(2028, 0, 1) / 60_000 }),
        fc.constantFrom(...zones),
        (minute, zone) => {
          const instant = new Date(minute * 60_000);
          const date = localDate(instant, zone);
          const mins = localMinutes(instant, zone);
          const got = zonedInstant(date, Math.floor(mins / 60), mins % 60, zone);
          expect(localDate(got, zone)).toBe(date);
          expect(localMinutes(got, zone)).toBe(mins);
          expect(got.getTime()).toBeLessThanOrEqual(instant.getTime());
          // Nothing in between shows that wall time an hour (or half hour) earlier: it is the earlier match.
          expect(instant.getTime() - got.getTime()).toBeLessThanOrEqual(60 * 60_000);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('does not depend on the machine’s own time zone', () => {
    const saved = process.env.TZ;
    try {
      const results = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Kiritimati'].map((tz) => {
        process.env.TZ = tz;
        return [
          iso(zonedInstant('2026-03-08', 8, 0, 'America/New_York')),
          iso(zonedInstant('2026-11-01', 1, 30, 'America/New_York')),
          localDate(at('2026-11-27T03:00:00Z'), 'America/Los_Angeles'),
        ];
      });
      for (const r of results) expect(r).toEqual(['2026-03-08T12:00:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-26']);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
