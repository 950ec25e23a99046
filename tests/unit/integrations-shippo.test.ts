import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { trackingEventInput } from '../../src/domain/inputs';
import { shippo } from '../../src/domain/integrations/shippo';
import type { EventInput, HookRequest } from '../../src/domain/integrations/types';
import { packageStatus } from '../../src/domain/status';

// Both fixtures are the samples of https://docs.goshippo.com/docs/tracking/tracking/ (a live track
// and a test-mode one) wrapped in the webhook envelope of shippo-javascript-sdk's WebhookPayloadTrack.
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/shippo/${name}`, import.meta.url), 'utf8'));

const TOKEN = 'q3Vx9Jd2H0mWcR7yLkP4sT1uZ8aB6eFn'; // as connect.ts makes one: 24 random bytes, base64url
const NUMBER = '9205590164917312751089';

const request = (url = `https://porchlight.test/hooks/shippo/conn1?token=${TOKEN}`, body = '{}'): HookRequest => ({
  body: new TextEncoder().encode(body), header: () => undefined, url: new URL(url),
});

interface Status { object_id: string; status: string | null; substatus?: { code: string; text: string; action_required: boolean } | null; status_date: string | null; location?: unknown; status_details?: string }
let objects = 0;
const status = (s: string | null, code: string | null, date: string | null, city = 'Troy'): Status => ({
  object_id: `obj${++objects}`, status: s, status_details: 'Scan', status_date: date,
  substatus: code ? { code, text: 'Shippo’s words', action_required: false } : null,
  location: { city, state: 'MI', zip: '48084', country: 'US' },
});
/** The latest status repeats the newest history entry under its own object_id, as in Shippo's sample. */
const latestOf = (history: Status[]) => (history.length ? { ...history.at(-1)!, object_id: `latest${++objects}` } : null);

function webhook(history: Status[], data: Record<string, unknown> = {}, event = 'track_updated') {
  return {
    event, test: false,
    data: { carrier: 'usps', tracking_number: NUMBER, eta: '2026-11-27T00:00:00Z', messages: [], tracking_status: latestOf(history), tracking_history: history, ...data },
  };
}

const map = (payload: unknown) => shippo.map(request(), payload);
const events = (payload: unknown): EventInput[] => map(payload).flatMap((d) => d.events);
const typeOf = (s: string | null, code: string | null) => events(webhook([status(s, code, '2026-11-25T15:00:00Z')]))[0]!;
/** The event a scan becomes after one of `before` (the reading in effect), or undefined when it is left out. */
const after = (before: [string, string | null], s: string | null, code: string | null) => {
  const out = events(webhook([status(...before, '2026-11-25T12:00:00Z'), status(s, code, '2026-11-25T15:00:00Z')]));
  return out.find((e) => e.occurredAt === '2026-11-25T15:00:00.000Z');
};

const JOURNEY = [
  status('PRE_TRANSIT', 'information_received', '2026-11-24T18:00:00Z'),
  status('TRANSIT', 'package_accepted', '2026-11-24T23:10:00Z', 'Detroit'),
  status('TRANSIT', 'package_departed', '2026-11-25T04:30:00Z', 'Detroit'),
  status('TRANSIT', 'out_for_delivery', '2026-11-26T12:05:00Z'),
];

describe('Shippo token (Shippo signs nothing: the webhook URL carries ?token=)', () => {
  it('accepts the token Porchlight put in the seller’s webhook URL', () => {
    expect(shippo.verify(request(), TOKEN)).toBe(true);
    expect(shippo.verify(request(`https://porchlight.test/hooks/shippo/conn1?a=1&token=${TOKEN}&b=2`), TOKEN)).toBe(true);
  });

  it('refuses a wrong token, a missing or empty one, and one a character short or long', () => {
    const url = (q: string) => request(`https://porchlight.test/hooks/shippo/conn1${q}`);
    expect(shippo.verify(url(`?token=${TOKEN.replace('q', 'r')}`), TOKEN)).toBe(false);
    expect(shippo.verify(url(''), TOKEN)).toBe(false);
    expect(shippo.verify(url('?token='), TOKEN)).toBe(false);
    expect(shippo.verify(url(`?secret=${TOKEN}`), TOKEN)).toBe(false);
    expect(shippo.verify(url(`?token=${TOKEN.slice(0, -1)}`), TOKEN)).toBe(false);
    expect(shippo.verify(url(`?token=${TOKEN}x`), TOKEN)).toBe(false);
    expect(shippo.verify(url(`?token=${TOKEN.toLowerCase()}`), TOKEN)).toBe(false);
  });

  it('never verifies against an empty secret', () => {
    expect(shippo.verify(request('https://porchlight.test/hooks/shippo/conn1?token='), '')).toBe(false);
    expect(shippo.verify(request(), '')).toBe(false);
  });
});

