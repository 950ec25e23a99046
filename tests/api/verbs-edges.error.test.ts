import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, newSeller, sampleOrder, startHarness, type Harness } from '../support/harness';
import { deliver, placeOrder, PKG1, PKG2, reportMissing, sellerOrder } from '../support/feedback-api';
import { devReply, newShop, optIn, orderToken, PHONE, rows, type Shop } from '../support/sms-api';

// What the seller and the customer read when a verb refuses, and the edges of what the verbs store:
// the words of each refusal, orders with nothing optional, the ledger's legal links.

let h: Harness;
beforeEach(async () => void (h = await startHarness()));
afterEach(() => h.close());

const refusal = async (res: Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  const { error } = await res.json();
  expect(error.code).toBe(code);
  return error.message as string;
};

describe('an order with nothing optional, and one with everything', () => {
  it('no customer, items, postal code, promised date or placedAt: created (201) and read back as nulls and empty lists', async () => {
    const { apiKey: key } = await newSeller(h);
    const res = await call(h, 'POST', '/api/v1/orders', { key, body: { orderNumber: 'BARE-1', destination: { country: 'US', region: 'WA' } } });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(order).toMatchObject({ customer: { firstName: null, language: null }, items: [], packages: [], promisedDate: null, destination: { postalCode: null, region: 'WA' } });
    expect(order.events.map((e: { type: string; occurredAt: string }) => [e.type, e.occurredAt])).toEqual([['order_placed', h.clock.now.toISOString()]]);
  });

  it('the customer’s language, promised date and a lower-case postal code are kept as given (the code upper-cased)', async () => {
    const { apiKey: key } = await newSeller(h);
    const body = { ...sampleOrder('FULL-1'), customer: { firstName: 'Ana', language: 'es' }, destination: { city: 'Toronto', region: 'on', postalCode: 'm5v 2t6', country: 'CA' } };
    const order = await (await call(h, 'POST', '/api/v1/orders', { key, body })).json();
    expect(order.customer).toEqual({ firstName: 'Ana', language: 'es' });
    expect(order.promisedDate).toBe('2026-11-27');
    expect(order.destination).toMatchObject({ postalCode: 'M5V 2T6', region: 'ON' });
  });

  it('a placedAt more than a year ahead is refused (422) and nothing is stored', async () => {
    const { apiKey: key } = await newSeller(h);
    const message = await refusal(await call(h, 'POST', '/api/v1/orders', { key, body: { ...sampleOrder(), placedAt: '2028-01-01T00:00:00Z' } }), 422, 'validation_failed');
    expect(message).toContain('placedAt');
    expect(await rows(h, 'SELECT id FROM orders')).toEqual([]);
  });

  it('an event whose delivery window lies more than a year ahead is refused (422), nothing stored', async () => {
    const { apiKey: key } = await newSeller(h);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    const event = { type: 'out_for_delivery', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: 'TBA312345678000', deliveryWindow: { start: '2028-06-01T15:00:00Z', end: '2028-06-01T19:00:00Z' } };
    expect(await refusal(await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: event }), 422, 'validation_failed')).toContain('deliveryWindow');
    expect(await rows(h, "SELECT id FROM tracking_events WHERE type = 'out_for_delivery'")).toEqual([]);
  });

  it('a missing order says so in words', async () => {
    const { apiKey: key } = await newSeller(h);
    expect(await refusal(await call(h, 'GET', '/api/v1/orders/NOPE-1', { key }), 404, 'not_found')).toBe('Order not found');
  });
});

