import { describe, expect, it } from 'vitest';
import type { Carrier } from '../../db/schema/packages';
import { expectedArrival, type WindowInput } from '../../src/domain/delivery-window';
import type { PackageStatus, Stage, ExceptionType } from '../../src/domain/status';

const at = (iso: string) => new Date(iso);

function status(stage: Stage, exception: ExceptionType | null = null, deliveredAt: Date | null = null): PackageStatus {
  return { stage, exception, deliveredAt, latestAt: null };
}

function input(over: Partial<WindowInput> & { now: Date }): WindowInput {
  return {
    carrier: 'AMZL' as Carrier,
    zone: 'America/New_York',
    promisedDate: null,
    status: status('in_transit'),
    outForDeliveryAt: null,
    attemptedAt: null,
    carrierWindow: null,
    ...over,
  };
}

/** An AMZL window (8 AM – 8 PM, up to 10 PM) as exact UTC instants. */
function amzl(date: string, start: string, end: string, extendedEnd: string, extra: { stillToday?: boolean; late?: boolean } = {}) {
  return {
    kind: 'window',
    date,
    start: at(start),
    end: at(end),
    extendedEnd: at(extendedEnd),
    source: 'carrier_hours',
    stillToday: extra.stillToday ?? false,
    late: extra.late ?? false,
  };
}

const ofd = (outForDeliveryAt: string, now: string, zone = 'America/New_York') =>
  expectedArrival(input({ zone, status: status('out_for_delivery'), outForDeliveryAt: at(outForDeliveryAt), now: at(now) }));

describe('AMZL: 8 AM – 8 PM in the destination’s local time, some until 10 PM', () => {
  it('out for delivery this morning in Detroit: today 8 AM – 8 PM EST, up to 10 PM', () => {
    expect(ofd('2026-11-27T14:05:00Z', '2026-11-27T15:00:00Z', 'America/Detroit')).toEqual(
      amzl('2026-11-27', '2026-11-27T13:00:00Z', '2026-11-28T01:00:00Z', '2026-11-28T03:00:00Z'),
    );
  });

  it('the same scan in Los Angeles gets Pacific hours, not the server’s', () => {
    expect(ofd('2026-11-27T17:05:00Z', '2026-11-27T18:00:00Z', 'America/Los_Angeles')).toEqual(
      amzl('2026-11-27', '2026-11-27T16:00:00Z', '2026-11-28T04:00:00Z', '2026-11-28T06:00:00Z'),
    );
  });

  it('gives the same exact instants whatever the machine’s own time zone is', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Asia/Tokyo', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        expect(ofd('2026-11-27T14:05:00Z', '2026-11-27T15:00:00Z')).toEqual(
          amzl('2026-11-27', '2026-11-27T13:00:00Z', '2026-11-28T01:00:00Z', '2026-11-28T03:00:00Z'),
        );
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('at 3 AM UTC on Nov 27 it is still the evening of Nov 26 in Los Angeles, so "today" is Nov 26 there', () => {
    expect(ofd('2026-11-26T17:00:00Z', '2026-11-27T03:00:00Z', 'America/Los_Angeles')).toEqual(
      amzl('2026-11-26', '2026-11-26T16:00:00Z', '2026-11-27T04:00:00Z', '2026-11-27T06:00:00Z', { stillToday: true }),
    );
  });

  it('a promised date with the package in transit: that day’s window', () => {
    const got = expectedArrival(input({ promisedDate: '2026-11-27', now: at('2026-11-25T15:00:00Z') }));
    expect(got).toEqual(amzl('2026-11-27', '2026-11-27T13:00:00Z', '2026-11-28T01:00:00Z', '2026-11-28T03:00:00Z'));
  });
});

describe('late in the day while out for delivery', () => {
  it('at 5:59 PM it is an ordinary window', () => {
    expect(ofd('2026-11-27T14:00:00Z', '2026-11-27T22:59:00Z')).toMatchObject({ date: '2026-11-27', stillToday: false, late: false });
  });

  it('from 6 PM the page says it can still come today', () => {
    expect(ofd('2026-11-27T14:00:00Z', '2026-11-27T23:00:00Z')).toMatchObject({ date: '2026-11-27', stillToday: true, late: false });
  });

  it('after 8 PM, before 10 PM, it can still come today', () => {
    expect(ofd('2026-11-27T14:00:00Z', '2026-11-28T02:59:00Z')).toEqual(
      amzl('2026-11-27', '2026-11-27T13:00:00Z', '2026-11-28T01:00:00Z', '2026-11-28T03:00:00Z', { stillToday: true }),
    );
  });

  it('from 10 PM local and still out for delivery: tomorrow, and late', () => {
    expect(ofd('2026-11-27T14:00:00Z', '2026-11-28T03:00:00Z')).toEqual(
      amzl('2026-11-28', '2026-11-28T13:00:00Z', '2026-11-29T01:00:00Z', '2026-11-29T03:00:00Z', { late: true }),
    );
  });

  it('out for delivery since yesterday, seen the next morning: today, and late', () => {
    expect(ofd('2026-11-27T14:00:00Z', '2026-11-28T12:00:00Z')).toEqual(
      amzl('2026-11-28', '2026-11-28T13:00:00Z', '2026-11-29T01:00:00Z', '2026-11-29T03:00:00Z', { late: true }),
    );
  });
});

