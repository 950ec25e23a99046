import { z } from 'zod';
import type { EventType } from '../../../db/schema/tracking-events';
import { normalizeCarrier } from '../carriers';
import { clip } from '../text';
import { isStage, stageRank } from '../status';
import { destinationOf, itemsOf, optionalText, orderNumberFrom, parsePayload, plainWords, sourceId, trackingNumbersOf, verifyBase64Hmac } from './store-orders';
import type { EventInput, OrderInput, SourceDelivery, StoreShipment, WebhookConnector } from './types';

// Shopify custom app → Porchlight. The mapping tables, and why each row reads as it does: shopify.md.

const id = sourceId;
const text = optionalText;
const address = z.object({ first_name: text, city: text, province_code: text, zip: text, country_code: text }).nullish();

// Only the fields read here are kept: zod drops the rest (street, last name, phone…) at the edge; the
// email goes on only for Klaviyo (sealed, and only when the seller connected it: see storeOrder).
const shopifyOrder = z.object({
  id,
  email: text,
  name: text,
  order_number: z.union([z.number(), z.string()]).nullish(),
  created_at: z.iso.datetime({ offset: true }),
  customer_locale: text,
  customer: z.object({ first_name: text, email: text }).nullish(),
  shipping_address: address,
  billing_address: address,
  line_items: z.array(z.object({ title: text, name: text, quantity: z.number().nullish(), sku: text })).nullish(),
});

const shopifyFulfillment = z.object({
  id,
  order_id: id,
  status: z.string(),
  shipment_status: text,
  tracking_company: text,
  tracking_number: text,
  tracking_numbers: z.array(z.string().nullable()).nullish(),
  tracking_url: text,
  tracking_urls: z.array(z.string().nullable()).nullish(),
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }).nullish(),
});
type Fulfillment = z.output<typeof shopifyFulfillment>;

function orderOf(o: z.output<typeof shopifyOrder>): OrderInput | null {
  const orderNumber = orderNumberFrom(o.name, o.order_number, o.id);
  const place = (a: typeof o.shipping_address) => destinationOf(a && { city: a.city, region: a.province_code, postalCode: a.zip, country: a.country_code });
  // No country to ship to (a pickup or digital order, or addresses withheld from the app): nothing to track.
  const destination = place(o.shipping_address) ?? place(o.billing_address);
  if (!orderNumber || !destination) return null;
  const locale = o.customer_locale?.trim();
  return {
    orderNumber,
    customer: {
      firstName: clip(o.customer?.first_name, 60) ?? clip(o.shipping_address?.first_name, 60),
      language: locale ? (/^es([-_]|$)/i.test(locale) ? 'es' : 'en') : undefined,
      email: o.email ?? o.customer?.email ?? undefined,
    },
    destination,
    items: itemsOf((o.line_items ?? []).map((l) => ({ name: l.title ?? l.name, quantity: l.quantity, sku: l.sku }))),
    placedAt: new Date(o.created_at).toISOString(),
  };
}

// shipment_status: the carrier's word, as Shopify's carrier tracking reports it. null: says nothing
// about the parcel (failure = Shopify could not read the tracking), read the neutral way.
export const SHIPMENT_STATUS: Readonly<Record<string, EventType | null>> = {
  label_purchased: 'ready_to_ship', label_printed: 'ready_to_ship', confirmed: 'ready_to_ship',
  carrier_picked_up: 'shipped', in_transit: 'in_transit', out_for_delivery: 'out_for_delivery',
  attempted_delivery: 'delivery_attempted', ready_for_pickup: 'available_for_pickup', delayed: 'delayed',
  delivered: 'delivered', picked_up: 'delivered', failure: null,
};
// status: the fulfillment's own state; what it proves even before the carrier says anything.
export const FULFILLMENT_STATUS: Readonly<Record<string, EventType>> = {
  pending: 'ready_to_ship', open: 'ready_to_ship', success: 'shipped', cancelled: 'cancelled', error: 'delayed', failure: 'delayed',
};
const TRACKING_UNREADABLE = 'Tracking details from the carrier could not be read.';
const storeSays = (status: string) => `Latest status from the store: “${plainWords(status)}”.`;

