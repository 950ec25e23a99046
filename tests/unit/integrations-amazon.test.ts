import { describe, expect, it } from 'vitest';
import { AdditionalLocationInfo, CurrentStatus, EventCode } from '@sp-api-sdk/fulfillment-outbound-api-2020-07-01';
import { DELIVERED_TO, type EventType } from '../../db/schema/tracking-events';
import { trackingEventInput } from '../../src/domain/inputs';
import { mapPackage, mapTrackingDetails, type AmazonTrackingDetails } from '../../src/domain/integrations/amazon';

// The tables are written out here, not read from amazon.ts, so a changed row fails a test; and each
// is checked against the SDK's enums (generated from Amazon's model), so a new Amazon value does too.

const EVENT_CODES: Record<string, EventType> = {
  EVENT_101: 'ready_to_ship', EVENT_102: 'shipped',
  EVENT_201: 'in_transit', EVENT_202: 'in_transit', EVENT_203: 'in_transit', EVENT_204: 'in_transit', EVENT_205: 'in_transit', EVENT_206: 'in_transit',
  EVENT_301: 'delivered', EVENT_302: 'out_for_delivery', EVENT_304: 'delivery_attempted', EVENT_306: 'in_transit', EVENT_307: 'in_transit',
  EVENT_308: 'available_for_pickup', EVENT_309: 'returned',
  EVENT_401: 'delayed', EVENT_402: 'delayed', EVENT_403: 'delayed', EVENT_404: 'delayed', EVENT_405: 'delayed', EVENT_406: 'delayed',
  EVENT_407: 'returning', EVENT_408: 'returning', EVENT_409: 'lost', EVENT_411: 'delayed', EVENT_412: 'delayed', EVENT_413: 'delayed',
  EVENT_414: 'delayed', EVENT_415: 'in_transit', EVENT_416: 'lost', EVENT_417: 'delayed', EVENT_418: 'delayed', EVENT_419: 'delayed',
  EVENT_801: 'available_for_pickup', EVENT_804: 'delivered',
};
const STATUSES: Record<string, EventType | null> = {
  IN_TRANSIT: 'in_transit', DELIVERED: 'delivered', RETURNING: 'returning', RETURNED: 'returned', UNDELIVERABLE: 'lost',
  DELAYED: 'delayed', AVAILABLE_FOR_PICKUP: 'available_for_pickup', CUSTOMER_ACTION: 'delayed', UNKNOWN: null,
  OUT_FOR_DELIVERY: 'out_for_delivery', DELIVERY_ATTEMPTED: 'delivery_attempted',
  PICKUP_SUCCESSFUL: null, PICKUP_CANCELLED: null, PICKUP_ATTEMPTED: null, PICKUP_SCHEDULED: null,
  RETURN_REQUEST_ACCEPTED: null, REFUND_ISSUED: null, RETURN_RECEIVED_IN_FC: 'returned',
};

const ctx = { sellerFulfillmentOrderId: 'PL-1042' };
const scan = (eventCode: string, eventDate: string, city = 'Troy', state = 'MI', country = 'US') => ({ eventCode, eventDate, eventAddress: { city, state, country }, eventDescription: 'x' });
const pkg = (over: Partial<AmazonTrackingDetails> = {}): AmazonTrackingDetails => ({ packageNumber: 212794778, trackingNumber: 'TBA312345678901', carrierCode: 'AMZN_US', ...over });
const parsesAll = (events: unknown[]) => events.forEach((e) => expect(trackingEventInput.safeParse(e).error?.issues ?? []).toEqual([]));

/** A journey in Amazon's order (newest first), with the package-level facts of a delivered package. */
const delivered = pkg({
  currentStatus: 'DELIVERED',
  additionalLocationInfo: 'FRONT_DESK',
  signedForBy: 'Jonathan Q. Recipient',
  shipToAddress: { city: 'Troy', state: 'MI', country: 'US' },
  trackingEvents: [
    scan('EVENT_301', '2026-11-20T21:15:55Z'),
    scan('EVENT_302', '2026-11-20T13:02:00Z'),
    scan('EVENT_201', '2026-11-19T23:33:28Z', 'Romulus'),
    scan('EVENT_102', '2026-11-18T17:00:00Z', 'Phoenix', 'AZ'),
  ],
});