describe('the carrier’s own window', () => {
  const carrierWindow = { start: at('2026-11-27T19:00:00Z'), end: at('2026-11-27T21:00:00Z') };

  it('wins over the carrier’s usual hours while it is not over', () => {
    const got = expectedArrival(input({ status: status('out_for_delivery'), outForDeliveryAt: at('2026-11-27T14:00:00Z'), carrierWindow, now: at('2026-11-27T20:59:00Z') }));
    expect(got).toEqual({
      kind: 'window', date: '2026-11-27', start: carrierWindow.start, end: carrierWindow.end,
      extendedEnd: null, source: 'carrier', stillToday: false, late: false,
    });
  });

  it('its date is the destination’s local date of its start', () => {
    const w = { start: at('2026-11-27T02:00:00Z'), end: at('2026-11-27T04:00:00Z') }; // 6–8 PM PST on Nov 26
    const got = expectedArrival(input({ zone: 'America/Los_Angeles', carrierWindow: w, now: at('2026-11-26T20:00:00Z') }));
    expect(got).toMatchObject({ source: 'carrier', date: '2026-11-26' });
  });

  it('once over, the usual hours take over again', () => {
    const got = expectedArrival(input({ status: status('out_for_delivery'), outForDeliveryAt: at('2026-11-27T14:00:00Z'), carrierWindow, now: at('2026-11-27T21:00:00Z') }));
    expect(got).toMatchObject({ source: 'carrier_hours', date: '2026-11-27', stillToday: false, late: false });
  });
});

describe('exceptions', () => {
  it('delivery attempted: the next day’s window', () => {
    const got = expectedArrival(input({
      status: status('out_for_delivery', 'delivery_attempted'),
      attemptedAt: at('2026-11-27T21:00:00Z'),
      now: at('2026-11-27T21:30:00Z'),
    }));
    expect(got).toEqual(amzl('2026-11-28', '2026-11-28T13:00:00Z', '2026-11-29T01:00:00Z', '2026-11-29T03:00:00Z'));
  });

  it('delivery attempted late in the evening local time (already tomorrow in UTC): next local day', () => {
    // 9:30 PM PST on Nov 26 is 05:30Z on Nov 27: the retry is Nov 27 in Los Angeles, not Nov 28.
    const got = expectedArrival(input({
      zone: 'America/Los_Angeles',
      status: status('out_for_delivery', 'delivery_attempted'),
      attemptedAt: at('2026-11-27T05:30:00Z'),
      now: at('2026-11-27T05:45:00Z'),
    }));
    expect(got).toEqual(amzl('2026-11-27', '2026-11-27T16:00:00Z', '2026-11-28T04:00:00Z', '2026-11-28T06:00:00Z'));
  });

  it('delivery attempted two days ago and nothing since: today, not a day in the past', () => {
    const got = expectedArrival(input({
      status: status('out_for_delivery', 'delivery_attempted'),
      attemptedAt: at('2026-11-25T21:00:00Z'),
      now: at('2026-11-27T15:00:00Z'),
    }));
    expect(got).toMatchObject({ kind: 'window', date: '2026-11-27' });
  });

  it('delayed with a promised date still ahead: that day’s window', () => {
    const got = expectedArrival(input({ status: status('in_transit', 'delayed'), promisedDate: '2026-11-29', now: at('2026-11-27T15:00:00Z') }));
    expect(got).toEqual(amzl('2026-11-29', '2026-11-29T13:00:00Z', '2026-11-30T01:00:00Z', '2026-11-30T03:00:00Z'));
  });

  it('delayed, promised today, and it is past 10 PM local: no made-up date', () => {
    expect(expectedArrival(input({ status: status('in_transit', 'delayed'), promisedDate: '2026-11-27', now: at('2026-11-28T03:00:00Z') }))).toBeNull();
  });

  it('delivery attempted yesterday and no news by 10 PM today: tomorrow’s window, not today’s', () => {
    const got = expectedArrival(input({
      status: status('out_for_delivery', 'delivery_attempted'),
      attemptedAt: at('2026-11-26T21:00:00Z'),
      now: at('2026-11-28T03:30:00Z'), // 10:30 PM EST on Nov 27, the retry day
    }));
    expect(got).toEqual(amzl('2026-11-28', '2026-11-28T13:00:00Z', '2026-11-29T01:00:00Z', '2026-11-29T03:00:00Z'));
  });

  it('delayed past the promised date, or with none: no made-up date', () => {
    expect(expectedArrival(input({ status: status('in_transit', 'delayed'), promisedDate: '2026-11-26', now: at('2026-11-27T15:00:00Z') }))).toBeNull();
    expect(expectedArrival(input({ status: status('in_transit', 'delayed'), now: at('2026-11-27T15:00:00Z') }))).toBeNull();
  });

  it.each(['returning', 'returned', 'lost', 'cancelled', 'available_for_pickup'] as const)('%s: nothing to expect', (exception) => {
    const got = expectedArrival(input({
      status: status('out_for_delivery', exception),
      promisedDate: '2026-11-29',
      carrierWindow: { start: at('2026-11-27T19:00:00Z'), end: at('2026-11-27T21:00:00Z') },
      now: at('2026-11-27T15:00:00Z'),
    }));
    expect(got).toBeNull();
  });
});