interface Reading { type: EventType; at: string; note?: string }

/** What one fulfillment says now. The fulfillment's own step is dated when it was created, a carrier's news when it was updated. */
function readingOf(f: Fulfillment): Reading {
  const created = f.created_at;
  const updated = f.updated_at ?? f.created_at;
  const own = FULFILLMENT_STATUS[f.status];
  if (own === 'cancelled' || own === 'delayed') return { type: own, at: updated }; // overrides whatever the carrier last said
  // The neutral reading: the step the fulfillment itself proves (an unknown status still proves it exists), with a note.
  const floor: Reading = own ? { type: own, at: created } : { type: 'ready_to_ship', at: created, note: storeSays(f.status) };
  const neutral = (note: string): Reading => ({ ...floor, note });
  const status = f.shipment_status?.trim();
  if (!status) return floor;
  const carrierSays = SHIPMENT_STATUS[status];
  if (carrierSays === undefined) return neutral(storeSays(status));
  if (carrierSays === null) return neutral(TRACKING_UNREADABLE);
  // A carrier step short of the fulfillment's own (a label on a shipped fulfillment) adds nothing.
  if (isStage(carrierSays) && isStage(floor.type) && stageRank(carrierSays) <= stageRank(floor.type)) return floor;
  return { type: carrierSays, at: updated };
}

/**
 * The fulfillment's news, one event per tracking number. The id names the fact (fulfillment,
 * Porchlight step, package): a repeat, or a later restatement of the same step, is the same event.
 */
function fulfillmentEvents(f: Fulfillment): EventInput[] {
  const { type, at, note } = readingOf(f);
  const numbers = trackingNumbersOf([...(f.tracking_numbers ?? []), f.tracking_number]);
  // An exception without a package would mark every package of the order: only a numbered package takes one.
  if (!isStage(type) && numbers.length === 0) return [];
  const carrier = f.tracking_company ? normalizeCarrier(f.tracking_company) : undefined;
  const occurredAt = new Date(at).toISOString();
  const event = { type, occurredAt, note };
  if (numbers.length === 0) return [{ id: `${f.id}:${type}`, ...event }];
  return numbers.map((trackingNumber) => ({ id: `${f.id}:${type}:${trackingNumber}`, ...event, trackingNumber, carrier }));
}

function shipmentOf(f: Fulfillment): StoreShipment {
  const urls = [...(f.tracking_urls ?? []), f.tracking_url].flatMap((u) => (u?.trim() ? [u.trim()] : []));
  // the numbers as the shop wrote them (they are sent back with the link)
  const numbers = [...(f.tracking_numbers ?? []), f.tracking_number].flatMap((n) => (n?.trim() ? [n.trim()] : []));
  return { id: f.id, trackingNumbers: [...new Set(numbers)], carrier: f.tracking_company ?? null, urls: [...new Set(urls)] };
}

export const shopify: WebhookConnector = {
  source: 'shopify',
  verify: (req, secret) => verifyBase64Hmac(req.body, req.header('X-Shopify-Hmac-Sha256'), secret),
  deliveryId: (req) => req.header('X-Shopify-Webhook-Id')?.trim() || null,
  map(req, payload): SourceDelivery[] {
    const topic = req.header('X-Shopify-Topic')?.trim();
    if (topic === 'orders/create') {
      const o = parsePayload(shopifyOrder, payload, 'Shopify order');
      const order = orderOf(o);
      // No events: creating the order makes its own "placed" step, at placedAt.
      return order ? [{ ref: { sourceOrderId: o.id }, order, events: [] }] : [];
    }
    if (topic === 'fulfillments/create' || topic === 'fulfillments/update') {
      const f = parsePayload(shopifyFulfillment, payload, 'Shopify fulfillment');
      const events = fulfillmentEvents(f);
      // a live fulfillment is where the tracking link can be written back (when the seller asked for it)
      const live = FULFILLMENT_STATUS[f.status] !== 'cancelled';
      if (!events.length && !live) return [];
      return [{ ref: { sourceOrderId: f.order_id }, events, ...(live ? { storeShipment: shipmentOf(f) } : {}) }];
    }
    return [];
  },
};
