import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmazonApiError, createAmazonClient, type AmazonClientOptions } from '../../src/domain/integrations/amazon-client';
import { mapTrackingDetails } from '../../src/domain/integrations/amazon';
import { trackingEventInput } from '../../src/domain/inputs';
import { SP_API_CREDENTIALS, startSpApiServer, type SpApiServer } from '../support/sp-api-server';

// The client against a local SP-API + LWA (tests/support/sp-api-server.ts): real HTTP, a fake clock.
// `sleep` records each wait and moves the clock, so backoff and pacing are exact and instant.

const TRACKING = {
  packageNumber: 212794778,
  trackingNumber: 'TBA312345678901',
  carrierCode: 'AMZN_US',
  shipToAddress: { city: 'Troy', state: 'MI', country: 'US' },
  currentStatus: 'OUT_FOR_DELIVERY',
  estimatedArrivalDate: '2026-11-21T04:00:00Z',
  trackingEvents: [
    { eventDate: '2026-11-20T13:02:00Z', eventAddress: { city: 'Troy', state: 'MI', country: 'US' }, eventCode: 'EVENT_302', eventDescription: 'Out for delivery.' },
    { eventDate: '2026-11-19T23:33:28Z', eventAddress: { city: 'Romulus', state: 'MI', country: 'US' }, eventCode: 'EVENT_201', eventDescription: 'Arrival scan.' },
  ],
};
const ORDER = {
  fulfillmentOrder: {
    sellerFulfillmentOrderId: 'PL-1042', marketplaceId: 'ATVPDKIKX0DER', displayableOrderId: 'PL-1042', displayableOrderDate: '2026-11-17T15:00:00Z',
    displayableOrderComment: 'Thank you', shippingSpeedCategory: 'Standard', fulfillmentOrderStatus: 'Complete',
    destinationAddress: { name: 'Jane Roe', addressLine1: '1234 Maple Street', city: 'Troy', stateOrRegion: 'MI', countryCode: 'US', postalCode: '48084', phone: '+12485550123' },
    notificationEmails: ['jane.roe@example.com'], receivedDate: '2026-11-17T15:01:00Z', statusUpdatedDate: '2026-11-18T17:00:00Z',
  },
  fulfillmentOrderItems: [{ sellerSku: 'MUG-1', sellerFulfillmentOrderItemId: 'i1', quantity: 1, cancelledQuantity: 0, unfulfillableQuantity: 0 }],
  fulfillmentShipments: [{
    amazonShipmentId: 'DchKfcZ9N', fulfillmentCenterId: 'RNO1', fulfillmentShipmentStatus: 'SHIPPED', shippingDate: '2026-11-18T17:00:00Z',
    fulfillmentShipmentItem: [{ sellerSku: 'MUG-1', sellerFulfillmentOrderItemId: 'i1', quantity: 1, packageNumber: 212794778 }],
    fulfillmentShipmentPackage: [
      { packageNumber: 212794778, carrierCode: 'AMZN_US', trackingNumber: 'TBA312345678901', estimatedArrivalDate: '2026-11-21T04:00:00Z' },
      { packageNumber: 212794779, carrierCode: 'UPS', trackingNumber: '1Z50V7420354708051', amazonFulfillmentTrackingNumber: 'TBA312345678902' },
    ],
  }],
  returnItems: [],
  returnAuthorizations: [],
};
const SECRETS = [SP_API_CREDENTIALS.lwaClientSecret, SP_API_CREDENTIALS.refreshToken, 'Atza|'];

let sp: SpApiServer;
let clock: number;
let waits: number[];

beforeEach(async () => {
  sp = await startSpApiServer({ orders: { 'PL-1042': ORDER }, tracking: { 212794778: TRACKING } });
  clock = Date.parse('2026-11-20T15:00:00Z');
  waits = [];
});
afterEach(() => sp.stop());

const client = (over: Partial<AmazonClientOptions> = {}) => createAmazonClient({
  credentials: { ...SP_API_CREDENTIALS },
  region: 'na',
  endpoint: sp.url,
  tokenUrl: sp.tokenUrl,
  now: () => clock,
  sleep: async (ms) => {
    waits.push(ms);
    clock += ms;
  },
  random: () => 0.5,
  ...over,
});