describe('promised dates and missing carriers', () => {
  it('past the promised date while in transit: "by" that date, marked late', () => {
    const got = expectedArrival(input({ promisedDate: '2026-11-26', now: at('2026-11-27T15:00:00Z') }));
    expect(got).toEqual({ kind: 'by_date', date: '2026-11-26', late: true });
  });

  it('the promised date is "today" until local midnight, not UTC midnight', () => {
    // 9 PM PST on Nov 26 is 05:00Z on Nov 27: still on time in Los Angeles.
    const got = expectedArrival(input({ zone: 'America/Los_Angeles', promisedDate: '2026-11-26', now: at('2026-11-27T05:00:00Z') }));
    expect(got).toEqual(amzl('2026-11-26', '2026-11-26T16:00:00Z', '2026-11-27T04:00:00Z', '2026-11-27T06:00:00Z'));
    // and with no carrier hours to go by, still "by Nov 26" at 11 PM local
    expect(expectedArrival(input({ carrier: null, promisedDate: '2026-11-26', now: at('2026-11-27T04:00:00Z') }))).toEqual({
      kind: 'by_date', date: '2026-11-26', late: false,
    });
  });

  it('on the promised day, in transit: today’s window until the last delivery hour (10 PM for AMZL)', () => {
    const got = expectedArrival(input({ promisedDate: '2026-11-27', now: at('2026-11-28T02:59:00Z') })); // 9:59 PM EST
    expect(got).toEqual(amzl('2026-11-27', '2026-11-27T13:00:00Z', '2026-11-28T01:00:00Z', '2026-11-28T03:00:00Z'));
  });

  it('on the promised day after 10 PM local, still in transit: running late, not "today 8 AM – 8 PM"', () => {
    const got = expectedArrival(input({ promisedDate: '2026-11-27', now: at('2026-11-28T03:30:00Z') })); // 10:30 PM EST
    expect(got).toEqual({ kind: 'by_date', date: '2026-11-27', late: true });
  });

  it('no carrier yet (no package): by the promised date', () => {
    const got = expectedArrival(input({ carrier: null, status: status('order_placed'), promisedDate: '2026-11-27', now: at('2026-11-24T15:00:00Z') }));
    expect(got).toEqual({ kind: 'by_date', date: '2026-11-27', late: false });
  });

  it('a carrier without published hours: by the promised date', () => {
    const got = expectedArrival(input({ carrier: 'OTHER', promisedDate: '2026-11-27', now: at('2026-11-24T15:00:00Z') }));
    expect(got).toEqual({ kind: 'by_date', date: '2026-11-27', late: false });
  });

  it('no promised date and not yet out for delivery: nothing to promise', () => {
    expect(expectedArrival(input({ now: at('2026-11-24T15:00:00Z') }))).toBeNull();
  });
});

describe('finished deliveries', () => {
  it('delivered: no expected arrival', () => {
    const got = expectedArrival(input({
      status: status('delivered', null, at('2026-11-27T18:00:00Z')),
      promisedDate: '2026-11-29',
      carrierWindow: { start: at('2026-11-27T19:00:00Z'), end: at('2026-11-27T21:00:00Z') },
      now: at('2026-11-27T18:30:00Z'),
    }));
    expect(got).toBeNull();
  });

  it('cancelled before shipping: no expected arrival', () => {
    expect(expectedArrival(input({ status: status('order_placed', 'cancelled'), promisedDate: '2026-11-29', now: at('2026-11-24T15:00:00Z') }))).toBeNull();
  });
});