describe('opt-in refusals say what to do', () => {
  let shop: Shop;
  let token: string;
  beforeEach(async () => {
    shop = await newShop(h);
    token = await orderToken(h, shop);
  });

  it.each([
    ['not a number', { phone: '12', consent: true }, 'phone_invalid', /mobile number/],
    ['a number from a country we do not text', { phone: '+44 7911 123456', consent: true }, 'phone_country_not_allowed', /countries we deliver to/],
    ['no consent', { phone: PHONE }, 'consent_required', /Check the box/],
  ])('%s → 422 %s with a plain message', async (_what, body, code, words) => {
    expect(await refusal(await optIn(h, token, body), 422, code)).toMatch(words);
  });

  it('a number that replied STOP is told how to turn texts back on (409)', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await devReply(h, PHONE, 'STOP');
    const other = await orderToken(h, shop, 'SO-2');
    expect(await refusal(await optIn(h, other, { phone: PHONE, consent: true }), 409, 'phone_opted_out')).toMatch(/Reply START/);
  });

  it('the same number again is the same subscription: 202 with its state, no second text', async () => {
    expect((await optIn(h, token, { phone: PHONE, consent: true })).status).toBe(202);
    const again = await optIn(h, token, { phone: '(415) 555-2671', consent: true });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ status: 'pending_confirmation', phoneLast4: '2671' });
    expect(await rows(h, "SELECT kind FROM sms_messages WHERE kind = 'confirm_request'")).toHaveLength(1);
  });

  it('a fifth different number on one order is refused (429) in words', async () => {
    for (const n of ['+14155550101', '+14155550102', '+14155550103', '+14155550104']) {
      expect((await optIn(h, token, { phone: n, consent: true }, { 'x-forwarded-for': n })).status).toBe(202);
    }
    expect(await refusal(await optIn(h, token, { phone: '+14155550105', consent: true }), 429, 'rate_limited')).toMatch(/changed too many times/);
  });

  it('a number already confirmed with this seller is not held to the daily limit of YES requests: four orders, all subscribed at once', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    await devReply(h, PHONE, 'YES');
    for (const n of ['SO-2', 'SO-3', 'SO-4', 'SO-5']) {
      const res = await optIn(h, await orderToken(h, shop, n), { phone: PHONE, consent: true });
      expect(await res.json()).toEqual({ status: 'subscribed', phoneLast4: '2671' });
    }
  });

  it('the consent ledger keeps the disclosure with its legal links, in the customer’s language', async () => {
    await optIn(h, token, { phone: PHONE, consent: true, lang: 'es' });
    const other = await orderToken(h, shop, 'SO-2');
    await optIn(h, other, { phone: '+14155550199', consent: true, lang: 'en' });
    const ledger = await rows(h, "SELECT language, disclosure_text FROM sms_consent_events WHERE event = 'opt_in' ORDER BY id");
    expect(ledger[0]!.disclosure_text).toContain('https://track.example.test/legal/sms-terms?lang=es');
    expect(ledger[0]!.disclosure_text).toContain('https://track.example.test/legal/privacy?lang=es');
    expect(ledger[1]!.disclosure_text).toContain('https://track.example.test/legal/sms-terms');
    expect(ledger[1]!.disclosure_text).not.toContain('?lang=');
  });

  it('an unsubscribe is written to the ledger with its order number', async () => {
    await optIn(h, token, { phone: PHONE, consent: true });
    expect((await call(h, 'POST', `/api/t/${token}/sms/unsubscribe`)).status).toBe(200);
    expect(await rows(h, "SELECT order_number FROM sms_consent_events WHERE event = 'unsubscribe'")).toEqual([{ order_number: 'SO-1001' }]);
  });
});

describe('not-received refusals and contacts', () => {
  let shop: Shop;
  beforeEach(async () => {
    const seller = await newSeller(h);
    shop = { key: seller.apiKey, sellerId: seller.sellerId, sellerName: 'Acme Goods' };
  });

  it('before anything is delivered, a report is refused (409) in words', async () => {
    const token = await placeOrder(h, shop);
    expect(await refusal(await reportMissing(h, token, { note: 'Where?' }), 409, 'not_delivered')).toMatch(/Nothing has been marked delivered/);
  });

  it('a package that is not delivered yet, or does not exist, is refused in words naming it', async () => {
    const token = await placeOrder(h, shop, 'SO-1001', [PKG1, PKG2]);
    await deliver(h, shop, 'SO-1001', PKG1);
    expect(await refusal(await reportMissing(h, token, { missing: 2 }), 409, 'not_delivered')).toMatch(/Package 2/);
    expect(await refusal(await reportMissing(h, token, { missing: 3 }), 422, 'validation_failed')).toMatch(/no package 3/);
  });

  it('a contact is an email or a phone number: spaces around it are fine, a sentence around a number is not', async () => {
    const token = await placeOrder(h, shop);
    await deliver(h, shop);
    expect(await refusal(await reportMissing(h, token, { contact: 'call me at 415 555 2671' }), 422, 'contact_invalid')).toMatch(/email address or a phone number/);
    expect((await reportMissing(h, token, { contact: '  (415) 555-2671 ext. 12  ' })).status).toBe(201);
    const order = await sellerOrder(h, shop);
    expect(order.reports[0]).toMatchObject({ contact: '+14155552671 ext. 12', contactKind: 'phone' });
  });

  it('an update without a contact keeps the one given; a new one replaces it', async () => {
    const token = await placeOrder(h, shop);
    await deliver(h, shop);
    await reportMissing(h, token, { note: 'Not here', contact: 'dana@example.com' });
    expect((await reportMissing(h, token, { note: 'Still not here' })).status).toBe(200);
    expect((await sellerOrder(h, shop)).reports[0]).toMatchObject({ note: 'Still not here', contact: 'dana@example.com' });
    await reportMissing(h, token, { contact: 'dana@work.example' });
    expect((await sellerOrder(h, shop)).reports[0]).toMatchObject({ contact: 'dana@work.example' });
  });

  it('resolving a report that is not this seller’s is a 404 in words', async () => {
    expect(await refusal(await call(h, 'POST', '/api/v1/reports/999/resolve', { key: shop.key, body: { note: 'x' } }), 404, 'not_found')).toBe('Report not found');
  });
});