describe('Shippo delivery id (Shippo sends none)', () => {
  it('the same payload again, even with its keys in another order, is the same delivery', () => {
    const payload = webhook(JOURNEY);
    const reordered = { data: { ...payload.data }, test: false, event: 'track_updated' };
    const id = shippo.deliveryId(request(), payload);
    expect(id).toMatch(new RegExp(`^track_updated:${NUMBER}:[0-9a-f]{40}$`));
    expect(shippo.deliveryId(request(), reordered)).toBe(id);
    expect(shippo.deliveryId(request(), JSON.parse(JSON.stringify(payload)))).toBe(id);
  });

  it('any change (one more scan, a new estimate) is a new delivery, never skipped as a repeat', () => {
    const id = shippo.deliveryId(request(), webhook(JOURNEY));
    expect(shippo.deliveryId(request(), webhook([...JOURNEY, status('DELIVERED', 'delivered', '2026-11-26T15:40:00Z')]))).not.toBe(id);
    expect(shippo.deliveryId(request(), webhook(JOURNEY, { eta: '2026-11-28T00:00:00Z' }))).not.toBe(id);
  });

  it('is null for a body that is not an object', () => {
    expect(shippo.deliveryId(request(), null)).toBeNull();
    expect(shippo.deliveryId(request(), 'track_updated')).toBeNull();
  });
});

describe('Shippo track_updated becomes scans', () => {
  it('maps Shippo’s documented sample: the latest status and its copy in the history are one scan', () => {
    const [delivery, ...more] = map(fixture('track-updated.json'));
    expect(more).toEqual([]);
    expect(delivery!.ref).toEqual({ trackingNumber: NUMBER });
    expect(delivery!.events).toEqual([
      { id: `${NUMBER}:2016-07-21T15:33:00.000Z:TRANSIT:`, type: 'in_transit', occurredAt: '2016-07-21T15:33:00.000Z', trackingNumber: NUMBER, carrier: 'USPS', location: { city: 'Las Vegas', region: 'NV', country: 'US' } },
      { id: `${NUMBER}:2016-07-23T13:03:00.000Z:DELIVERED:`, type: 'delivered', occurredAt: '2016-07-23T13:03:00.000Z', trackingNumber: NUMBER, carrier: 'USPS', location: { city: 'Spotsylvania', region: 'VA', country: 'US' } }, // delivered: the eta is no news
    ]);
  });

  it('maps Shippo’s test-mode sample: dates without a zone are UTC, an UNKNOWN first scan (before pickup) is left out', () => {
    const out = events(fixture('track-updated-test-mode.json'));
    expect(out.map((e) => [e.type, e.occurredAt])).toEqual([
      ['in_transit', '2018-07-29T16:44:42.586Z'], // the sample's latest status is 3 ms off its history copy
      ['in_transit', '2018-07-29T16:44:42.589Z'],
    ]);
    expect(out.filter((e) => e.estimatedDelivery).map((e) => [e.occurredAt, e.estimatedDelivery])).toEqual([['2018-07-29T16:44:42.589Z', '2018-08-02']]);
    expect(out[0]!.carrier).toBe('OTHER');
  });

  it('a latest status not yet in the history is a scan, and keeps its id once the history catches up', () => {
    const delivered = status('DELIVERED', 'delivered', '2026-11-26T15:40:00Z');
    const lagging = events(webhook(JOURNEY, { tracking_status: delivered }));
    const caughtUp = events(webhook([...JOURNEY, { ...delivered, object_id: 'another' }]));
    expect(lagging.map((e) => e.id)).toEqual(caughtUp.map((e) => e.id));
    expect(lagging.at(-1)!.type).toBe('delivered');
  });

  it('any other event says nothing; a track with no dated status yet says nothing', () => {
    for (const event of ['transaction_created', 'transaction_updated', 'batch_created', 'batch_purchased']) {
      expect(map({ event, test: false, data: { object_id: 'x' } })).toEqual([]);
    }
    expect(map(webhook([]))).toEqual([]);
    expect(map(webhook([], { tracking_status: status('UNKNOWN', null, null), tracking_history: null }))).toEqual([]);
  });

  it('a test webhook maps like a live one', () => {
    expect(events({ ...webhook(JOURNEY), test: true })).toEqual(events(webhook(JOURNEY)));
  });

  it('refuses (422) a body that is not a Shippo webhook', () => {
    const bad: unknown[] = [
      null, [], 'track_updated', { data: {} }, webhook(JOURNEY, { tracking_number: undefined }), webhook(JOURNEY, { tracking_number: ' ' }),
      webhook(JOURNEY, { tracking_history: 'none' }), webhook([status('TRANSIT', null, 'soon')]), webhook([{ ...status('TRANSIT', null, '2026-11-25T15:00:00Z'), location: 'Troy' }]),
      { event: 'track_updated', data: null },
    ];
    for (const payload of bad) {
      expect(() => map(payload), JSON.stringify(payload)?.slice(0, 80)).toThrow(DomainError);
      try { map(payload); } catch (e) { expect((e as DomainError).code).toBe('validation_failed'); }
    }
  });
});

