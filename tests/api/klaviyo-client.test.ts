import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KLAVIYO_REVISION, checkKlaviyoKey, klaviyoEventBody, sendKlaviyoEvent, type KlaviyoEventInput,
} from '../../src/domain/outbound/klaviyo';
import { startKlaviyoServer, type KlaviyoServer } from '../support/klaviyo-server';

// The Klaviyo sender against a local stand-in that answers as Klaviyo documents: the request
// shape and headers the official SDK puts on the wire, and how each answer is classified.

const KEY = 'pk_test_0123456789abcdef0123456789abcdef01';
const NOW = new Date('2026-11-27T14:00:00Z'); // 9 AM in New York
const shipped: KlaviyoEventInput = {
  touchpoint: 'shipped',
  deliveryId: 'dlv_42',
  occurredAt: new Date('2026-11-27T13:59:30Z'),
  customer: { email: 'ana@example.com', phone: '+12125550123', firstName: 'Ana' },
  orderNumber: '#1042',
  trackingUrl: 'https://track.example.com/t/AbCdEf',
  status: 'Shipped',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  language: 'en',
  expected: {
    kind: 'window', date: '2026-11-27', start: new Date('2026-11-27T13:00:00Z'), end: new Date('2026-11-28T01:00:00Z'),
    extendedEnd: null, source: 'carrier', stillToday: false, late: false,
  },
  zone: 'America/New_York',
  now: NOW,
};

let klaviyo: KlaviyoServer;
let narrowKey: KlaviyoServer; // a key made without any scope we use
beforeAll(async () => {
  klaviyo = await startKlaviyoServer({ privateKey: KEY });
  narrowKey = await startKlaviyoServer({ privateKey: KEY, scopes: [] });
});
afterAll(async () => {
  await klaviyo.stop();
  await narrowKey.stop();
});
const connection = (over: { baseUrl?: string; privateKey?: string; timeoutMs?: number } = {}) => ({ baseUrl: klaviyo.url, privateKey: KEY, timeoutMs: 2_000, ...over });
const last = () => klaviyo.requests.at(-1)!;