describe('DST edges: the window is always 8 AM – 8 PM on the local clock', () => {
  it.each([
    // US spring-forward, Sunday 2026-03-08: EDT / PDT all day after 2 AM
    ['America/New_York', '2026-03-08', '2026-03-08T12:00:00Z', '2026-03-09T00:00:00Z', '2026-03-09T02:00:00Z'],
    ['America/Los_Angeles', '2026-03-08', '2026-03-08T15:00:00Z', '2026-03-09T03:00:00Z', '2026-03-09T05:00:00Z'],
    // US fall-back, Sunday 2026-11-01: EST / PST all day after 2 AM
    ['America/New_York', '2026-11-01', '2026-11-01T13:00:00Z', '2026-11-02T01:00:00Z', '2026-11-02T03:00:00Z'],
    ['America/Los_Angeles', '2026-11-01', '2026-11-01T16:00:00Z', '2026-11-02T04:00:00Z', '2026-11-02T06:00:00Z'],
    // Phoenix: MST, no DST, on both US change days
    ['America/Phoenix', '2026-03-08', '2026-03-08T15:00:00Z', '2026-03-09T03:00:00Z', '2026-03-09T05:00:00Z'],
    ['America/Phoenix', '2026-11-01', '2026-11-01T15:00:00Z', '2026-11-02T03:00:00Z', '2026-11-02T05:00:00Z'],
    // London: GMT on Saturday, BST from 1 AM on Sunday 2026-03-29
    ['Europe/London', '2026-03-28', '2026-03-28T08:00:00Z', '2026-03-28T20:00:00Z', '2026-03-28T22:00:00Z'],
    ['Europe/London', '2026-03-29', '2026-03-29T07:00:00Z', '2026-03-29T19:00:00Z', '2026-03-29T21:00:00Z'],
    // Sydney: AEDT on Saturday, AEST from 3 AM on Sunday 2026-04-05
    ['Australia/Sydney', '2026-04-04', '2026-04-03T21:00:00Z', '2026-04-04T09:00:00Z', '2026-04-04T11:00:00Z'],
    ['Australia/Sydney', '2026-04-05', '2026-04-04T22:00:00Z', '2026-04-05T10:00:00Z', '2026-04-05T12:00:00Z'],
  ])('%s on %s', (zone, date, start, end, extendedEnd) => {
    // out for delivery at 8:30 local, looked at around 10 local: an ordinary window
    const scan = new Date(at(start).getTime() + 30 * 60_000).toISOString();
    const now = new Date(at(start).getTime() + 2 * 60 * 60_000).toISOString();
    expect(ofd(scan, now, zone)).toEqual(amzl(date, start, end, extendedEnd));
  });

  it('spring-forward evening in New York: 6:30 PM EDT already counts as late in the day', () => {
    // 22:30Z is 6:30 PM EDT; with the previous day's EST offset it would wrongly read 5:30 PM.
    expect(ofd('2026-03-08T13:00:00Z', '2026-03-08T22:30:00Z')).toMatchObject({ date: '2026-03-08', stillToday: true, late: false });
  });

  it('spring-forward night in New York: 9:59 PM EDT is today, 10 PM EDT is tomorrow and late', () => {
    expect(ofd('2026-03-08T13:00:00Z', '2026-03-09T01:59:00Z')).toMatchObject({ date: '2026-03-08', stillToday: true, late: false });
    expect(ofd('2026-03-08T13:00:00Z', '2026-03-09T02:00:00Z')).toEqual(
      amzl('2026-03-09', '2026-03-09T12:00:00Z', '2026-03-10T00:00:00Z', '2026-03-10T02:00:00Z', { late: true }),
    );
  });

  it('fall-back night in Los Angeles: 9:59 PM PST is today, 10 PM PST is tomorrow and late', () => {
    expect(ofd('2026-11-01T17:00:00Z', '2026-11-02T05:59:00Z', 'America/Los_Angeles')).toMatchObject({ date: '2026-11-01', stillToday: true, late: false });
    expect(ofd('2026-11-01T17:00:00Z', '2026-11-02T06:00:00Z', 'America/Los_Angeles')).toEqual(
      amzl('2026-11-02', '2026-11-02T16:00:00Z', '2026-11-03T04:00:00Z', '2026-11-03T06:00:00Z', { late: true }),
    );
  });

  it('delivery attempted the evening before London’s clock change: retry window in BST', () => {
    const got = expectedArrival(input({
      zone: 'Europe/London',
      status: status('out_for_delivery', 'delivery_attempted'),
      attemptedAt: at('2026-03-28T18:00:00Z'),
      now: at('2026-03-28T18:30:00Z'),
    }));
    expect(got).toEqual(amzl('2026-03-29', '2026-03-29T07:00:00Z', '2026-03-29T19:00:00Z', '2026-03-29T21:00:00Z'));
  });

  it('a promised date on Sydney’s change day: window in AEST', () => {
    const got = expectedArrival(input({ zone: 'Australia/Sydney', promisedDate: '2026-04-05', now: at('2026-04-02T00:00:00Z') }));
    expect(got).toEqual(amzl('2026-04-05', '2026-04-04T22:00:00Z', '2026-04-05T10:00:00Z', '2026-04-05T12:00:00Z'));
  });
});