describe('Shippo status and substatus table', () => {
  // Every status of Shippo's TrackingStatusEnum, with no substatus.
  const STATUSES: [string, string][] = [
    ['PRE_TRANSIT', 'ready_to_ship'], ['TRANSIT', 'in_transit'], ['DELIVERED', 'delivered'], ['RETURNED', 'returning'], ['FAILURE', 'delayed'],
  ];
  it.each(STATUSES)('status %s is %s', (s, type) => {
    expect(typeOf(s, null)).toEqual(expect.objectContaining({ type }));
    expect(typeOf(s, null).note).toBeUndefined();
  });

  it('UNKNOWN (and its substatus "other") classifies nothing: in transit after a plain in-transit scan, else left out', () => {
    for (const code of [null, 'other']) {
      expect(after(['TRANSIT', 'package_departed'], 'UNKNOWN', code)).toEqual(expect.objectContaining({ type: 'in_transit' }));
      expect(after(['TRANSIT', 'package_departed'], 'UNKNOWN', code)!.note).toBeUndefined();
      expect(events(webhook([status('UNKNOWN', code, '2026-11-25T15:00:00Z')]))).toEqual([]);
      expect(after(['PRE_TRANSIT', null], 'UNKNOWN', code)).toBeUndefined();
      expect(after(['TRANSIT', 'out_for_delivery'], 'UNKNOWN', code)).toBeUndefined();
    }
  });

  // Every substatus code of Shippo's event definitions, under the status it is documented with.
  const CODES: [string, string, string][] = [
    ['PRE_TRANSIT', 'information_received', 'ready_to_ship'],
    ['TRANSIT', 'address_issue', 'delayed'], ['TRANSIT', 'contact_carrier', 'delayed'], ['TRANSIT', 'delayed', 'delayed'],
    ['TRANSIT', 'delivery_attempted', 'delivery_attempted'], ['TRANSIT', 'delivery_rescheduled', 'delayed'],
    ['TRANSIT', 'delivery_scheduled', 'in_transit'], ['TRANSIT', 'location_inaccessible', 'delivery_attempted'],
    ['TRANSIT', 'notice_left', 'delivery_attempted'], ['TRANSIT', 'out_for_delivery', 'out_for_delivery'],
    ['TRANSIT', 'package_accepted', 'shipped'], ['TRANSIT', 'package_arrived', 'in_transit'], ['TRANSIT', 'package_damaged', 'delayed'],
    ['TRANSIT', 'package_departed', 'in_transit'], ['TRANSIT', 'package_forwarded', 'in_transit'], ['TRANSIT', 'package_held', 'delayed'],
    ['TRANSIT', 'package_processed', 'in_transit'], ['TRANSIT', 'package_processing', 'in_transit'],
    ['TRANSIT', 'pickup_available', 'available_for_pickup'], ['TRANSIT', 'reschedule_delivery', 'delivery_attempted'],
    ['DELIVERED', 'delivered', 'delivered'],
    ['RETURNED', 'return_to_sender', 'returning'], ['RETURNED', 'package_unclaimed', 'returning'],
    ['FAILURE', 'package_undeliverable', 'delayed'], ['FAILURE', 'package_disposed', 'lost'], ['FAILURE', 'package_lost', 'lost'],
  ];
  it.each(CODES)('%s with substatus %s is %s', (s, code, type) => {
    const e = typeOf(s, code);
    expect(e.type).toBe(type);
    expect(e.note).toBeUndefined();
  });

  it('a substatus that only restates its status leaves a TRANSIT scan in transit', () => {
    for (const code of ['information_received', 'delivered', 'return_to_sender', 'package_unclaimed', 'package_undeliverable', 'other']) {
      expect(typeOf('TRANSIT', code).type, code).toBe('in_transit');
    }
  });

  it('a delivery or a return is the news whatever the substatus adds; on other statuses a substatus with news wins', () => {
    expect(typeOf('DELIVERED', 'delayed').type).toBe('delivered');
    expect(typeOf('RETURNED', 'package_damaged').type).toBe('returning');
    expect(typeOf('FAILURE', 'delivery_attempted').type).toBe('delivery_attempted');
    expect(typeOf('UNKNOWN', 'out_for_delivery').type).toBe('out_for_delivery');
    expect(typeOf('PRE_TRANSIT', 'package_accepted').type).toBe('shipped');
  });
});