describe('sending a touchpoint to Klaviyo', () => {
  it('posts a "Porchlight Shipped" event carrying the tracking link, window and order number, and Klaviyo takes it', async () => {
    const outcome = await sendKlaviyoEvent({ ...connection(), body: klaviyoEventBody(shipped) });
    expect(outcome).toEqual({ ok: true, status: 202 });
    const req = last();
    expect(req).toMatchObject({ method: 'POST', path: '/api/events', status: 202 });
    expect(req.headers.authorization).toBe(`Klaviyo-API-Key ${KEY}`);
    expect(req.headers.revision).toBe(KLAVIYO_REVISION);
    expect(req.headers.accept).toBe('application/vnd.api+json');
    expect(req.headers['content-type']).toBe('application/vnd.api+json');
    expect(req.body).toEqual({
      data: {
        type: 'event',
        attributes: {
          properties: {
            OrderNumber: '#1042',
            TrackingUrl: 'https://track.example.com/t/AbCdEf',
            Status: 'Shipped',
            DeliveryWindow: 'Today, 8 AM – 8 PM',
            WindowStart: '2026-11-27T13:00:00.000Z',
            WindowEnd: '2026-11-28T01:00:00.000Z',
            Carrier: 'UPS',
            TrackingNumber: '1Z999AA10123456784',
            Language: 'en',
          },
          time: '2026-11-27T13:59:30.000Z',
          unique_id: 'dlv_42',
          metric: { data: { type: 'metric', attributes: { name: 'Porchlight Shipped' } } },
          profile: { data: { type: 'profile', attributes: { email: 'ana@example.com', phone_number: '+12125550123', first_name: 'Ana' } } },
        },
      },
    });
  });

  it('names an exception by its own metric, says "To be confirmed" without a window, and skips a blank email', async () => {
    const body = klaviyoEventBody({ ...shipped, touchpoint: 'exception', status: 'Delayed', expected: null, customer: { email: ' ', externalId: 'cust_7' } });
    expect(await sendKlaviyoEvent({ ...connection(), body })).toEqual({ ok: true, status: 202 });
    const attributes = (last().body as { data: { attributes: Record<string, any> } }).data.attributes;
    expect(attributes.metric.data.attributes.name).toBe('Porchlight Delivery Exception');
    expect(attributes.properties).toMatchObject({ DeliveryWindow: 'To be confirmed', WindowStart: null, WindowEnd: null });
    expect(attributes.profile.data.attributes).toEqual({ external_id: 'cust_7' });
  });

  it('refuses to build an event for a customer Klaviyo could not identify', () => {
    expect(() => klaviyoEventBody({ ...shipped, customer: { firstName: 'Ana', email: '' } })).toThrow(/email, a phone number or an external id/);
  });

  it('a wrong private key is not retried, and the seller is told to check the key', async () => {
    const outcome = await sendKlaviyoEvent({ ...connection({ privateKey: 'pk_wrong' }), body: klaviyoEventBody(shipped) });
    expect(outcome).toMatchObject({ ok: false, retryable: false, status: 401 });
    expect(outcome.ok || outcome.message).toMatch(/did not accept the private API key.*Integrations/);
    expect(outcome.ok || outcome.message).not.toContain('pk_wrong');
  });

  it('a key without the events:write scope is not retried, and the message names the scope', async () => {
    const outcome = await sendKlaviyoEvent({ ...connection({ baseUrl: narrowKey.url }), body: klaviyoEventBody(shipped) });
    expect(outcome).toMatchObject({ ok: false, retryable: false, status: 403 });
    expect(outcome.ok || outcome.message).toContain('events:write');
  });

  it('a 429 is retried after Klaviyo’s Retry-After, and the SDK does not retry it by itself', async () => {
    const before = klaviyo.requests.length;
    klaviyo.failNext({ kind: 'status', status: 429, retryAfter: 7 });
    const outcome = await sendKlaviyoEvent({ ...connection(), body: klaviyoEventBody(shipped) });
    expect(outcome).toMatchObject({ ok: false, retryable: true, status: 429, retryAfterMs: 7_000 });
    expect(klaviyo.requests.length - before).toBe(1);
  });

  it('a 500 is retried later', async () => {
    klaviyo.failNext({ kind: 'status', status: 500 });
    expect(await sendKlaviyoEvent({ ...connection(), body: klaviyoEventBody(shipped) })).toMatchObject({ ok: false, retryable: true, status: 500 });
  });

  it('a Klaviyo that never answers is given up on within timeoutMs, to be retried', async () => {
    klaviyo.failNext({ kind: 'hang' });
    const started = performance.now();
    const outcome = await sendKlaviyoEvent({ ...connection({ timeoutMs: 300 }), body: klaviyoEventBody(shipped) });
    const took = performance.now() - started;
    expect(outcome).toMatchObject({ ok: false, retryable: true, message: expect.stringContaining('within 300 ms') });
    expect(outcome.ok || outcome.status).toBeUndefined();
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(1_500);
  });

  it('an unreachable Klaviyo is retried later', async () => {
    const gone = await startKlaviyoServer({ privateKey: KEY });
    await gone.stop();
    expect(await sendKlaviyoEvent({ ...connection({ baseUrl: gone.url }), body: klaviyoEventBody(shipped) })).toMatchObject({ ok: false, retryable: true });
  });
});

describe('the stand-in refuses what Klaviyo refuses', () => {
  it('a profile without an identifier is a 400 naming the field, not retried', async () => {
    const body = klaviyoEventBody(shipped);
    body.data.attributes.profile.data.attributes = { firstName: 'Ana' };
    const outcome = await sendKlaviyoEvent({ ...connection(), body });
    expect(outcome).toMatchObject({ ok: false, retryable: false, status: 400 });
    expect(outcome.ok || outcome.message).toContain('/data/attributes/profile/data/attributes');
    expect((last().response as { errors: unknown[] }).errors[0]).toMatchObject({ status: 400, code: 'invalid', title: 'Invalid input.', source: { pointer: '/data/attributes/profile/data/attributes' } });
  });

  it('a request without a published revision is a 400', async () => {
    const answer = await fetch(`${klaviyo.url}/api/events`, { method: 'POST', headers: { authorization: `Klaviyo-API-Key ${KEY}`, revision: '2026-13-01', 'content-type': 'application/vnd.api+json' }, body: '{}' });
    expect(answer.status).toBe(400);
    expect((await answer.json()).errors[0]).toMatchObject({ code: 'invalid', source: { header: 'revision' } });
  });
});

describe('checking a key a seller enters', () => {
  it('a good key is accepted and names the Klaviyo account', async () => {
    expect(await checkKlaviyoKey(connection())).toEqual({ ok: true, status: 200, accountName: 'Stand-in Shop' });
    expect(last()).toMatchObject({ method: 'GET', path: '/api/accounts', status: 200 });
  });
  it('a wrong key is refused with the plain message', async () => {
    expect(await checkKlaviyoKey(connection({ privateKey: 'pk_nope' }))).toMatchObject({ ok: false, retryable: false, status: 401 });
  });
  it('a genuine key without accounts:read still passes: sending does not need it', async () => {
    expect(await checkKlaviyoKey(connection({ baseUrl: narrowKey.url }))).toEqual({ ok: true, status: 403, accountName: null });
  });
});
