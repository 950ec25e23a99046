import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventType } from '../../db/schema/tracking-events';
import { DomainError } from '../../src/domain/errors';
import { createOrderInput, trackingEventInput } from '../../src/domain/inputs';
import { FULFILLMENT_STATUS, SHIPMENT_STATUS, shopify } from '../../src/domain/integrations/shopify';
import { orderNumberFrom } from '../../src/domain/integrations/store-orders';
import type { HookRequest, SourceDelivery } from '../../src/domain/integrations/types';

// Shopify's webhooks as its docs describe them (shopify.dev/docs/apps/build/webhooks/verify-deliveries):
// base64 HMAC-SHA256 of the raw body in X-Shopify-Hmac-Sha256; payloads modelled on the REST
// Order and Fulfillment resources, street, surname, email and phone included on purpose.

const SECRET = 'shpss_porchlight_test_0001';
const ORDER = JSON.parse(readFileSync(new URL('./fixtures/shopify/orders-create.json', import.meta.url), 'utf8'));
const FULFILLMENT = JSON.parse(readFileSync(new URL('./fixtures/shopify/fulfillment.json', import.meta.url), 'utf8'));
const PRIVATE = ['Larchmont', '1423', 'Apt 5B', 'Whitfield', 'dana.whitfield', 'example.com', '5550142', '+1313', 'gate code', 'blue door', '203.0.113', '42.58', '-83.14'];