describe('boundaries around "today" and the last delivery hour', () => {
  it('delivery attempted at 9:30 PM, seen at 10:30 PM: the retry is tomorrow, not the day after', () => {
    const got = expectedArrival(input({
      status: status('out_for_delivery', 'delivery_attempted'),
      attemptedAt: at('2026-11-28T02:30:00Z'), // 9:30 PM EST on Nov 27
      now: at('2026-11-28T03:30:00Z'), // 10:30 PM EST on Nov 27
    }));
    expect(got).toEqual(amzl('2026-11-28', '2026-11-28T13:00:00Z', '2026-11-29T01:00:00Z', '2026-11-29T03:00:00Z'));
  });

  it('an attempt stamped just past local midnight while the clock still reads 11:50 PM: the retry is the day after the attempt', () => {
    const got = expectedArrival(input({
      status: status('out_for_delivery', 'delivery_attempted'),
      attemptedAt: at('2026-11-28T05:05:00Z'), // 00:05 EST on Nov 28, a few minutes ahead of the clock
      now: at('2026-11-28T04:50:00Z'), // 11:50 PM EST on Nov 27
    }));
    expect(got).toEqual(amzl('2026-11-29', '2026-11-29T13:00:00Z', '2026-11-30T01:00:00Z', '2026-11-30T03:00:00Z'));
  });

  it('delayed but promised for today, seen in the afternoon: still today’s window', () => {
    const got = expectedArrival(input({ status: status('in_transit', 'delayed'), promisedDate: '2026-11-27', now: at('2026-11-27T20:00:00Z') }));
    expect(got).toEqual(amzl('2026-11-27', '2026-11-27T13:00:00Z', '2026-11-28T01:00:00Z', '2026-11-28T03:00:00Z'));
  });

  it('delayed, promised for tomorrow, seen after 10 PM: tomorrow’s window, not "no date"', () => {
    const got = expectedArrival(input({ status: status('in_transit', 'delayed'), promisedDate: '2026-11-28', now: at('2026-11-28T03:30:00Z') }));
    expect(got).toEqual(amzl('2026-11-28', '2026-11-28T13:00:00Z', '2026-11-29T01:00:00Z', '2026-11-29T03:00:00Z'));
  });

  it('in transit, promised for tomorrow, seen after 10 PM: tomorrow’s window and not late', () => {
    const got = expectedArrival(input({ promisedDate: '2026-11-28', now: at('2026-11-28T03:30:00Z') }));
    expect(got).toEqual(amzl('2026-11-28', '2026-11-28T13:00:00Z', '2026-11-29T01:00:00Z', '2026-11-29T03:00:00Z'));
  });

  it('out for delivery with a carrier that publishes no hours: "by today", neither late nor a window', () => {
    for (const carrier of ['OTHER', null] as const) {
      const got = expectedArrival(input({ carrier, status: status('out_for_delivery'), outForDeliveryAt: at('2026-11-27T14:00:00Z'), now: at('2026-11-28T04:00:00Z') }));
      expect(got).toEqual({ kind: 'by_date', date: '2026-11-27', late: false });
    }
  });

  it('an out-for-delivery scan stamped just past local midnight while the clock still reads 11:50 PM: tomorrow’s window, not late', () => {
    const got = ofd('2026-11-28T05:05:00Z', '2026-11-28T04:50:00Z'); // scan 00:05 Nov 28, now 23:50 Nov 27 EST
    expect(got).toEqual(amzl('2026-11-28', '2026-11-28T13:00:00Z', '2026-11-29T01:00:00Z', '2026-11-29T03:00:00Z'));
  });
});