async function failure(p: Promise<unknown>): Promise<AmazonApiError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AmazonApiError);
  const text = `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack}`;
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  return e as AmazonApiError;
}

describe('the two calls', () => {
  it('getFulfillmentOrder: the order’s status and packages, and nothing of its address or items', async () => {
    const order = await client().getFulfillmentOrder('PL-1042');
    expect(order).toEqual({
      status: 'Complete',
      packages: [
        { packageNumber: 212794778, carrierCode: 'AMZN_US', trackingNumber: 'TBA312345678901', estimatedArrivalDate: '2026-11-21T04:00:00Z', shipmentStatus: 'SHIPPED' },
        { packageNumber: 212794779, carrierCode: 'UPS', trackingNumber: '1Z50V7420354708051', amazonFulfillmentTrackingNumber: 'TBA312345678902', shipmentStatus: 'SHIPPED' },
      ],
    });
    expect(JSON.stringify(order)).not.toMatch(/Jane|Maple|48084|5550123|example\.com|MUG-1/);
  });

  it('getPackageTrackingDetails: the payload, which maps to events the seller API takes', async () => {
    const details = await client().getPackageTrackingDetails(212794778);
    expect(details).toEqual(TRACKING);
    const events = mapTrackingDetails(details, { sellerFulfillmentOrderId: 'PL-1042' });
    expect(events.map((e) => e.type)).toEqual(['in_transit', 'out_for_delivery']);
    for (const e of events) expect(trackingEventInput.safeParse(e).success).toBe(true);
  });

  it('an order Amazon doesn’t know: not_found at once, not retried', async () => {
    const e = await failure(client().getFulfillmentOrder('NOPE-1'));
    expect(e).toMatchObject({ code: 'not_found', operation: 'getFulfillmentOrder', status: 404, retryable: false });
    expect(sp.requests).toHaveLength(1);
  });
});

describe('Login with Amazon', () => {
  it('one token, fetched once and sent on every call (two at once share the fetch)', async () => {
    const amazon = client();
    await Promise.all([amazon.getPackageTrackingDetails(212794778), amazon.getFulfillmentOrder('PL-1042')]);
    await amazon.getPackageTrackingDetails(212794778);
    expect(sp.refreshes).toBe(1);
    expect(new Set(sp.requests.map((r) => r.accessToken))).toEqual(new Set(['Atza|test-access-1']));
  });

  it('renewed a minute before expires_in runs out, not sooner', async () => {
    const amazon = client();
    await amazon.getFulfillmentOrder('PL-1042');
    clock += 3540_000 - 1;
    await amazon.getFulfillmentOrder('PL-1042');
    expect(sp.refreshes).toBe(1);
    clock += 1;
    await amazon.getFulfillmentOrder('PL-1042');
    expect(sp.refreshes).toBe(2);
    expect(sp.requests.at(-1)?.accessToken).toBe('Atza|test-access-2');
  });

  it('a 403 for an expired token: a new token, and the call goes through', async () => {
    const amazon = client();
    await amazon.getFulfillmentOrder('PL-1042');
    sp.expireTokens();
    await expect(amazon.getPackageTrackingDetails(212794778)).resolves.toEqual(TRACKING);
    expect(sp.refreshes).toBe(2);
    expect(sp.requests.slice(1).map((r) => [r.status, r.accessToken])).toEqual([[403, 'Atza|test-access-1'], [200, 'Atza|test-access-2']]);
  });

  it('renewed once per call: a fresh token refused too is an unauthorized error', async () => {
    sp.failNext({ kind: 'expired' }, { kind: 'expired' });
    const e = await failure(client().getPackageTrackingDetails(212794778));
    expect(e).toMatchObject({ code: 'unauthorized', status: 403, retryable: false });
    expect(sp.refreshes).toBe(2);
    expect(sp.requests).toHaveLength(2);
  });

  it('a refresh token LWA refuses: unauthorized, naming LWA’s error code and no secret', async () => {
    const e = await failure(client({ credentials: { ...SP_API_CREDENTIALS, refreshToken: 'Atzr|revoked-token' } }).getFulfillmentOrder('PL-1042'));
    expect(e).toMatchObject({ code: 'unauthorized', operation: 'lwa', status: 400 });
    expect(e.message).toContain('invalid_grant');
    expect(e.message).not.toContain('revoked-token');
    expect(sp.requests).toHaveLength(0);
  });
});

