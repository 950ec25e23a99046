import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventType } from '../../db/schema/tracking-events';
import { DomainError } from '../../src/domain/errors';
import { createOrderInput, trackingEventInput } from '../../src/domain/inputs';
import { ORDER_STATUS, decodeHtml, isWooPing, wooSigningKey, woocommerce } from '../../src/domain/integrations/woocommerce';
import type { HookRequest, SourceDelivery } from '../../src/domain/integrations/types';

// WooCommerce core webhooks as WC_Webhook delivers them (plugins/woocommerce/includes/class-wc-webhook.php):
// base64 HMAC-SHA256 of the JSON body in X-WC-Webhook-Signature, the REST API v3 order as the
// payload, and an unsigned `webhook_id=N` ping on activation. The fixture is the REST docs' order
// example with a street, surname, email and phone in it on purpose.

const SECRET = 'wc-porchlight-test-0001';
const ORDER = JSON.parse(readFileSync(new URL('./fixtures/woocommerce/order.json', import.meta.url), 'utf8'));
const PRIVATE = ['Olivo', 'Piso 3', 'Ferreira', 'Montes', 'lucia.ferreira', 'example.org', '5550177', '+1210', 'Priya', '203.0.113', 'Mozilla', 'ch_3PqExample', 'wc_order_'];

function request(body: Uint8Array | string, headers: Record<string, string> = {}): HookRequest {
  return {
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    header: (name) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1],
    url: new URL('https://porchlight.test/hooks/woocommerce/conn1'),
  };
}
const sign = (body: string | Uint8Array, key = SECRET) => createHmac('sha256', key).update(body).digest('base64');
const signed = (body: string, key = SECRET) => request(body, { 'X-WC-Webhook-Signature': sign(body, key) });
const deliver = (payload: unknown, topic = 'order.updated') => woocommerce.map(request(JSON.stringify(payload), { 'X-WC-Webhook-Topic': topic }), payload);
const order = (over: Record<string, unknown>) => ({ ...ORDER, ...over });
const eventsOf = (payload: unknown) => deliver(payload).flatMap((d) => d.events);
const tracked = (...items: unknown[]) => [...ORDER.meta_data, { id: 13200, key: '_wc_shipment_tracking_items', value: items }];
const ITEM = { tracking_provider: 'usps', custom_tracking_provider: '', custom_tracking_link: '', tracking_number: '9400 1118 9922 3197 4284 90', date_shipped: '1795795200', tracking_id: 'a1b2c3d4e5f6' };
const SHIPPED_AT = '2026-11-27T16:00:00.000Z'; // 1795795200

function expectValid(deliveries: SourceDelivery[]) {
  for (const d of deliveries) {
    if (d.order) expect(createOrderInput.safeParse(d.order).error).toBeUndefined();
    for (const e of d.events) expect(trackingEventInput.safeParse(e).error).toBeUndefined();
  }
}

describe('WooCommerce signature (X-WC-Webhook-Signature)', () => {
  const body = JSON.stringify(ORDER);

  it('accepts the body signed the documented way: base64 of HMAC-SHA256 over the raw body', () => {
    expect(woocommerce.verify(signed(body), SECRET)).toBe(true);
    expect(woocommerce.verify(request(body, { 'x-wc-webhook-signature': sign(body) }), SECRET)).toBe(true);
  });

  it('refuses a body altered by one byte, another secret, a missing header or one of the wrong length', () => {
    const bytes = new TextEncoder().encode(body);
    const altered = bytes.slice();
    altered[bytes.length - 2] = altered[bytes.length - 2]! ^ 1;
    expect(woocommerce.verify(request(altered, { 'X-WC-Webhook-Signature': sign(bytes) }), SECRET)).toBe(false);
    expect(woocommerce.verify(signed(body, 'wc-someone-else'), SECRET)).toBe(false);
    expect(woocommerce.verify(request(body), SECRET)).toBe(false);
    expect(woocommerce.verify(request(body, { 'X-WC-Webhook-Signature': sign(body).slice(1) }), SECRET)).toBe(false);
    expect(woocommerce.verify(request(body, { 'X-WC-Webhook-Signature': createHmac('sha256', SECRET).update(body).digest('hex') }), SECRET)).toBe(false);
    expect(woocommerce.verify(request(body, { 'X-WC-Webhook-Signature': sign(body, '') }), '')).toBe(false);
  });

  it('signs with the secret HTML-decoded once, as WordPress does (wp_specialchars_decode, ENT_QUOTES)', () => {
    expect(wooSigningKey('a&lt;b&amp;c&#039;d&quot;e&#x27;f&gt;')).toBe('a<b&c\'d"e\'f>');
    expect(wooSigningKey('plain&amp;amp;')).toBe('plain&amp;'); // once, not until nothing is left
    expect(wooSigningKey('keep&nbsp;&copy;')).toBe('keep&nbsp;&copy;'); // only the five special characters
    // a secret saved through sanitize_text_field (a lone < stored as &lt;) verifies whichever form the seller pasted
    const req = request(body, { 'X-WC-Webhook-Signature': sign(body, 'x<y&z') });
    expect(woocommerce.verify(req, 'x<y&z')).toBe(true);
    expect(woocommerce.verify(req, 'x&lt;y&amp;z')).toBe(true);
  });
});