function request(body: Uint8Array | string, headers: Record<string, string> = {}): HookRequest {
  return {
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    header: (name) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1],
    url: new URL('https://porchlight.test/hooks/shopify/conn1'),
  };
}
const hmac = (body: string | Uint8Array, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');
const signed = (body: string, secret = SECRET) => request(body, { 'X-Shopify-Hmac-Sha256': hmac(body, secret) });
const deliver = (topic: string, payload: unknown) => shopify.map(request(JSON.stringify(payload), { 'X-Shopify-Topic': topic }), payload);
const fulfillment = (over: Record<string, unknown>) => ({ ...FULFILLMENT, ...over });
const eventsOf = (topic: string, payload: unknown) => deliver(topic, payload).flatMap((d) => d.events);

/** Every mapped result must be what the seller API itself accepts. */
function expectValid(deliveries: SourceDelivery[]) {
  for (const d of deliveries) {
    if (d.order) expect(createOrderInput.safeParse(d.order).error).toBeUndefined();
    for (const e of d.events) expect(trackingEventInput.safeParse(e).error).toBeUndefined();
  }
}

describe('Shopify signature (X-Shopify-Hmac-Sha256)', () => {
  const body = JSON.stringify(ORDER);

  it('accepts the body signed the documented way: base64 of HMAC-SHA256 over the raw bytes', () => {
    expect(shopify.verify(signed(body), SECRET)).toBe(true);
    // the header name in any case, as HTTP delivers it
    expect(shopify.verify(request(body, { 'x-shopify-hmac-sha256': hmac(body) }), SECRET)).toBe(true);
  });

  it('refuses a body altered by one byte', () => {
    const bytes = new TextEncoder().encode(body);
    const altered = bytes.slice();
    altered[10] = altered[10]! ^ 1;
    expect(shopify.verify(request(altered, { 'X-Shopify-Hmac-Sha256': hmac(bytes) }), SECRET)).toBe(false);
    expect(shopify.verify(request(`${body} `, { 'X-Shopify-Hmac-Sha256': hmac(body) }), SECRET)).toBe(false);
  });

  it('refuses a signature made with another secret, and any signature when no secret is set', () => {
    expect(shopify.verify(signed(body, 'shpss_someone_else'), SECRET)).toBe(false);
    expect(shopify.verify(request(body, { 'X-Shopify-Hmac-Sha256': hmac(body, '') }), '')).toBe(false);
  });

  it('refuses a missing header, a header of the wrong length and the hex form of the right digest', () => {
    const good = hmac(body);
    expect(shopify.verify(request(body), SECRET)).toBe(false);
    expect(shopify.verify(request(body, { 'X-Shopify-Hmac-Sha256': '' }), SECRET)).toBe(false);
    expect(shopify.verify(request(body, { 'X-Shopify-Hmac-Sha256': good.slice(0, -2) }), SECRET)).toBe(false);
    expect(shopify.verify(request(body, { 'X-Shopify-Hmac-Sha256': `${good}AAAA` }), SECRET)).toBe(false);
    const hex = createHmac('sha256', SECRET).update(body).digest('hex');
    expect(shopify.verify(request(body, { 'X-Shopify-Hmac-Sha256': hex }), SECRET)).toBe(false);
  });

  it('takes the delivery id from X-Shopify-Webhook-Id, or none', () => {
    expect(shopify.deliveryId(request('{}', { 'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' }), {})).toBe('b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
    expect(shopify.deliveryId(request('{}'), {})).toBeNull();
  });
});

describe('Shopify orders/create', () => {
  it('makes the order from the number, first name, language, town and items', () => {
    const result = deliver('orders/create', ORDER);
    expect(result).toEqual([{
      ref: { sourceOrderId: '5678901234567' },
      order: {
        orderNumber: '1001',
        customer: { firstName: 'Dana', language: 'en', email: 'dana.whitfield@example.com' },
        destination: { city: 'Troy', region: 'MI', postalCode: '48084', country: 'US' },
        items: [{ name: 'Ceramic mug', quantity: 2, sku: 'MUG-BLU' }, { name: 'Gift wrap', quantity: 1, sku: undefined }],
        placedAt: '2026-11-20T14:15:00.000Z',
      },
      events: [],
    }]);
    expectValid(result);
  });

  it('copies no street, surname, phone, note, IP or coordinates; the email only as the customer’s (kept only for Klaviyo)', () => {
    const [d] = deliver('orders/create', ORDER);
    expect(d!.order!.customer!.email).toBe('dana.whitfield@example.com');
    const text = JSON.stringify({ ...d, order: { ...d!.order, customer: { ...d!.order!.customer, email: undefined } } });
    for (const secret of PRIVATE) expect(text).not.toContain(secret);
  });

  it.each([
    ['#1001', 1001, '1001'],
    ['#EU 1001/A', 1001, 'EU-1001-A'],
    ['##42', 42, '42'],
    ['№77', 77, '77'],
    [null, 1002, '1002'],
    ['', 1003, '1003'],
    [`#${'9'.repeat(80)}`, 1, '9'.repeat(64)],
  ])('name %j (order_number %j) becomes order number %j', (name, orderNumber, expected) => {
    const [d] = deliver('orders/create', { ...ORDER, name, order_number: orderNumber });
    expect(d!.order!.orderNumber).toBe(expected);
    expectValid([d!]);
  });

  it('falls back to the order id when neither name nor number makes an order number', () => {
    expect(orderNumberFrom('#', null, 5678901234567)).toBe('5678901234567');
  });

  it.each([
    ['es', 'es'], ['es-MX', 'es'], ['ES_es', 'es'], ['en-US', 'en'], ['fr', 'en'], ['est', 'en'], [null, undefined],
  ])('customer_locale %j reads as language %j', (locale, language) => {
    expect(deliver('orders/create', { ...ORDER, customer_locale: locale })[0]!.order!.customer!.language).toBe(language);
  });

  it('greets the buyer, not a gift recipient: the customer’s first name comes before the shipping address’s', () => {
    const gift = { ...ORDER, shipping_address: { ...ORDER.shipping_address, first_name: 'Marisol' } };
    expect(deliver('orders/create', gift)[0]!.order!.customer!.firstName).toBe('Dana');
  });

  it('takes the first name from the shipping address when the customer has none', () => {
    const [d] = deliver('orders/create', { ...ORDER, customer: { ...ORDER.customer, first_name: null } });
    expect(d!.order!.customer!.firstName).toBe('Dana');
    const [none] = deliver('orders/create', { ...ORDER, customer: null, shipping_address: { ...ORDER.shipping_address, first_name: '  ' } });
    expect(none!.order!.customer!.firstName).toBeUndefined();
  });

  it('ships to the billing town when there is no shipping address; an order with no country at all is not created', () => {
    const billingOnly = { ...ORDER, shipping_address: null, billing_address: { ...ORDER.billing_address, city: 'Detroit', zip: '48201' } };
    expect(deliver('orders/create', billingOnly)[0]!.order!.destination).toEqual({ city: 'Detroit', region: 'MI', postalCode: '48201', country: 'US' });
    expect(deliver('orders/create', { ...ORDER, shipping_address: null, billing_address: null })).toEqual([]);
  });

  it('leaves out a malformed postal code rather than refusing the order', () => {
    const [d] = deliver('orders/create', { ...ORDER, shipping_address: { ...ORDER.shipping_address, zip: '48084/1234' } });
    expect(d!.order!.destination.postalCode).toBeUndefined();
    expectValid([d!]);
  });

  it('keeps at most 100 items, each with a whole quantity of at least 1', () => {
    const lines = Array.from({ length: 120 }, (_, i) => ({ title: `Item ${i}`, quantity: i === 0 ? 0 : 2.7, sku: null }));
    const items = deliver('orders/create', { ...ORDER, line_items: lines })[0]!.order!.items!;
    expect(items).toHaveLength(100);
    expect(items[0]).toEqual({ name: 'Item 0', quantity: 1, sku: undefined });
    expect(items[1]!.quantity).toBe(2);
  });

  it('reads an id past 2^53 (Shopify sample payloads) the same way for the order and its fulfillments', () => {
    const body = '{"id": 820982911946154508}';
    const big = JSON.parse(body).id as number;
    const order = deliver('orders/create', { ...ORDER, id: big })[0]!;
    const f = deliver('fulfillments/create', fulfillment({ order_id: big }))[0]!;
    expect(order.ref).toEqual(f.ref);
  });

  it('throws Invalid for a payload that is not a Shopify order', () => {
    for (const bad of [null, [], { id: 1 }, { ...ORDER, created_at: 'yesterday' }, { ...ORDER, id: -1 }]) {
      expect(() => deliver('orders/create', bad)).toThrow(DomainError);
    }
    try {
      deliver('orders/create', { ...ORDER, created_at: 'yesterday' });
    } catch (e) {
      expect((e as DomainError).code).toBe('validation_failed');
      expect((e as DomainError).message).toMatch(/^Shopify order: created_at/);
    }
  });

  it('says nothing for topics it does not take', () => {
    expect(deliver('orders/updated', ORDER)).toEqual([]);
    expect(deliver('products/create', { id: 1 })).toEqual([]);
    expect(shopify.map(request('{}'), ORDER)).toEqual([]);
  });
});

describe('Shopify fulfillments', () => {
  const TN = '1Z999AA10123456784';
  const CREATED = '2026-11-21T19:02:00.000Z';
  const UPDATED = '2026-11-23T15:30:00.000Z';
  const at = (shipment_status: string | null, status = 'success') =>
    fulfillment({ status, shipment_status, updated_at: '2026-11-23T10:30:00-05:00' });

  it('a successful fulfillment without a carrier status is "shipped", dated when it was made, with its package and carrier', () => {
    const result = deliver('fulfillments/create', FULFILLMENT);
    expect(result).toEqual([{
      ref: { sourceOrderId: '5678901234567' },
      events: [{ id: `4455667788990:shipped:${TN}`, type: 'shipped', occurredAt: CREATED, trackingNumber: TN, carrier: 'UPS', note: undefined }],
      // where the tracking link can be written back: the numbers as the shop wrote them, its URLs now
      storeShipment: { id: '4455667788990', trackingNumbers: [TN], carrier: 'UPS', urls: [`https://www.ups.com/track?tracknum=${TN}`] },
    }]);
    expectValid(result);
  });

  // Every documented shipment_status (REST Fulfillment resource, plus the GraphQL enum's newer values) on a shipped fulfillment.
  const onShipped: [string, EventType, string][] = [
    ['label_purchased', 'shipped', CREATED], // a label on a fulfillment already shipped adds no step
    ['label_printed', 'shipped', CREATED],
    ['confirmed', 'shipped', CREATED],
    ['carrier_picked_up', 'shipped', CREATED],
    ['in_transit', 'in_transit', UPDATED],
    ['out_for_delivery', 'out_for_delivery', UPDATED],
    ['attempted_delivery', 'delivery_attempted', UPDATED],
    ['ready_for_pickup', 'available_for_pickup', UPDATED],
    ['delayed', 'delayed', UPDATED],
    ['delivered', 'delivered', UPDATED],
    ['picked_up', 'delivered', UPDATED],
  ];
  it.each(onShipped)('shipment_status %s on a successful fulfillment → %s', (status, type, when) => {
    const result = deliver('fulfillments/update', at(status));
    expect(result[0]!.events).toEqual([{ id: `4455667788990:${type}:${TN}`, type, occurredAt: when, trackingNumber: TN, carrier: 'UPS', note: undefined }]);
    expectValid(result);
  });

  it('the table names every documented shipment_status and fulfillment status', () => {
    expect(Object.keys(SHIPMENT_STATUS).sort()).toEqual([
      'attempted_delivery', 'carrier_picked_up', 'confirmed', 'delayed', 'delivered', 'failure', 'in_transit',
      'label_printed', 'label_purchased', 'out_for_delivery', 'picked_up', 'ready_for_pickup',
    ]);
    expect(FULFILLMENT_STATUS).toEqual({
      pending: 'ready_to_ship', open: 'ready_to_ship', success: 'shipped', cancelled: 'cancelled', error: 'delayed', failure: 'delayed',
    });
  });

  it.each([
    ['pending', null, 'ready_to_ship', CREATED],
    ['open', null, 'ready_to_ship', CREATED],
    ['open', 'label_printed', 'ready_to_ship', CREATED],
    ['open', 'in_transit', 'in_transit', UPDATED],
    ['cancelled', 'in_transit', 'cancelled', UPDATED], // the fulfillment's own end overrides the carrier's last word
    ['error', null, 'delayed', UPDATED],
    ['failure', 'confirmed', 'delayed', UPDATED],
  ] as [string, string | null, EventType, string][])('fulfillment status %s with shipment_status %s → %s', (status, shipmentStatus, type, when) => {
    const [event] = eventsOf('fulfillments/update', at(shipmentStatus, status));
    expect(event).toMatchObject({ id: `4455667788990:${type}:${TN}`, type, occurredAt: when, trackingNumber: TN });
    expect(event!.note).toBeUndefined();
  });

  describe('a value it does not know, or "failure" (Shopify could not read the tracking): the neutral reading', () => {
    it('is the step the fulfillment itself proves, at the time it was made, with the value in a note — the same event as that step', () => {
      const known = eventsOf('fulfillments/create', FULFILLMENT);
      const unknown = eventsOf('fulfillments/update', at('buyer_action_required'));
      expect(unknown).toEqual([{ ...known[0], note: 'Latest status from the store: “buyer action required”.' }]);
      const failure = eventsOf('fulfillments/update', at('failure'));
      expect(failure).toEqual([{ ...known[0], note: 'Tracking details from the carrier could not be read.' }]);
      expectValid(deliver('fulfillments/update', at('buyer_action_required')));
    });

    it('never moves a pending fulfillment past "ready to ship"', () => {
      expect(eventsOf('fulfillments/update', at('buyer_action_required', 'open'))).toMatchObject([{ type: 'ready_to_ship', occurredAt: CREATED }]);
    });

    it('an unknown fulfillment status reads as "ready to ship" (the fulfillment exists), with a note', () => {
      const [event] = eventsOf('fulfillments/update', at(null, 'on_its_way_somewhere'));
      expect(event).toMatchObject({ type: 'ready_to_ship', occurredAt: CREATED, note: 'Latest status from the store: “on its way somewhere”.' });
      expect(eventsOf('fulfillments/update', at('in_transit', 'on_its_way_somewhere'))).toMatchObject([{ type: 'in_transit', occurredAt: UPDATED }]);
    });
  });

  it('gives one event per tracking number, spaces removed and upper-cased; an unusable number is left out', () => {
    const events = eventsOf('fulfillments/create', fulfillment({ tracking_numbers: ['1z 999 aa1 0123456784', 'LX123456789US', 'no/good', null], tracking_number: '1Z999AA10123456784' }));
    expect(events.map((e) => [e.id, e.trackingNumber])).toEqual([
      [`4455667788990:shipped:${TN}`, TN],
      ['4455667788990:shipped:LX123456789US', 'LX123456789US'],
    ]);
  });

  it('without a tracking number, a step is order-wide; an exception is left out (it would mark every package)', () => {
    const none = { tracking_numbers: [], tracking_number: null, tracking_company: null };
    expect(eventsOf('fulfillments/create', fulfillment(none))).toEqual([{ id: '4455667788990:shipped', type: 'shipped', occurredAt: CREATED, note: undefined }]);
    // no event, but still a live fulfillment the link can be written into; a cancelled one says nothing
    expect(deliver('fulfillments/update', { ...at('attempted_delivery'), ...none })).toEqual([{
      ref: { sourceOrderId: '5678901234567' }, events: [], storeShipment: expect.objectContaining({ id: '4455667788990', trackingNumbers: [] }),
    }]);
    expect(deliver('fulfillments/update', { ...at(null, 'cancelled'), ...none })).toEqual([]);
  });

  it('normalizes the carrier name and leaves it out when Shopify has none', () => {
    expect(eventsOf('fulfillments/create', fulfillment({ tracking_company: 'FedEx Ground' }))[0]!.carrier).toBe('FEDEX');
    expect(eventsOf('fulfillments/create', fulfillment({ tracking_company: 'Canada Post International Expedited Parcel Service' }))[0]!.carrier).toBe('OTHER');
    expect(eventsOf('fulfillments/create', fulfillment({ tracking_company: null }))[0]!.carrier).toBeUndefined();
  });

  it('a repeated delivery gives identical events', () => {
    expect(deliver('fulfillments/update', at('in_transit'))).toEqual(deliver('fulfillments/update', at('in_transit')));
  });

  it('a later restatement of the same step (only updated_at moved) keeps the same id', () => {
    const first = eventsOf('fulfillments/update', at('in_transit'));
    const again = eventsOf('fulfillments/update', fulfillment({ shipment_status: 'in_transit', updated_at: '2026-11-24T08:00:00-05:00' }));
    expect(again.map((e) => e.id)).toEqual(first.map((e) => e.id));
  });

  it('a newer status adds only its own event; an older one arriving after it still has its own id', () => {
    const ids = (status: string | null) => new Set(eventsOf('fulfillments/update', at(status)).map((e) => e.id));
    const seen = new Set([...ids(null), ...ids('in_transit')]);
    const newer = [...ids('out_for_delivery')].filter((id) => !seen.has(id));
    expect(newer).toEqual([`4455667788990:out_for_delivery:${TN}`]);
    // out of order: delivered first, then the older in-transit payload
    const late = eventsOf('fulfillments/update', fulfillment({ shipment_status: 'delivered', updated_at: '2026-11-25T12:00:00-05:00' }));
    const early = eventsOf('fulfillments/update', fulfillment({ shipment_status: 'in_transit', updated_at: '2026-11-22T09:00:00-05:00' }));
    expect(late.map((e) => e.id)).toEqual([`4455667788990:delivered:${TN}`]);
    expect(early.map((e) => e.id)).toEqual([`4455667788990:in_transit:${TN}`]);
    expect(early[0]!.occurredAt).toBe('2026-11-22T14:00:00.000Z');
  });

  it('copies nothing of the destination, recipient email or phone', () => {
    const text = JSON.stringify(['in_transit', 'delivered', 'buyer_action_required', null].map((s) => deliver('fulfillments/update', at(s))));
    for (const secret of PRIVATE) expect(text).not.toContain(secret);
    expect(text).not.toContain('Troy'); // a fulfillment's destination is not read at all
  });

  it('every reading of every status pair parses as a tracking event', () => {
    const statuses = [null, ...Object.keys(SHIPMENT_STATUS), 'something_new'];
    for (const status of [...Object.keys(FULFILLMENT_STATUS), 'unheard_of']) {
      for (const shipmentStatus of statuses) expectValid(deliver('fulfillments/update', at(shipmentStatus, status)));
    }
  });

  it('throws Invalid for a payload that is not a Shopify fulfillment', () => {
    for (const bad of [{}, { ...FULFILLMENT, order_id: null }, { ...FULFILLMENT, status: 7 }, { ...FULFILLMENT, updated_at: '23/11/2026' }]) {
      expect(() => deliver('fulfillments/update', bad)).toThrow(DomainError);
    }
  });
});