describe('every SP-API event code is a Porchlight event type', () => {
  it('the table here covers exactly the model’s EventCode enum', () => {
    expect(Object.keys(EVENT_CODES).sort()).toEqual(Object.values(EventCode).sort());
  });

  it.each(Object.entries(EVENT_CODES))('%s → %s, at its own time and city', (code, type) => {
    const events = mapTrackingDetails(pkg({ trackingEvents: [scan(code, '2026-11-19T10:00:00Z', 'Dayton', 'OH')] }), ctx);
    expect(events).toEqual([{
      id: `PL-1042:212794778:${code}:2026-11-19T10:00:00.000Z`, type, occurredAt: '2026-11-19T10:00:00.000Z',
      trackingNumber: 'TBA312345678901', carrier: 'AMZN_US', location: { city: 'Dayton', region: 'OH', country: 'US' },
    }]);
    parsesAll(events);
  });
});

describe('every current status', () => {
  it('the table here covers exactly the model’s CurrentStatus enum', () => {
    expect(Object.keys(STATUSES).sort()).toEqual(Object.values(CurrentStatus).sort());
  });

  it.each(Object.entries(STATUSES))('%s alone → %s (at the ship date)', (status, type) => {
    const events = mapTrackingDetails(pkg({ currentStatus: status, shipDate: '2026-11-18T09:00:00Z' }), ctx);
    expect(events).toEqual(type ? [{ id: `PL-1042:212794778:status:${status}`, type, occurredAt: '2026-11-18T09:00:00.000Z', trackingNumber: 'TBA312345678901', carrier: 'AMZN_US' }] : []);
    parsesAll(events);
  });

  it('adds nothing the scans already say: DELIVERED beside a delivered scan', () => {
    expect(mapTrackingDetails(delivered, ctx).map((e) => e.type)).toEqual(['shipped', 'in_transit', 'out_for_delivery', 'delivered']);
  });

  it('an exception the newest scan isn’t is news, at the newest scan’s time', () => {
    const events = mapTrackingDetails(pkg({ currentStatus: 'DELAYED', trackingEvents: [scan('EVENT_201', '2026-11-19T08:00:00Z'), scan('EVENT_202', '2026-11-19T12:00:00Z')] }), ctx);
    expect(events.at(-1)).toMatchObject({ id: 'PL-1042:212794778:status:DELAYED', type: 'delayed', occurredAt: '2026-11-19T12:00:00.000Z' });
  });

  it('a stage behind the scans is not news: IN_TRANSIT while the newest scan is out for delivery', () => {
    const events = mapTrackingDetails(pkg({ currentStatus: 'IN_TRANSIT', trackingEvents: [scan('EVENT_302', '2026-11-20T13:00:00Z')] }), ctx);
    expect(events.map((e) => e.type)).toEqual(['out_for_delivery']);
  });

  it('no scan and no ship date: no time to put the status at, so no event', () => {
    expect(mapTrackingDetails(pkg({ currentStatus: 'IN_TRANSIT' }), ctx)).toEqual([]);
  });
});

describe('where and how it was delivered', () => {
  it.each(Object.values(AdditionalLocationInfo))('%s → deliveredTo on the delivered event', (place) => {
    expect(DELIVERED_TO).toContain(place);
    const events = mapTrackingDetails({ ...delivered, additionalLocationInfo: place }, ctx);
    expect(events.find((e) => e.type === 'delivered')?.deliveredTo).toBe(place);
    expect(events.filter((e) => e.deliveredTo)).toHaveLength(1);
    parsesAll(events);
  });

  it('signed for: the delivered event says so, and the name appears nowhere', () => {
    const events = mapTrackingDetails(delivered, ctx);
    expect(events.find((e) => e.type === 'delivered')?.note).toBe('Signed for');
    expect(events.filter((e) => e.note)).toHaveLength(1);
    const text = JSON.stringify(events);
    for (const part of ['Jonathan', 'Recipient', 'Q.']) expect(text).not.toContain(part);
  });

  it('an unknown drop-off value and a blank signature add nothing', () => {
    const events = mapTrackingDetails({ ...delivered, additionalLocationInfo: 'ROOF', signedForBy: '  ' }, ctx);
    expect(events.find((e) => e.type === 'delivered')).not.toHaveProperty('deliveredTo');
    expect(events.find((e) => e.type === 'delivered')).not.toHaveProperty('note');
  });
});