describe('a Shippo value the table does not know', () => {
  it('an unknown substatus keeps its status’s type and names the value in a note', () => {
    expect(typeOf('TRANSIT', 'customs_hold')).toMatchObject({ type: 'in_transit', note: 'Carrier status: customs hold' });
    for (const code of ['constructor', '__proto__', 'valueOf']) {
      expect(typeOf('TRANSIT', code), code).toMatchObject({ type: 'in_transit', note: expect.stringMatching(/^Carrier status: /) });
    }
  });

  it('an unknown status after a plain in-transit scan is one more in transit, with a note naming the value', () => {
    for (const s of ['IN_CUSTOMS', 'transit', 'constructor', '__proto__']) {
      const e = after(['TRANSIT', 'package_arrived'], s, null);
      expect(e?.type, s).toBe('in_transit');
      expect(e?.note, s).toMatch(/^Carrier status: /);
    }
    expect(after(['TRANSIT', null], 'IN_CUSTOMS', 'held_by_customs')!.note).toBe('Carrier status: IN CUSTOMS, held by customs');
  });

  it('an unknown status anywhere else is left out, never an error: any type there would be a claim', () => {
    expect(events(webhook([status('IN_CUSTOMS', null, '2026-11-25T15:00:00Z')]))).toEqual([]);
    for (const before of [['PRE_TRANSIT', null], ['TRANSIT', 'package_accepted'], ['TRANSIT', 'out_for_delivery'], ['TRANSIT', 'delayed'], ['DELIVERED', null]] as [string, string | null][]) {
      expect(after(before, 'IN_CUSTOMS', null), before.join('/')).toBeUndefined();
    }
    expect(typeOf('IN_CUSTOMS', 'package_lost')).toMatchObject({ type: 'lost', note: 'Carrier status: IN CUSTOMS' });
  });

  it('never moves a package nor hides its exception: not back from out for delivery, not past a delay', () => {
    const state = (history: Status[]) => packageStatus(events(webhook(history)).map((e, i) => ({ id: i + 1, type: e.type, occurredAt: new Date(e.occurredAt), packageId: 1 })));
    const odd = () => status('IN_CUSTOMS', 'held_by_customs', '2026-11-26T13:00:00Z');
    expect(state([...JOURNEY, odd()])).toEqual(state(JOURNEY));
    const delayed = [...JOURNEY.slice(0, 3), status('TRANSIT', 'delayed', '2026-11-26T09:00:00Z')];
    expect(state([...delayed, odd()])).toEqual(state(delayed));
    expect(state(delayed)).toMatchObject({ stage: 'in_transit', exception: 'delayed' });
    expect(state([status('PRE_TRANSIT', null, '2026-11-24T18:00:00Z'), odd()])).toMatchObject({ stage: 'ready_to_ship' });
  });
});

