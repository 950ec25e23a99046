import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { trackingEventInput } from '../../src/domain/inputs';
import { easypost } from '../../src/domain/integrations/easypost';
import type { EventInput, HookRequest } from '../../src/domain/integrations/types';
import { packageStatus } from '../../src/domain/status';

// EasyPost's own webhook test vector (tests/unit/fixtures/easypost/NOTICE.md): this body, signed
// with the secret "sécret", carries this X-Hmac-Signature in easypost-node's test suite.
const FIXTURE = readFileSync(new URL('./fixtures/easypost/event-body.json', import.meta.url));
const FIXTURE_SECRET = 's\u00e9cret';
const FIXTURE_SIGNATURE = 'hmac-sha256-hex=38f3f53c103713df81616a0a186d77141957323ec21d5fe9363db93840f527db';

const SECRET = 'whsec-porchlight-test-0001';

function request(body: Uint8Array | string, headers: Record<string, string> = {}): HookRequest {
  return {
    body: typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body),
    header: (name) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1],
    url: new URL('https://porchlight.test/hooks/easypost/conn1'),
  };
}

/** easypost-node's Utils.validateWebhook (src/utils/util.js), step by step: NFKD key, the `weight` fix, hex HMAC-SHA256. */
function easypostSignature(body: string, secret: string): string {
  const key = Buffer.from(secret.normalize('NFKD'), 'utf8');
  const corrected = body.replace(/("weight":\s*)(\d+)(\s*)(?=,|\})/g, '$1$2.0');
  return `hmac-sha256-hex=${createHmac('sha256', key).update(corrected, 'utf-8').digest('hex')}`;
}

const signed = (body: string, secret = SECRET) => request(body, { 'X-Hmac-Signature': easypostSignature(body, secret) });

const TRACKER_ID = 'trk_c8e0edb5bb284caa934a0d3db23a148z';
const TRACKING_CODE = '9400100000000000000012';

interface Scan { status: string | null; status_detail: string | null; datetime: string | null; tracking_location?: unknown }
const scan = (status: string | null, status_detail: string | null, datetime: string, city = 'Troy'): Scan => ({
  status, status_detail, datetime, tracking_location: { object: 'TrackingLocation', city, state: 'MI', country: 'US', zip: '48084' },
});

function event(scans: Scan[], tracker: Record<string, unknown> = {}, description = 'tracker.updated') {
  return {
    object: 'Event', id: 'evt_1f6c0', mode: 'production', description,
    result: {
      id: TRACKER_ID, object: 'Tracker', tracking_code: TRACKING_CODE, carrier: 'USPS', status: 'in_transit',
      est_delivery_date: '2026-11-27T00:00:00Z', carrier_detail: null,
      tracking_details: scans.map((s) => ({ object: 'TrackingDetail', message: 'Scan', description: 'Scan', source: 'USPS', ...s })),
      ...tracker,
    },
  };
}

const map = (payload: unknown) => easypost.map(request(JSON.stringify(payload)), payload);
const events = (payload: unknown): EventInput[] => map(payload).flatMap((d) => d.events);
const typeOf = (status: string | null, detail: string | null) => events(event([scan(status, detail, '2026-11-25T15:00:00Z')]))[0]!;
/** The event a scan becomes after one of `before` (the reading in effect), or undefined when it is left out. */
const after = (before: [string, string | null], status: string | null, detail: string | null) => {
  const out = events(event([scan(...before, '2026-11-25T12:00:00Z'), scan(status, detail, '2026-11-25T15:00:00Z')]));
  return out.find((e) => e.occurredAt === '2026-11-25T15:00:00.000Z');
};

const JOURNEY = [
  scan('pre_transit', 'label_created', '2026-11-24T18:00:00Z'),
  scan('in_transit', 'received_at_origin_facility', '2026-11-24T23:10:00Z', 'Detroit'),
  scan('in_transit', 'departed_facility', '2026-11-25T04:30:00Z', 'Detroit'),
  scan('out_for_delivery', 'out_for_delivery', '2026-11-26T12:05:00Z'),
];