describe('ids and times', () => {
  it('the same answer twice maps to the same events, ids unique', () => {
    const first = mapTrackingDetails(delivered, ctx);
    expect(mapTrackingDetails(structuredClone(delivered), ctx)).toEqual(first);
    expect(new Set(first.map((e) => e.id)).size).toBe(first.length);
    expect(first.map((e) => e.id)).toContain('PL-1042:212794778:EVENT_301:2026-11-20T21:15:55.000Z');
  });

  it('scans in any order keep their own time and place, and come out oldest first', () => {
    const shuffled = { ...delivered, trackingEvents: [delivered.trackingEvents![2]!, delivered.trackingEvents![0]!, delivered.trackingEvents![3]!, delivered.trackingEvents![1]!] };
    const events = mapTrackingDetails(shuffled, ctx);
    expect(events).toEqual(mapTrackingDetails(delivered, ctx));
    expect(events.map((e) => [e.type, e.occurredAt, e.location?.city])).toEqual([
      ['shipped', '2026-11-18T17:00:00.000Z', 'Phoenix'],
      ['in_transit', '2026-11-19T23:33:28.000Z', 'Romulus'],
      ['out_for_delivery', '2026-11-20T13:02:00.000Z', 'Troy'],
      ['delivered', '2026-11-20T21:15:55.000Z', 'Troy'],
    ]);
  });

  it('offsets are read as the instants they are; a time without one is UTC; a scan without a time is left out', () => {
    const events = mapTrackingDetails(pkg({ trackingEvents: [scan('EVENT_201', '2026-11-19T06:00:00-05:00'), scan('EVENT_202', '2026-11-19T13:00:00'), scan('EVENT_203', 'yesterday')] }), ctx);
    expect(events.map((e) => e.occurredAt)).toEqual(['2026-11-19T11:00:00.000Z', '2026-11-19T13:00:00.000Z']);
  });

  it('the same scan listed twice is one event', () => {
    const twice = scan('EVENT_201', '2026-11-19T08:00:00Z');
    expect(mapTrackingDetails(pkg({ trackingEvents: [twice, { ...twice }] }), ctx)).toHaveLength(1);
  });
});

describe('an event code Amazon adds later', () => {
  it('repeats a plain in-transit reading, with its place', () => {
    const events = mapTrackingDetails(pkg({ trackingEvents: [scan('EVENT_201', '2026-11-19T08:00:00Z'), scan('EVENT_250', '2026-11-19T09:00:00Z', 'Toledo')] }), ctx);
    expect(events.at(-1)).toMatchObject({ id: 'PL-1042:212794778:EVENT_250:2026-11-19T09:00:00.000Z', type: 'in_transit', location: { city: 'Toledo' } });
    parsesAll(events);
  });

  it.each([
    ['first, before any known scan', [scan('EVENT_999', '2026-11-19T08:00:00Z')]],
    ['after a pickup (would move the stage)', [scan('EVENT_102', '2026-11-19T08:00:00Z'), scan('EVENT_999', '2026-11-19T09:00:00Z')]],
    ['after out for delivery (would step back)', [scan('EVENT_302', '2026-11-19T08:00:00Z'), scan('EVENT_999', '2026-11-19T09:00:00Z')]],
    ['after a delay (would clear it)', [scan('EVENT_418', '2026-11-19T08:00:00Z'), scan('EVENT_999', '2026-11-19T09:00:00Z')]],
  ])('is left out when it comes %s', (_, trackingEvents) => {
    const events = mapTrackingDetails(pkg({ trackingEvents }), ctx);
    expect(events.map((e) => e.id).some((id) => id.includes('EVENT_999'))).toBe(false);
  });

  it('an unknown status adds nothing and throws nothing', () => {
    expect(mapTrackingDetails(pkg({ currentStatus: 'TELEPORTED', shipDate: '2026-11-18T09:00:00Z' }), ctx)).toEqual([]);
  });
});