describe('WooCommerce creation ping', () => {
  const ping = request('webhook_id=15', { 'Content-Type': 'application/x-www-form-urlencoded' });

  it('is recognized by its form body alone, and maps to nothing', () => {
    expect(isWooPing(ping)).toBe(true);
    expect(woocommerce.ping!(ping)).toBe(true);
    expect(woocommerce.map(ping, undefined)).toEqual([]);
    expect(woocommerce.deliveryId(ping, undefined)).toBeNull();
  });

  it('is not a signed delivery: verify stays false for it (the route answers it through ping())', () => {
    expect(woocommerce.verify(ping, SECRET)).toBe(false);
  });

  it('is only that exact body: a look-alike or an order is not a ping', () => {
    for (const body of ['webhook_id=', 'webhook_id=15&x=1', 'webhook_id=abc', ' webhook_id=15', '{"webhook_id":15}', JSON.stringify(ORDER)]) {
      expect(isWooPing(request(body))).toBe(false);
    }
  });
});

describe('WooCommerce delivery id', () => {
  it('is X-WC-Webhook-Delivery-ID with the body’s digest: WooCommerce reuses the header within one second', () => {
    const header = { 'X-WC-Webhook-Delivery-ID': '7c0e5b2a9d1f4e3c8b6a5d4c3b2a1f0e' };
    const a = woocommerce.deliveryId(request('{"id":1}', header), {});
    expect(a).toMatch(/^7c0e5b2a9d1f4e3c8b6a5d4c3b2a1f0e:[0-9a-f]{16}$/);
    expect(woocommerce.deliveryId(request('{"id":1}', header), {})).toBe(a);
    expect(woocommerce.deliveryId(request('{"id":2}', header), {})).not.toBe(a);
    expect(woocommerce.deliveryId(request('{"id":1}'), {})).toBeNull();
  });
});

