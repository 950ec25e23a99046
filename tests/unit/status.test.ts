import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, EXCEPTION_TYPES, MAIN_STAGES, type EventType } from '../../db/schema/tracking-events';
import { newestFirst, orderStatus, packageStatus, stageRank, type StatusEvent } from '../../src/domain/status';

const ev = (id: number, type: EventType, occurredAt: string, packageId: number | null = null): StatusEvent => ({
  id,
  type,
  occurredAt: new Date(occurredAt),
  packageId,
});

describe('package status follows the main path', () => {
  it('a package with no events yet is "order placed"', () => {
    expect(packageStatus([])).toEqual({ stage: 'order_placed', exception: null, deliveredAt: null, latestAt: null });
  });

  it('each main-path scan moves the package one step further', () => {
    const events: StatusEvent[] = [];
    MAIN_STAGES.forEach((stage, i) => {
      events.push(ev(i + 1, stage, `2026-11-2${i}T15:00:00Z`));
      const s = packageStatus(events);
      expect(s.stage).toBe(stage);
      expect(s.exception).toBeNull();
      expect(s.latestAt?.toISOString()).toBe(`2026-11-2${i}T15:00:00.000Z`);
    });
    expect(packageStatus(events).deliveredAt?.toISOString()).toBe('2026-11-25T15:00:00.000Z');
  });

  it('stage ranks run placed < ready to ship < shipped < in transit < out for delivery < delivered', () => {
    expect(MAIN_STAGES.map(stageRank)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a late-arriving older in-transit scan joins the history but does not move "out for delivery" back', () => {
    const s = packageStatus([
      ev(1, 'shipped', '2026-11-25T10:00:00Z'),
      ev(2, 'out_for_delivery', '2026-11-27T12:00:00Z'),
      ev(3, 'in_transit', '2026-11-26T11:00:00Z'), // received last, happened earlier
    ]);
    expect(s).toEqual({ stage: 'out_for_delivery', exception: null, deliveredAt: null, latestAt: new Date('2026-11-27T12:00:00Z') });
  });

  it('a delivered package stays delivered when an old out-for-delivery scan turns up afterwards', () => {
    const s = packageStatus([
      ev(1, 'delivered', '2026-11-27T18:00:00Z'),
      ev(2, 'out_for_delivery', '2026-11-27T09:00:00Z'),
    ]);
    expect(s.stage).toBe('delivered');
    expect(s.deliveredAt?.toISOString()).toBe('2026-11-27T18:00:00.000Z');
  });

  it('deliveredAt is the newest delivered scan, and stays empty until delivered', () => {
    expect(packageStatus([ev(1, 'out_for_delivery', '2026-11-27T09:00:00Z')]).deliveredAt).toBeNull();
    const s = packageStatus([
      ev(1, 'delivered', '2026-11-27T19:00:00Z'),
      ev(2, 'delivered', '2026-11-27T18:00:00Z'),
    ]);
    expect(s.deliveredAt?.toISOString()).toBe('2026-11-27T19:00:00.000Z');
  });
});

describe('exceptions show only while they are the newest news', () => {
  it.each(EXCEPTION_TYPES)('"%s" shows as the newest event, without changing the stage reached', (type) => {
    const s = packageStatus([
      ev(1, 'shipped', '2026-11-25T10:00:00Z'),
      ev(2, 'in_transit', '2026-11-26T10:00:00Z'),
      ev(3, type, '2026-11-26T18:00:00Z'),
    ]);
    expect(s.stage).toBe('in_transit');
    expect(s.exception).toBe(type);
    expect(s.latestAt?.toISOString()).toBe('2026-11-26T18:00:00.000Z');
  });

  it.each(EXCEPTION_TYPES)('"%s" clears when a newer main-path scan arrives', (type) => {
    const s = packageStatus([
      ev(1, 'in_transit', '2026-11-26T10:00:00Z'),
      ev(2, type, '2026-11-26T18:00:00Z'),
      ev(3, 'out_for_delivery', '2026-11-27T08:00:00Z'),
    ]);
    expect(s.stage).toBe('out_for_delivery');
    expect(s.exception).toBeNull();
  });

  it('delivery attempted, then delivered the next day: delivered with no banner', () => {
    const events = [
      ev(1, 'out_for_delivery', '2026-11-26T14:00:00Z'),
      ev(2, 'delivery_attempted', '2026-11-26T20:00:00Z'),
    ];
    expect(packageStatus(events)).toMatchObject({ stage: 'out_for_delivery', exception: 'delivery_attempted', deliveredAt: null });
    const s = packageStatus([...events, ev(3, 'delivered', '2026-11-27T17:00:00Z')]);
    expect(s).toEqual({
      stage: 'delivered',
      exception: null,
      deliveredAt: new Date('2026-11-27T17:00:00Z'),
      latestAt: new Date('2026-11-27T17:00:00Z'),
    });
  });

  it('an older main-path scan arriving after a delay does not hide the delay', () => {
    const s = packageStatus([
      ev(1, 'in_transit', '2026-11-26T10:00:00Z'),
      ev(2, 'delayed', '2026-11-26T18:00:00Z'),
      ev(3, 'in_transit', '2026-11-26T15:00:00Z'), // received later, happened before the delay
    ]);
    expect(s.exception).toBe('delayed');
    expect(s.latestAt?.toISOString()).toBe('2026-11-26T18:00:00.000Z');
  });

  it('on equal timestamps the later-received (higher id) event is the newer news', () => {
    const t = '2026-11-27T15:00:00Z';
    expect(packageStatus([ev(1, 'out_for_delivery', t), ev(2, 'delivery_attempted', t)]).exception).toBe('delivery_attempted');
    expect(packageStatus([ev(2, 'out_for_delivery', t), ev(1, 'delivery_attempted', t)]).exception).toBeNull();
    // independent of the order they are handed over in
    expect(packageStatus([ev(2, 'delivery_attempted', t), ev(1, 'out_for_delivery', t)]).exception).toBe('delivery_attempted');
  });
});

describe('newestFirst: the timeline order', () => {
  it('sorts newest first and breaks ties by the later id, without touching the input', () => {
    const input = [
      ev(1, 'shipped', '2026-11-25T10:00:00Z'),
      ev(4, 'in_transit', '2026-11-26T10:00:00Z'),
      ev(2, 'out_for_delivery', '2026-11-27T10:00:00Z'),
      ev(3, 'delivery_attempted', '2026-11-27T10:00:00Z'),
    ];
    const copy = [...input];
    expect(newestFirst(input).map((e) => e.id)).toEqual([3, 2, 4, 1]);
    expect(input).toEqual(copy);
  });

  it('its first event is the one packageStatus treats as the newest news', () => {
    fc.assert(
      fc.property(eventsArb(1), (events) => {
        const first = newestFirst(events)[0]!;
        const s = packageStatus(events);
        expect(s.latestAt).toEqual(first.occurredAt);
        expect(s.exception).toBe((EXCEPTION_TYPES as readonly string[]).includes(first.type) ? first.type : null);
      }),
    );
  });
});

describe('order status across packages', () => {
  it('order-level (package-less) events apply to every package', () => {
    const o = orderStatus([10, 20], [
      ev(1, 'order_placed', '2026-11-24T10:00:00Z'),
      ev(2, 'ready_to_ship', '2026-11-24T18:00:00Z'),
      ev(3, 'shipped', '2026-11-25T10:00:00Z', 10),
    ]);
    expect(o.packages.get(10)!.stage).toBe('shipped');
    expect(o.packages.get(20)!.stage).toBe('ready_to_ship');
    expect(o.stage).toBe('ready_to_ship');
  });

  it('an order-level cancellation shows on every package and finishes the order', () => {
    const o = orderStatus([10, 20], [
      ev(1, 'shipped', '2026-11-25T10:00:00Z', 10),
      ev(2, 'cancelled', '2026-11-25T12:00:00Z'),
    ]);
    expect(o.packages.get(10)!.exception).toBe('cancelled');
    expect(o.packages.get(20)!.exception).toBe('cancelled');
    expect(o.finishedAt?.toISOString()).toBe('2026-11-25T12:00:00.000Z');
    expect(o.deliveredCount).toBe(0);
  });

  it('a package only sees its own scans, not its sibling’s', () => {
    const o = orderStatus([10, 20], [
      ev(1, 'delivered', '2026-11-26T18:00:00Z', 10),
      ev(2, 'delayed', '2026-11-26T19:00:00Z', 20),
    ]);
    expect(o.packages.get(10)).toMatchObject({ stage: 'delivered', exception: null });
    expect(o.packages.get(20)).toMatchObject({ stage: 'order_placed', exception: 'delayed' });
  });

  describe('split shipment of two packages', () => {
    const base = [
      ev(1, 'shipped', '2026-11-25T10:00:00Z', 10),
      ev(2, 'shipped', '2026-11-25T11:00:00Z', 20),
      ev(3, 'delivered', '2026-11-26T18:00:00Z', 10),
      ev(4, 'in_transit', '2026-11-26T12:00:00Z', 20),
    ];

    it('"1 of 2 delivered": the order is only as far as its least advanced package, and not finished', () => {
      const o = orderStatus([10, 20], base);
      expect(o.packageCount).toBe(2);
      expect(o.deliveredCount).toBe(1);
      expect(o.stage).toBe('in_transit');
      expect(o.finishedAt).toBeNull();
      expect(o.packages.get(10)!.deliveredAt?.toISOString()).toBe('2026-11-26T18:00:00.000Z');
    });

    it('both delivered: finished when the last one arrived', () => {
      const o = orderStatus([10, 20], [...base, ev(5, 'delivered', '2026-11-27T16:00:00Z', 20)]);
      expect(o.stage).toBe('delivered');
      expect(o.deliveredCount).toBe(2);
      expect(o.finishedAt?.toISOString()).toBe('2026-11-27T16:00:00.000Z');
    });

    it.each(['returned', 'lost', 'cancelled'] as const)(
      'one delivered, the other finally %s: finished, with 1 delivered',
      (type) => {
        const o = orderStatus([10, 20], [...base, ev(5, type, '2026-11-28T09:00:00Z', 20)]);
        expect(o.deliveredCount).toBe(1);
        expect(o.finishedAt?.toISOString()).toBe('2026-11-28T09:00:00.000Z');
      },
    );

    it('the finish time is the later of the two, whichever package ended last', () => {
      const o = orderStatus([10, 20], [...base, ev(5, 'lost', '2026-11-26T14:00:00Z', 20)]);
      expect(o.finishedAt?.toISOString()).toBe('2026-11-26T18:00:00.000Z');
    });

    it.each(['delivery_attempted', 'delayed', 'available_for_pickup', 'returning'] as const)(
      'one delivered, the other %s: not finished yet',
      (type) => {
        const o = orderStatus([10, 20], [...base, ev(5, type, '2026-11-27T09:00:00Z', 20)]);
        expect(o.finishedAt).toBeNull();
        expect(o.deliveredCount).toBe(1);
      },
    );

    it('a delivered package later marked returning no longer counts as delivered', () => {
      const o = orderStatus([10, 20], [...base, ev(5, 'delivered', '2026-11-27T16:00:00Z', 20), ev(6, 'returning', '2026-11-28T10:00:00Z', 10)]);
      expect(o.deliveredCount).toBe(1);
      expect(o.finishedAt).toBeNull();
    });
  });

  describe('an order with no packages yet', () => {
    it('uses the order-level events for its stage and exception', () => {
      const o = orderStatus([], [ev(1, 'order_placed', '2026-11-24T10:00:00Z'), ev(2, 'ready_to_ship', '2026-11-24T18:00:00Z')]);
      expect(o.packageCount).toBe(0);
      expect(o.packages.size).toBe(0);
      expect(o.stage).toBe('ready_to_ship');
      expect(o.orderLevel).toMatchObject({ stage: 'ready_to_ship', exception: null });
      expect(o.finishedAt).toBeNull();
    });

    it('an order-level cancellation finishes it', () => {
      const o = orderStatus([], [ev(1, 'order_placed', '2026-11-24T10:00:00Z'), ev(2, 'cancelled', '2026-11-24T12:00:00Z')]);
      expect(o.stage).toBe('order_placed');
      expect(o.orderLevel.exception).toBe('cancelled');
      expect(o.finishedAt?.toISOString()).toBe('2026-11-24T12:00:00.000Z');
    });

    it('with no events at all it is just placed', () => {
      const o = orderStatus([], []);
      expect(o.stage).toBe('order_placed');
      expect(o.finishedAt).toBeNull();
      expect(o.deliveredCount).toBe(0);
    });
  });
});

// Events with unique ids (arrival order) and times from a small range so ties happen.
function eventsArb(minLength = 0) {
  return fc
    .array(
      fc.record({
        type: fc.constantFrom(...EVENT_TYPES),
        minute: fc.integer({ min: 0, max: 50 }),
        packageId: fc.constantFrom<number | null>(null, 10, 20),
      }),
      { minLength, maxLength: 25 },
    )
    .map((rows) =>
      rows.map((r, i): StatusEvent => ({
        id: i + 1,
        type: r.type,
        occurredAt: new Date(Date.UTC(2026, 10, 27, 12, r.minute)),
        packageId: r.packageId,
      })),
    );
}

describe('properties', () => {
  it('the order events are handed over in never changes any derived status', () => {
    fc.assert(
      fc.property(
        eventsArb().chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))),
        ([events, shuffled]) => {
          expect(shuffled).toHaveLength(events.length);
          expect(packageStatus(shuffled)).toEqual(packageStatus(events));
          const a = orderStatus([10, 20], events);
          const b = orderStatus([10, 20], shuffled);
          expect(b.stage).toBe(a.stage);
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('adding an older main-path scan never lowers the stage nor changes the newest news', () => {
    fc.assert(
      fc.property(
        eventsArb(1),
        fc.constantFrom(...MAIN_STAGES),
        fc.integer({ min: 1, max: 600 }),
        (events, type, minutesEarlier) => {
          const before = packageStatus(events);
          const older: StatusEvent = {
            id: events.length + 1,
            type,
            occurredAt: new Date(before.latestAt!.getTime() - minutesEarlier * 60_000),
            packageId: null,
          };
          const after = packageStatus([...events, older]);
          expect(stageRank(after.stage)).toBeGreaterThanOrEqual(stageRank(before.stage));
          expect(after.exception).toBe(before.exception);
          expect(after.latestAt).toEqual(before.latestAt);
          const o1 = orderStatus([10, 20], events);
          const o2 = orderStatus([10, 20], [...events, older]);
          expect(stageRank(o2.stage)).toBeGreaterThanOrEqual(stageRank(o1.stage));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('boundaries a reviewer would try', () => {
  it('a stray main-path scan after delivery does not move the delivery time', () => {
    const s = packageStatus([
      ev(1, 'delivered', '2026-11-27T18:00:00Z'),
      ev(2, 'out_for_delivery', '2026-11-27T19:30:00Z'), // a late duplicate scan from the truck
    ]);
    expect(s.stage).toBe('delivered');
    expect(s.deliveredAt?.toISOString()).toBe('2026-11-27T18:00:00.000Z');
    expect(s.latestAt?.toISOString()).toBe('2026-11-27T19:30:00.000Z');
  });

  it('the order is as far as its least advanced package, whichever order the packages are listed in', () => {
    const events = [ev(1, 'in_transit', '2026-11-26T12:00:00Z', 10), ev(2, 'delivered', '2026-11-26T18:00:00Z', 20)];
    expect(orderStatus([10, 20], events).stage).toBe('in_transit');
    expect(orderStatus([20, 10], events).stage).toBe('in_transit');
  });

  it('a scan for a package that is not one of this order’s never counts towards it', () => {
    // A scan for package 30 is not one of this order's packages: it never counts.
    const o = orderStatus([10], [ev(1, 'shipped', '2026-11-25T10:00:00Z', 10), ev(2, 'delivered', '2026-11-26T18:00:00Z', 30)]);
    expect(o.packages.get(10)!.stage).toBe('shipped');
    expect(o.deliveredCount).toBe(0);
    expect(o.finishedAt).toBeNull();
  });
});