describe('EasyPost signature (X-Hmac-Signature)', () => {
  it('accepts EasyPost’s own test vector: its fixture body signed with "sécret"', () => {
    expect(easypost.verify(request(FIXTURE, { 'X-Hmac-Signature': FIXTURE_SIGNATURE }), FIXTURE_SECRET)).toBe(true);
  });

  it('keys the HMAC with the NFKD form of the secret, so é typed precomposed or decomposed both verify', () => {
    const req = request(FIXTURE, { 'x-hmac-signature': FIXTURE_SIGNATURE });
    expect(easypost.verify(req, 's\u00e9cret')).toBe(true);
    expect(easypost.verify(req, 'se\u0301cret')).toBe(true);
    expect(easypost.verify(req, 'secret')).toBe(false);
  });

  it('accepts a body signed as easypost-node computes it, and refuses it once one byte changes', () => {
    const body = JSON.stringify(event(JOURNEY));
    const header = easypostSignature(body, SECRET);
    expect(easypost.verify(request(body, { 'X-Hmac-Signature': header }), SECRET)).toBe(true);
    const bytes = new TextEncoder().encode(body);
    for (const at of [0, bytes.length >> 1, bytes.length - 1]) {
      const tampered = bytes.slice();
      tampered[at] = tampered[at]! ^ 0x01;
      expect(easypost.verify(request(tampered, { 'X-Hmac-Signature': header }), SECRET)).toBe(false);
    }
  });

  it('accepts an integer weight signed as "614.0" (the weight fix in easypost-node) and as the raw bytes', () => {
    const body = '{"object":"Event","id":"evt_9","description":"tracker.updated","result":{"weight": 614 ,"id":"trk_1"}}';
    expect(easypost.verify(signed(body), SECRET)).toBe(true);
    const raw = `hmac-sha256-hex=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    expect(easypost.verify(request(body, { 'X-Hmac-Signature': raw }), SECRET)).toBe(true);
  });

  it('refuses the wrong secret, a missing or empty header, and a header of the wrong shape or length', () => {
    const body = JSON.stringify(event(JOURNEY));
    const good = easypostSignature(body, SECRET);
    const hex = good.slice('hmac-sha256-hex='.length);
    expect(easypost.verify(signed(body, 'another-secret-0001'), SECRET)).toBe(false);
    expect(easypost.verify(request(body), SECRET)).toBe(false);
    for (const header of ['', hex, `sha256=${hex}`, good.slice(0, -1), `${good}0`, `${good} `, good.toUpperCase(), `hmac-sha256-hex=${'0'.repeat(64)}`]) {
      expect(easypost.verify(request(body, { 'X-Hmac-Signature': header }), SECRET), header).toBe(false);
    }
  });

  it('never verifies with an empty secret, even a body signed with the empty key', () => {
    const body = JSON.stringify(event(JOURNEY));
    expect(easypost.verify(signed(body, ''), '')).toBe(false);
  });
});

describe('EasyPost delivery id', () => {
  it('is the Event’s id, the same on every retry of that Event', () => {
    expect(easypost.deliveryId(request(FIXTURE), JSON.parse(FIXTURE.toString('utf8')))).toBe('evt_1');
    expect(easypost.deliveryId(request('{}'), event(JOURNEY))).toBe('evt_1f6c0');
  });

  it('is null for a body without one', () => {
    expect(easypost.deliveryId(request('{}'), {})).toBeNull();
    expect(easypost.deliveryId(request('[]'), [])).toBeNull();
    expect(easypost.deliveryId(request('{"id":""}'), { id: '' })).toBeNull();
  });
});

describe('EasyPost tracker events become scans', () => {
  it('maps EasyPost’s own fixture: one event per tracking detail, each with its own time and city, the estimate on the newest', () => {
    const [delivery, ...more] = map(JSON.parse(FIXTURE.toString('utf8')));
    expect(more).toEqual([]);
    expect(delivery!.ref).toEqual({ trackingNumber: '1' });
    expect(delivery!.events.map((e) => [e.type, e.occurredAt, e.location?.city ?? null])).toEqual([
      ['ready_to_ship', '2024-07-31T15:00:00.000Z', null],
      ['in_transit', '2024-07-31T19:27:00.000Z', 'ORLANDO'],
      ['in_transit', '2024-07-31T22:35:00.000Z', 'ORLANDO'],
      ['in_transit', '2024-08-01T14:42:13.000Z', 'ORLANDO'],
      ['in_transit', '2024-08-02T02:46:19.000Z', 'KENLY'],
      ['in_transit', '2024-08-02T18:35:20.000Z', 'EDISON TWP'],
      ['in_transit', '2024-08-02T18:50:00.000Z', 'EDISON'],
    ]);
    expect(delivery!.events[0]!.location).toEqual({ country: 'US' }); // a zip alone is not a place the page shows
    expect(delivery!.events[6]).toMatchObject({ location: { city: 'EDISON', region: 'NJ', country: 'US' }, carrier: 'FEDEX', trackingNumber: '1', estimatedDelivery: '2024-08-05' });
    expect(delivery!.events.slice(0, 6).every((e) => e.estimatedDelivery === undefined)).toBe(true);
    expect(delivery!.events[1]!.id).toBe('trk_1:2024-07-31T19:27:00.000Z:in_transit:arrived_at_facility');
  });

  it('tracker.created maps like tracker.updated; any other description says nothing', () => {
    expect(events(event(JOURNEY, {}, 'tracker.created'))).toHaveLength(4);
    for (const description of ['batch.created', 'shipment.invoice.created', 'insurance.purchased', 'refund.successful']) {
      expect(map({ object: 'Event', id: 'evt_2', description, result: { object: 'Batch', id: 'batch_1' } })).toEqual([]);
    }
  });

  it('a tracker with no scans yet says nothing', () => {
    expect(map(event([]))).toEqual([]);
    expect(map(event([], { tracking_details: null }))).toEqual([]);
  });

  it('refuses (422) a body that is not an EasyPost tracker event', () => {
    const bad: unknown[] = [
      null, 'tracker.updated', [], { description: 'tracker.updated' },
      event(JOURNEY, { tracking_code: undefined }), event(JOURNEY, { tracking_code: '  ' }), event(JOURNEY, { id: 7 }),
      event(JOURNEY, { tracking_details: 'none' }), event([scan('in_transit', null, 'yesterday')]), event([{ ...scan('in_transit', null, '2026-11-25T15:00:00Z'), tracking_location: 'Troy' }]),
      { ...event(JOURNEY), result: null },
    ];
    for (const payload of bad) {
      expect(() => map(payload), JSON.stringify(payload)?.slice(0, 80)).toThrow(DomainError);
      try { map(payload); } catch (e) { expect((e as DomainError).code).toBe('validation_failed'); }
    }
  });

  it('leaves out a scan with no time rather than inventing one', () => {
    const out = events(event([...JOURNEY, { ...scan('delivered', null, 'x'), datetime: null }]));
    expect(out.map((e) => e.type)).toEqual(['ready_to_ship', 'shipped', 'in_transit', 'out_for_delivery']);
  });
});

describe('EasyPost status and status_detail table', () => {
  // Every documented tracker status (easypost-node types/Tracker/TrackerStatus.d.ts), with a detail that adds nothing.
  const STATUSES: [string, string][] = [
    ['pre_transit', 'ready_to_ship'], ['in_transit', 'in_transit'], ['out_for_delivery', 'out_for_delivery'],
    ['delivered', 'delivered'], ['available_for_pickup', 'available_for_pickup'], ['return_to_sender', 'returning'],
    ['failure', 'delayed'], ['cancelled', 'cancelled'],
  ];
  it.each(STATUSES)('status %s is %s', (status, type) => {
    expect(typeOf(status, 'status_update')).toMatchObject({ type });
    expect(typeOf(status, null)).toMatchObject({ type });
    expect(typeOf(status, 'status_update').note).toBeUndefined();
  });

  it.each(['unknown', 'error'])('status %s classifies nothing: in transit after a plain in-transit scan, else left out', (status) => {
    expect(after(['in_transit', 'arrived_at_facility'], status, 'status_update')).toEqual(expect.objectContaining({ type: 'in_transit' }));
    expect(after(['in_transit', 'arrived_at_facility'], status, 'unknown')!.note).toBeUndefined();
    expect(events(event([scan(status, 'unknown', '2026-11-25T15:00:00Z')]))).toEqual([]);
    expect(after(['out_for_delivery', null], status, null)).toBeUndefined();
  });

  // Every documented status_detail (TrackerStatusDetail.d.ts), on an in_transit scan: the detail's own news, or in transit.
  const DETAILS: [string, string][] = [
    ['address_correction', 'delayed'], ['arrived_at_destination', 'in_transit'], ['arrived_at_facility', 'in_transit'],
    ['arrived_at_pickup_location', 'available_for_pickup'], ['awaiting_information', 'in_transit'], ['cancelled', 'cancelled'],
    ['damaged', 'delayed'], ['delayed', 'delayed'], ['delivery_exception', 'delivery_attempted'], ['departed_facility', 'in_transit'],
    ['departed_origin_facility', 'in_transit'], ['expired', 'in_transit'], ['failure', 'in_transit'], ['held', 'delayed'],
    ['in_transit', 'in_transit'], ['label_created', 'ready_to_ship'], ['lost', 'lost'], ['missorted', 'delayed'],
    ['out_for_delivery', 'out_for_delivery'], ['received_at_destination_facility', 'in_transit'],
    ['received_at_origin_facility', 'shipped'], ['refused', 'returning'], ['return', 'returning'], ['status_update', 'in_transit'],
    ['transferred_to_destination_carrier', 'in_transit'], ['transit_exception', 'delayed'], ['unknown', 'in_transit'],
    ['weather_delay', 'delayed'],
  ];
  it.each(DETAILS)('detail %s on an in_transit scan is %s', (detail, type) => {
    const e = typeOf('in_transit', detail);
    expect(e.type).toBe(type);
    expect(e.note).toBeUndefined();
  });

  it('a delivery, a pickup point, a return or a cancellation is the news whatever the detail adds', () => {
    expect(typeOf('delivered', 'delayed').type).toBe('delivered');
    expect(typeOf('delivered', 'arrived_at_destination').type).toBe('delivered');
    expect(typeOf('available_for_pickup', 'held').type).toBe('available_for_pickup');
    expect(typeOf('return_to_sender', 'damaged').type).toBe('returning');
    expect(typeOf('cancelled', 'lost').type).toBe('cancelled');
  });

  it('on the other statuses a detail with news of its own wins', () => {
    expect(typeOf('out_for_delivery', 'delivery_exception').type).toBe('delivery_attempted');
    expect(typeOf('failure', 'lost').type).toBe('lost');
    expect(typeOf('failure', 'refused').type).toBe('returning');
    expect(typeOf('pre_transit', 'cancelled').type).toBe('cancelled');
  });
});

describe('an EasyPost value the table does not know', () => {
  it('an unknown detail keeps its status’s type and names the value in a note', () => {
    expect(typeOf('in_transit', 'customs_hold')).toMatchObject({ type: 'in_transit', note: 'Carrier status: customs hold' });
    expect(typeOf('delivered', 'left_with_neighbour')).toMatchObject({ type: 'delivered', note: 'Carrier status: left with neighbour' });
    for (const detail of ['constructor', '__proto__', 'hasOwnProperty']) {
      expect(typeOf('in_transit', detail), detail).toMatchObject({ type: 'in_transit', note: expect.stringMatching(/^Carrier status: /) });
    }
  });

  it('an unknown status after a plain in-transit scan is one more in transit, with a note naming the value', () => {
    for (const status of ['in_customs', 'constructor', '__proto__', 'toString']) {
      const e = after(['in_transit', 'departed_facility'], status, 'status_update');
      expect(e?.type, status).toBe('in_transit');
      expect(e?.note, status).toMatch(/^Carrier status: /);
    }
    expect(after(['in_transit', null], 'in_customs', 'customs_hold')!.note).toBe('Carrier status: in customs, customs hold');
    expect(after(['in_transit', null], null, null)).toMatchObject({ type: 'in_transit' });
  });

  it('an unknown status anywhere else is left out, never an error: any type there would be a claim', () => {
    expect(events(event([scan('in_customs', 'status_update', '2026-11-25T15:00:00Z')]))).toEqual([]);
    for (const before of [['pre_transit', 'label_created'], ['received_at_origin_facility', null], ['out_for_delivery', null], ['in_transit', 'weather_delay'], ['delivered', null]] as [string, string | null][]) {
      expect(after(before, 'in_customs', 'status_update'), before.join('/')).toBeUndefined();
    }
  });

  it('an unknown status whose detail has news of its own is that news', () => {
    expect(typeOf('in_customs', 'lost')).toMatchObject({ type: 'lost', note: 'Carrier status: in customs' });
  });

  it('the reading in effect is the newest scan before it in time, whatever order EasyPost lists them in', () => {
    const listed = [scan('in_customs', null, '2026-11-25T15:00:00Z'), scan('out_for_delivery', null, '2026-11-26T12:05:00Z'), scan('in_transit', null, '2026-11-25T12:00:00Z')];
    expect(events(event(listed)).map((e) => [e.type, e.occurredAt])).toEqual([
      ['in_transit', '2026-11-25T12:00:00.000Z'], ['in_transit', '2026-11-25T15:00:00.000Z'], ['out_for_delivery', '2026-11-26T12:05:00.000Z'],
    ]);
  });

  it('never moves a package nor hides its exception: not back from out for delivery, not past a delay', () => {
    const status = (scans: Scan[]) => packageStatus(events(event(scans)).map((e, i) => ({ id: i + 1, type: e.type, occurredAt: new Date(e.occurredAt), packageId: 1 })));
    const odd = scan('in_customs', 'customs_hold', '2026-11-26T13:00:00Z');
    expect(status([...JOURNEY, odd])).toEqual(status(JOURNEY));
    const delayed = [...JOURNEY.slice(0, 3), scan('in_transit', 'weather_delay', '2026-11-26T09:00:00Z')];
    expect(status([...delayed, odd])).toEqual(status(delayed));
    expect(status(delayed)).toMatchObject({ stage: 'in_transit', exception: 'delayed' });
    expect(status([scan('pre_transit', null, '2026-11-24T18:00:00Z'), odd])).toMatchObject({ stage: 'ready_to_ship' });
  });
});

describe('EasyPost event ids', () => {
  it('the same payload again gives the same events, ids included', () => {
    expect(events(event(JOURNEY))).toEqual(events(event(JOURNEY)));
  });

  it('a newer payload (one more scan) keeps every old id and adds exactly one', () => {
    const before = events(event(JOURNEY)).map((e) => e.id);
    const after = events(event([...JOURNEY, scan('delivered', 'arrived_at_destination', '2026-11-26T15:40:00Z')])).map((e) => e.id);
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
    expect(before.every((id) => after.includes(id))).toBe(true);
    expect(new Set(after).size).toBe(after.length);
  });

  it('payloads read out of order keep each scan’s own time, and the estimate sits on each payload’s newest scan', () => {
    const newer = events(event(JOURNEY));
    const older = events(event(JOURNEY.slice(0, 2)));
    const whenNewer = new Map(newer.map((e) => [e.id, e.occurredAt]));
    for (const e of older) expect(whenNewer.get(e.id)).toBe(e.occurredAt);
    expect(older.map((e) => e.occurredAt)).toEqual(['2026-11-24T18:00:00.000Z', '2026-11-24T23:10:00.000Z']);
    expect(older.map((e) => e.estimatedDelivery)).toEqual([undefined, '2026-11-27']);
    expect(newer.map((e) => e.estimatedDelivery)).toEqual([undefined, undefined, undefined, '2026-11-27']);
  });

  it('an estimate is news only while the package is still coming', () => {
    for (const [status, detail] of [['delivered', null], ['available_for_pickup', null], ['return_to_sender', null], ['failure', 'lost'], ['cancelled', null]] as [string, string | null][]) {
      const out = events(event([...JOURNEY, scan(status, detail, '2026-11-26T15:40:00Z')]));
      expect(out.some((e) => e.estimatedDelivery), status).toBe(false);
    }
    expect(events(event([...JOURNEY, scan('failure', null, '2026-11-26T15:40:00Z')])).at(-1)).toMatchObject({ type: 'delayed', estimatedDelivery: '2026-11-27' });
  });

  it('an id is the tracker, the scan’s instant (in UTC, however EasyPost wrote its zone), status and detail', () => {
    const local = events(event([scan('in_transit', 'arrived_at_facility', '2026-11-25T10:00:00-05:00')]))[0]!;
    const utc = events(event([scan('in_transit', 'arrived_at_facility', '2026-11-25T15:00:00Z')]))[0]!;
    expect(local.id).toBe(`${TRACKER_ID}:2026-11-25T15:00:00.000Z:in_transit:arrived_at_facility`);
    expect(utc.id).toBe(local.id);
    expect(local.occurredAt).toBe('2026-11-25T15:00:00.000Z');
    const other = events(event([scan('in_transit', 'arrived_at_facility', '2026-11-25T15:00:00Z')], { id: 'trk_other' }))[0]!;
    expect(other.id).not.toBe(utc.id);
  });

  it('the same scan listed twice is one event; a long id is cut to 128 characters, still distinct and stable', () => {
    const twice = scan('in_transit', 'arrived_at_facility', '2026-11-25T15:00:00Z');
    expect(events(event([twice, twice]))).toHaveLength(1);
    const long = (s: string) => events(event([scan('in_transit', s.repeat(120), '2026-11-25T15:00:00Z')]))[0]!.id;
    expect(long('a')).toHaveLength(128);
    expect(long('a')).toBe(long('a'));
    expect(long('a')).not.toBe(long('b'));
  });
});

describe('what EasyPost events carry', () => {
  it('the estimate is the carrier’s local date when EasyPost has it, else est_delivery_date’s day; an unreal date is left out', () => {
    const est = (tracker: Record<string, unknown>) => events(event(JOURNEY, tracker)).at(-1)!.estimatedDelivery;
    expect(est({ carrier_detail: { est_delivery_date_local: '2026-11-28' } })).toBe('2026-11-28');
    expect(est({ carrier_detail: { est_delivery_date_local: null } })).toBe('2026-11-27');
    expect(est({ est_delivery_date: '2026-02-30T00:00:00Z' })).toBeUndefined();
    expect(est({ est_delivery_date: null })).toBeUndefined();
    expect(est({ est_delivery_date: '1970-01-01T00:00:00Z' })).toBeUndefined();
  });

  it('the carrier is normalized, and absent when EasyPost has none', () => {
    expect(events(event(JOURNEY, { carrier: 'FedExSmartPost' }))[0]!.carrier).toBe('FEDEX');
    expect(events(event(JOURNEY, { carrier: 'UPSDAP' }))[0]!.carrier).toBe('UPS');
    expect(events(event(JOURNEY, { carrier: null }))[0]).not.toHaveProperty('carrier');
  });

  it('a place is city, state and a two-letter country; empty or odd parts are left out', () => {
    const where = (loc: Record<string, unknown> | null) => events(event([{ ...scan('in_transit', null, '2026-11-25T15:00:00Z'), tracking_location: loc }]))[0]!.location;
    expect(where({ city: ' Troy ', state: 'MI', country: 'us', zip: '48084' })).toEqual({ city: 'Troy', region: 'MI', country: 'US' });
    expect(where({ city: '', state: null, country: 'USA' })).toBeUndefined();
    expect(where(null)).toBeUndefined();
    expect(where({ city: 'X'.repeat(200), state: 'Y'.repeat(60) })).toEqual({ city: 'X'.repeat(80), region: 'Y'.repeat(40) });
  });

  it('never carries a street, a full name, an email or a phone that the payload holds', () => {
    const PII = ['1428 Elm Street', 'Dana Whitfield', 'WHITFIELD', 'dana.whitfield@example.com', '555-867-5309', '+15558675309'];
    const detail = {
      ...scan('delivered', 'arrived_at_destination', '2026-11-26T15:40:00Z'),
      message: 'Delivered, left at front door of 1428 Elm Street. Signed: Dana Whitfield',
      description: 'Call 555-867-5309 or dana.whitfield@example.com',
      tracking_location: { object: 'TrackingLocation', city: 'Troy', state: 'MI', country: 'US', zip: '48084', street1: '1428 Elm Street', name: 'Dana Whitfield' },
    };
    const payload = event([...JOURNEY, detail], {
      signed_by: 'WHITFIELD', public_url: 'https://track.easypost.com/dana.whitfield@example.com',
      carrier_detail: { destination_location: '1428 Elm Street TROY MI', est_delivery_date_local: '2026-11-26', alternate_identifier: '+15558675309' },
      to_address: { name: 'Dana Whitfield', street1: '1428 Elm Street', phone: '555-867-5309', email: 'dana.whitfield@example.com' },
    });
    const out = JSON.stringify(map(payload));
    for (const s of PII) expect(out).not.toContain(s);
    expect(out).toContain('Troy');
  });

  it('every mapped event is one the seller API takes (trackingEventInput)', () => {
    const statuses = ['unknown', 'pre_transit', 'in_transit', 'out_for_delivery', 'delivered', 'available_for_pickup', 'return_to_sender', 'failure', 'cancelled', 'error', 'in_customs'];
    const details = ['in_transit', 'address_correction', 'arrived_at_pickup_location', 'delivery_exception', 'label_created', 'lost', 'received_at_origin_facility', 'refused', 'weather_delay', 'customs_hold', 'in_transit', null];
    const scans = statuses.flatMap((s, i) => details.map((d, j) => scan(s, d, `2026-11-${String(10 + i).padStart(2, '0')}T${String(j).padStart(2, '0')}:15:00-05:00`, j % 2 ? 'Troy' : ' ')));
    const out = events(event(scans, { carrier: 'USPS' }));
    expect(out.length).toBeGreaterThan(110);
    expect(out.some((e) => e.note)).toBe(true);
    for (const e of out) {
      const parsed = trackingEventInput.safeParse(e);
      expect(parsed.success, `${e.id}: ${parsed.error?.message}`).toBe(true);
      expect(parsed.data?.id).toBe(e.id);
    }
  });
});