describe('WooCommerce order.created / order.updated', () => {
  // The *_gmt fields carry no zone: they must read as UTC whatever the server's own zone is.
  beforeAll(() => void vi.stubEnv('TZ', 'America/Chicago'));
  afterAll(() => void vi.unstubAllEnvs());

  it('makes a paid order from the number, first name, town and items (names un-escaped)', () => {
    const result = deliver(ORDER, 'order.created');
    expect(result).toEqual([{
      ref: { sourceOrderId: '727' },
      order: {
        orderNumber: '727',
        customer: { firstName: 'Lucía', email: 'lucia.ferreira@example.org' },
        destination: { city: 'San Antonio', region: 'TX', postalCode: '78205', country: 'US' },
        items: [
          { name: 'Woo Single #1', quantity: 2, sku: undefined },
          { name: 'Ship Your Idea – Color: Black, Size: M Test', quantity: 1, sku: 'SYI-BLK-M' },
        ],
        placedAt: '2026-11-20T14:15:00.000Z',
      },
      events: [],
    }]);
    expectValid(result);
  });

  it('copies no street, surname, email, phone, customer note, IP or payment detail', () => {
    const payload = order({ status: 'completed', date_completed_gmt: '2026-11-21T10:00:00', meta_data: tracked(ITEM) });
    const deliveries = [deliver(ORDER), deliver(payload), deliver(order({ status: 'wc-awaiting-pickup' }))].flat();
    // the billing email goes on only as the customer's (kept, sealed, only for a seller with Klaviyo)
    expect(new Set(deliveries.flatMap((d) => (d.order ? [d.order.customer?.email] : [])))).toEqual(new Set(['lucia.ferreira@example.org']));
    const text = JSON.stringify(deliveries.map((d) => (d.order ? { ...d, order: { ...d.order, customer: { ...d.order.customer, email: undefined } } } : d)));
    for (const secret of PRIVATE) expect(text).not.toContain(secret);
  });

  // Every core status: the event it adds, and whether it creates the order when Porchlight has none.
  const table: [string, EventType | null, boolean][] = [
    ['pending', null, false],
    ['checkout-draft', null, false],
    ['processing', null, true],
    ['on-hold', null, true],
    ['completed', 'shipped', true],
    ['cancelled', 'cancelled', false],
    ['refunded', 'cancelled', false],
    ['failed', 'cancelled', false],
    ['trash', null, false],
  ];
  it.each(table)('status %s → event %s, creates the order: %s', (status, type, creates) => {
    const result = deliver(order({ status }));
    const events = result.flatMap((d) => d.events);
    expect(events.map((e) => e.type)).toEqual(type ? [type] : []);
    if (type) expect(events[0]!.id).toBe(`727:status:${type}`);
    expect(result.some((d) => d.order)).toBe(creates);
    if (!type && !creates) expect(result).toEqual([]);
    expectValid(result);
  });

  it('the table names every core status', () => {
    expect(Object.keys(ORDER_STATUS).sort()).toEqual(table.map(([s]) => s).sort());
  });

  it('dates "completed" when it was completed, and a cancellation when the order last changed', () => {
    expect(eventsOf(order({ status: 'completed', date_completed_gmt: '2026-11-21T10:00:00', date_modified_gmt: '2026-11-22T08:00:00' })))
      .toEqual([{ id: '727:status:shipped', type: 'shipped', occurredAt: '2026-11-21T10:00:00.000Z' }]);
    expect(eventsOf(order({ status: 'cancelled', date_modified_gmt: '2026-11-22T08:00:00' })))
      .toEqual([{ id: '727:status:cancelled', type: 'cancelled', occurredAt: '2026-11-22T08:00:00.000Z' }]);
  });

  it('a refund after the order was completed says nothing about the parcel', () => {
    expect(deliver(order({ status: 'refunded', date_completed_gmt: '2026-11-21T10:00:00' }))).toEqual([]);
  });

  it('an unknown (plugin) status is a note on the "placed" step at the time it was placed — no stage moves', () => {
    const events = eventsOf(order({ status: 'awaiting-shipment' }));
    expect(events).toEqual([{
      id: '727:status:other:awaiting-shipment', type: 'order_placed', occurredAt: '2026-11-20T14:15:00.000Z',
      note: 'Latest status from the store: “awaiting shipment”.',
    }]);
    expectValid(deliver(order({ status: 'awaiting-shipment' })));
  });

  it('an unknown status creates the order only once it is paid', () => {
    expect(deliver(order({ status: 'awaiting-shipment' }))[0]!.order).toBeDefined();
    expect(deliver(order({ status: 'awaiting-quote', date_paid_gmt: null }))[0]!.order).toBeUndefined();
  });

  describe('shipment tracking items (_wc_shipment_tracking_items)', () => {
    it('give a "shipped" event per package, dated the day shipped, with the normalized carrier', () => {
      const second = { ...ITEM, tracking_provider: '', custom_tracking_provider: 'DHL Express', tracking_number: 'JD014600006281230704', tracking_id: 'f6e5d4c3b2a1' };
      const result = deliver(order({ meta_data: tracked(ITEM, second) }));
      expect(result[0]!.events).toEqual([
        { id: '727:track:a1b2c3d4e5f6', type: 'shipped', occurredAt: SHIPPED_AT, trackingNumber: '9400111899223197428490', carrier: 'USPS' },
        { id: '727:track:f6e5d4c3b2a1', type: 'shipped', occurredAt: SHIPPED_AT, trackingNumber: 'JD014600006281230704', carrier: 'DHL' },
      ]);
      expectValid(result);
    });

    it('with them, "completed" adds no second order-wide "shipped"', () => {
      const events = eventsOf(order({ status: 'completed', date_completed_gmt: '2026-11-28T10:00:00', meta_data: tracked(ITEM) }));
      expect(events.map((e) => e.id)).toEqual(['727:track:a1b2c3d4e5f6']);
    });

    it('read items stored as an object keyed by index (an array with a gap), skip unreadable ones and repeated numbers', () => {
      const meta = [{ key: '_wc_shipment_tracking_items', value: { 1: ITEM, 3: { ...ITEM, tracking_id: 'again' }, 4: 'garbage', 5: { ...ITEM, tracking_number: '?' } } }];
      expect(eventsOf(order({ meta_data: meta })).map((e) => e.id)).toEqual(['727:track:a1b2c3d4e5f6']);
    });

    it('without tracking_id, the tracking number names the event; without date_shipped, the completion date dates it', () => {
      const item = { tracking_provider: 'ups', tracking_number: '1Z999AA10123456784' };
      expect(eventsOf(order({ status: 'processing', date_completed_gmt: '2026-11-25T09:00:00', meta_data: tracked(item) })))
        .toEqual([{ id: '727:track:1Z999AA10123456784', type: 'shipped', occurredAt: '2026-11-25T09:00:00.000Z', trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }]);
    });
  });

  it('repeated order.updated deliveries (each with a new date_modified) give the same ids', () => {
    const first = eventsOf(order({ status: 'cancelled', date_modified_gmt: '2026-11-22T08:00:00', meta_data: tracked(ITEM) }));
    const again = eventsOf(order({ status: 'cancelled', date_modified_gmt: '2026-11-23T17:45:10', meta_data: tracked(ITEM) }));
    expect(again.map((e) => e.id)).toEqual(first.map((e) => e.id));
    expect(deliver(ORDER)).toEqual(deliver(ORDER));
  });

  it('a newer payload adds only what is new; an older one arriving later keeps its own ids', () => {
    const ids = (payload: unknown) => eventsOf(payload).map((e) => e.id);
    const older = order({ status: 'processing', meta_data: tracked(ITEM) });
    const newer = order({ status: 'completed', date_completed_gmt: '2026-11-28T10:00:00', meta_data: tracked(ITEM, { ...ITEM, tracking_number: 'LX123456789US', tracking_id: 'second' }) });
    const newIds = ids(newer).filter((id) => !ids(older).includes(id));
    expect(newIds).toEqual(['727:track:second']);
    expect(ids(older)).toEqual(['727:track:a1b2c3d4e5f6']); // the same after the newer one as before it
  });

  it('says nothing for other topics', () => {
    for (const topic of ['order.deleted', 'order.restored', 'product.updated', 'action.woocommerce_new_order']) expect(deliver(ORDER, topic)).toEqual([]);
    expect(woocommerce.map(request('{}'), ORDER)).toEqual([]);
  });

  it('a virtual order ships nowhere: the billing town is used, and with no country nothing is created', () => {
    const virtual = order({ shipping: { first_name: '', last_name: '', address_1: '', city: '', state: '', postcode: '', country: '' } });
    expect(deliver(virtual)[0]!.order!.destination).toEqual({ city: 'San Antonio', region: 'TX', postalCode: '78205', country: 'US' });
    expect(deliver(order({ ...virtual, billing: { ...ORDER.billing, country: '' } }))).toEqual([]);
  });

  it('greets the buyer (billing), not a gift recipient (shipping); the recipient’s name only when the buyer has none', () => {
    const gift = order({ shipping: { ...ORDER.shipping, first_name: 'Marisol' } });
    expect(deliver(gift)[0]!.order!.customer).toEqual({ firstName: 'Lucía', email: 'lucia.ferreira@example.org' });
    expect(deliver(order({ ...gift, billing: { ...ORDER.billing, first_name: '' } }))[0]!.order!.customer).toEqual({ firstName: 'Marisol', email: 'lucia.ferreira@example.org' });
  });

  it('the order number falls back to the id, and is made valid', () => {
    expect(deliver(order({ number: null }))[0]!.order!.orderNumber).toBe('727');
    expect(deliver(order({ number: 'WC 2026/727' }))[0]!.order!.orderNumber).toBe('WC-2026-727');
  });

  it('throws Invalid for a payload that is not a WooCommerce order', () => {
    for (const bad of [null, {}, order({ id: 'abc' }), order({ status: '' }), order({ date_created_gmt: '2026-11-20T14:15:00+01:00' })]) {
      expect(() => deliver(bad)).toThrow(DomainError);
    }
  });
});

describe('decodeHtml', () => {
  it('decodes numeric and the common named entities, and leaves unknown ones', () => {
    expect(decodeHtml('Tom &amp; Jerry&#8217;s &ndash; &#x2014; &hellip; &unknown; &#0;')).toBe('Tom & Jerry’s – — … &unknown; &#0;');
    expect(decodeHtml(null)).toBeNull();
  });
});