describe('Shippo event ids', () => {
  it('the same payload again gives the same events, ids included', () => {
    expect(events(webhook(JOURNEY))).toEqual(events(webhook(JOURNEY)));
  });

  it('a newer payload (one more scan) keeps every old id and adds exactly one', () => {
    const before = events(webhook(JOURNEY)).map((e) => e.id);
    const after = events(webhook([...JOURNEY, status('DELIVERED', 'delivered', '2026-11-26T15:40:00Z')])).map((e) => e.id);
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
    expect(before.every((id) => after.includes(id))).toBe(true);
    expect(new Set(after).size).toBe(after.length);
  });

  it('payloads read out of order keep each scan’s own time, and the estimate sits on each payload’s newest scan', () => {
    const newer = events(webhook(JOURNEY));
    const older = events(webhook(JOURNEY.slice(0, 2)));
    const whenNewer = new Map(newer.map((e) => [e.id, e.occurredAt]));
    for (const e of older) expect(whenNewer.get(e.id)).toBe(e.occurredAt);
    expect(older.map((e) => e.occurredAt)).toEqual(['2026-11-24T18:00:00.000Z', '2026-11-24T23:10:00.000Z']);
    expect(older.map((e) => e.estimatedDelivery)).toEqual([undefined, '2026-11-27']);
    expect(newer.map((e) => e.estimatedDelivery)).toEqual([undefined, undefined, undefined, '2026-11-27']);
  });

  it('an estimate is news only while the package is still coming', () => {
    for (const [s, code] of [['DELIVERED', 'delivered'], ['RETURNED', 'return_to_sender'], ['TRANSIT', 'pickup_available'], ['FAILURE', 'package_lost']] as [string, string][]) {
      expect(events(webhook([...JOURNEY, status(s, code, '2026-11-26T15:40:00Z')])).some((e) => e.estimatedDelivery), s).toBe(false);
    }
    expect(events(webhook([...JOURNEY, status('TRANSIT', 'notice_left', '2026-11-26T15:40:00Z')])).at(-1)).toMatchObject({ type: 'delivery_attempted', estimatedDelivery: '2026-11-27' });
    expect(events(webhook([...JOURNEY, status('FAILURE', 'package_undeliverable', '2026-11-26T15:40:00Z')])).at(-1)).toMatchObject({ type: 'delayed', estimatedDelivery: '2026-11-27' });
  });

  it('a history listed newest first still puts the estimate on the newest scan', () => {
    const out = events(webhook([...JOURNEY].reverse(), { tracking_status: null }));
    expect(out.find((e) => e.estimatedDelivery)?.occurredAt).toBe('2026-11-26T12:05:00.000Z');
  });

  it('an id is the tracking number, the scan’s instant in UTC, status and substatus; another package’s scans differ', () => {
    const e = events(webhook([status('TRANSIT', 'package_arrived', '2026-11-25T10:00:00-05:00')]))[0]!;
    expect(e.id).toBe(`${NUMBER}:2026-11-25T15:00:00.000Z:TRANSIT:package_arrived`);
    const other = events(webhook([status('TRANSIT', 'package_arrived', '2026-11-25T15:00:00Z')], { tracking_number: '9205590164917312751090' }))[0]!;
    expect(other.id).not.toBe(e.id);
    const long = (c: string) => events(webhook([status('TRANSIT', c.repeat(120), '2026-11-25T15:00:00Z')]))[0]!.id;
    expect(long('a')).toHaveLength(128);
    expect(long('a')).not.toBe(long('b'));
  });
});