describe('expected date and delivery window', () => {
  const coming = (over: Partial<AmazonTrackingDetails> = {}) => pkg({
    currentStatus: 'OUT_FOR_DELIVERY',
    estimatedArrivalDate: '2026-11-21T05:00:00Z',
    deliveryWindow: { earliest: '2026-11-20T16:00:00Z', latest: '2026-11-21T04:00:00Z' },
    trackingEvents: [scan('EVENT_201', '2026-11-20T08:00:00Z'), scan('EVENT_302', '2026-11-20T14:00:00Z')],
    ...over,
  });

  it('ride on the newest event only', () => {
    const events = mapTrackingDetails(coming(), { ...ctx, timeZone: 'America/Detroit' });
    expect(events[0]).not.toHaveProperty('estimatedDelivery');
    expect(events[0]).not.toHaveProperty('deliveryWindow');
    expect(events[1]).toMatchObject({ type: 'out_for_delivery', estimatedDelivery: '2026-11-21', deliveryWindow: { start: '2026-11-20T16:00:00.000Z', end: '2026-11-21T04:00:00.000Z' } });
    parsesAll(events);
  });

  it.each([
    ['the order’s zone when Porchlight knows it', { timeZone: 'America/Los_Angeles' }, undefined, '2026-11-20'],
    ['else the zone of shipToAddress (state)', {}, { city: 'Seattle', state: 'WA', country: 'US' }, '2026-11-20'],
    ['Amazon’s address-book shape works too', {}, { stateOrRegion: 'NY', countryCode: 'US' }, '2026-11-21'],
    ['else the date as Amazon wrote it', {}, undefined, '2026-11-21'],
  ])('estimatedArrivalDate is the destination’s calendar date: %s', (_, zone, shipToAddress, date) => {
    const events = mapTrackingDetails(coming({ shipToAddress }), { ...ctx, ...zone });
    expect(events.at(-1)?.estimatedDelivery).toBe(date);
  });

  it('a window longer than a day, or ending before it starts, is left out (the seller API could not hold it)', () => {
    for (const deliveryWindow of [{ earliest: '2026-11-20T10:00:00Z', latest: '2026-11-21T16:00:00Z' }, { earliest: '2026-11-20T10:00:00Z', latest: '2026-11-20T09:00:00Z' }]) {
      const events = mapTrackingDetails(coming({ deliveryWindow }), ctx);
      expect(events.at(-1)).not.toHaveProperty('deliveryWindow');
      parsesAll(events);
    }
  });

  it('a delivered package carries no estimate or window', () => {
    const events = mapTrackingDetails({ ...delivered, estimatedArrivalDate: '2026-11-21T05:00:00Z', deliveryWindow: coming().deliveryWindow }, ctx);
    expect(events.some((e) => e.estimatedDelivery || e.deliveryWindow)).toBe(false);
  });
});

describe('privacy and the seller API’s limits', () => {
  it('never copies a street, a name or a postal code, even when Amazon sends the full address', () => {
    const events = mapTrackingDetails({
      ...delivered,
      shipToAddress: { name: 'Jane Roe', addressLine1: '1234 Amazon Way', city: 'Troy', stateOrRegion: 'MI', countryCode: 'US', postalCode: '48084' } as AmazonTrackingDetails['shipToAddress'],
    }, ctx);
    const text = JSON.stringify(events);
    for (const part of ['Jane', 'Amazon Way', '48084']) expect(text).not.toContain(part);
  });

  it('long, blank, control-laden or three-letter places still parse', () => {
    const events = mapTrackingDetails(pkg({ trackingEvents: [
      scan('EVENT_201', '2026-11-19T08:00:00Z', 'L'.repeat(150), 'S'.repeat(150), 'USA'),
      scan('EVENT_202', '2026-11-19T09:00:00Z', '\u0007\u0000', ' ', ''),
    ] }), ctx);
    expect(events[0]!.location).toEqual({ city: 'L'.repeat(80), region: 'S'.repeat(40) });
    expect(events[1]).not.toHaveProperty('location');
    parsesAll(events);
  });
});

describe('mapPackage', () => {
  it('refers to the package by its tracking number, the details’ own first', () => {
    expect(mapPackage(delivered, { ...ctx, trackingNumber: 'OTHER123' })).toEqual({ ref: { trackingNumber: 'TBA312345678901' }, events: mapTrackingDetails(delivered, ctx) });
  });

  it('falls back to the number getFulfillmentOrder gave, which every event then carries', () => {
    const delivery = mapPackage({ ...delivered, trackingNumber: undefined }, { ...ctx, trackingNumber: '1Z50V7420354708051' });
    expect(delivery?.ref).toEqual({ trackingNumber: '1Z50V7420354708051' });
    expect(delivery?.events.every((e) => e.trackingNumber === '1Z50V7420354708051')).toBe(true);
  });

  it('is null with no tracking number to match on', () => {
    expect(mapPackage({ ...delivered, trackingNumber: undefined }, ctx)).toBeNull();
  });
});