describe('throttling (429)', () => {
  it('waits with backoff from the rate the 429 carries, then retries', async () => {
    sp.failNext({ kind: 'throttle', rateLimit: '1' });
    await expect(client().getPackageTrackingDetails(212794778)).resolves.toEqual(TRACKING);
    expect(sp.requests.map((r) => r.status)).toEqual([429, 200]);
    // 1 request/s → a 1 s interval; first retry: 1–2 s (half of it jitter: 0.5 here)
    expect(waits).toEqual([1500]);
  });

  it('without a rate header, from the usage plan’s 2/s, doubling each time', async () => {
    sp.failNext({ kind: 'throttle' }, { kind: 'throttle' }, { kind: 'throttle' });
    await client().getFulfillmentOrder('PL-1042');
    expect(waits).toEqual([750, 1500, 3000]);
  });

  it('jitter stays within each step’s half', async () => {
    sp.failNext({ kind: 'throttle' }, { kind: 'throttle' });
    await client({ random: () => 0.999 }).getFulfillmentOrder('PL-1042');
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[0]).toBeLessThanOrEqual(1000);
    expect(waits[1]).toBeGreaterThanOrEqual(1000);
    expect(waits[1]).toBeLessThanOrEqual(2000);
  });

  it('bounded: after 5 retries a throttled error the poller can record', async () => {
    sp.failNext(...Array.from({ length: 6 }, () => ({ kind: 'throttle' as const })));
    const e = await failure(client().getPackageTrackingDetails(212794778));
    expect(e).toMatchObject({ code: 'throttled', operation: 'getPackageTrackingDetails', status: 429, retryable: true });
    expect(e.message).toContain('QuotaExceeded');
    expect(sp.requests).toHaveLength(6);
    expect(waits).toHaveLength(5);
  });
});

describe('server errors', () => {
  it('a 500 is retried with backoff', async () => {
    sp.failNext({ kind: 'status', status: 500 }, { kind: 'status', status: 503 });
    await expect(client().getPackageTrackingDetails(212794778)).resolves.toEqual(TRACKING);
    expect(waits).toEqual([1500, 3000]);
  });

  it('bounded: after 3 retries an unavailable error (typed, retryable, no secret)', async () => {
    sp.failNext(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 500 })));
    const e = await failure(client().getFulfillmentOrder('PL-1042'));
    expect(e).toMatchObject({ code: 'unavailable', operation: 'getFulfillmentOrder', status: 500, retryable: true, name: 'AmazonApiError' });
    expect(e.message).toContain('InternalFailure');
    expect(sp.requests).toHaveLength(4);
  });

  it('nobody answering at all: unavailable after bounded retries', async () => {
    const gone = sp.url;
    await sp.stop();
    const e = await failure(client({ endpoint: gone, tokenUrl: `${gone}/auth/o2/token` }).getFulfillmentOrder('PL-1042'));
    expect(e).toMatchObject({ code: 'unavailable', operation: 'lwa', status: null });
    expect(waits).toHaveLength(3);
    sp = await startSpApiServer({}); // for afterEach
  });
});

describe('pacing by x-amzn-RateLimit-Limit', () => {
  it.each([
    ['0.5', 2000],
    ['5', 200],
  ])('rate %s/s: one call every %i ms', async (rate, interval) => {
    sp.rateLimit = rate;
    const amazon = client();
    for (let i = 0; i < 3; i++) await amazon.getPackageTrackingDetails(212794778);
    expect(waits).toEqual([interval, interval]);
  });

  it('paced per operation: the other operation doesn’t wait', async () => {
    sp.rateLimit = '0.5';
    const amazon = client();
    await amazon.getPackageTrackingDetails(212794778);
    await amazon.getFulfillmentOrder('PL-1042');
    expect(waits).toEqual([]);
  });

  it('calls made at once are spaced, not sent together', async () => {
    sp.rateLimit = '1';
    const amazon = client();
    await amazon.getPackageTrackingDetails(212794778); // learns 1/s
    const start = clock;
    await Promise.all([amazon.getPackageTrackingDetails(212794778), amazon.getPackageTrackingDetails(212794778)]);
    // the fake sleep moves the clock at once: the second call waits its 1 s after the first's
    expect(waits).toEqual([1000, 1000]);
    expect(clock - start).toBe(2000);
  });
});