describe('what Shippo events carry', () => {
  it('the estimate is the eta’s day; an unreal or missing one is left out', () => {
    const est = (eta: string | null) => events(webhook(JOURNEY, { eta })).at(-1)!.estimatedDelivery;
    expect(est('2026-11-28T00:00:00Z')).toBe('2026-11-28');
    expect(est('2026-02-30T00:00:00Z')).toBeUndefined();
    expect(est(null)).toBeUndefined();
    expect(est('soon')).toBeUndefined();
  });

  it('the carrier token is normalized, and absent when Shippo has none', () => {
    expect(events(webhook(JOURNEY, { carrier: 'dhl_express' }))[0]!.carrier).toBe('DHL');
    expect(events(webhook(JOURNEY, { carrier: 'fedex' }))[0]!.carrier).toBe('FEDEX');
    expect(events(webhook(JOURNEY, { carrier: null }))[0]).not.toHaveProperty('carrier');
  });

  it('a place is city, state and a two-letter country; the zip and odd parts are left out', () => {
    const where = (location: unknown) => events(webhook([{ ...status('TRANSIT', null, '2026-11-25T15:00:00Z'), location }]))[0]!.location;
    expect(where({ city: 'Troy', state: 'MI', zip: '48084', country: 'us' })).toEqual({ city: 'Troy', region: 'MI', country: 'US' });
    expect(where({ city: ' ', state: '', zip: '48084', country: 'United States' })).toBeUndefined();
    expect(where(null)).toBeUndefined();
  });

  it('never carries a street, a full name, an email or a phone that the payload holds', () => {
    const PII = ['1428 Elm Street', 'Dana Whitfield', 'WHITFIELD', 'dana.whitfield@example.com', '555-867-5309'];
    const last = { ...status('DELIVERED', 'delivered', '2026-11-26T15:40:00Z'), status_details: 'Delivered to DANA WHITFIELD at 1428 Elm Street', location: { city: 'Troy', state: 'MI', zip: '48084', country: 'US', street1: '1428 Elm Street', name: 'Dana Whitfield' } };
    const payload = webhook([...JOURNEY, last], {
      metadata: 'Dana Whitfield 555-867-5309',
      messages: ['call dana.whitfield@example.com'],
      address_to: { name: 'Dana Whitfield', street1: '1428 Elm Street', city: 'Troy', state: 'MI', zip: '48084', country: 'US', phone: '555-867-5309', email: 'dana.whitfield@example.com' },
    });
    const out = JSON.stringify(map(payload));
    for (const s of PII) expect(out).not.toContain(s);
    expect(out).toContain('Troy');
  });

  it('every mapped event is one the seller API takes (trackingEventInput)', () => {
    const pairs: [string, string | null][] = [
      ['UNKNOWN', null], ['UNKNOWN', 'other'], ['PRE_TRANSIT', 'information_received'], ['TRANSIT', null], ['DELIVERED', 'delivered'],
      ['RETURNED', 'package_unclaimed'], ['FAILURE', 'package_lost'], ['IN_CUSTOMS', 'held_by_customs'],
      ...['address_issue', 'delivery_attempted', 'out_for_delivery', 'package_accepted', 'pickup_available', 'package_held'].map((c): [string, string] => ['TRANSIT', c]),
    ];
    const history = pairs.map(([s, c], i) => status(s, c, `2026-11-${String(10 + i).padStart(2, '0')}T09:15:00.000`, i % 2 ? 'Troy' : ''));
    const out = events(webhook(history));
    expect(out.length).toBeGreaterThanOrEqual(pairs.length - 3); // the UNKNOWN and IN_CUSTOMS scans not after plain transit are left out
    for (const e of out) {
      const parsed = trackingEventInput.safeParse(e);
      expect(parsed.success, `${e.id}: ${parsed.error?.message}`).toBe(true);
    }
  });
});
