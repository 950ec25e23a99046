import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EventType } from '../../../db/schema/tracking-events';
import { normalizeCarrier } from '../carriers';
import { clip } from '../text';
import {
  destinationOf, itemsOf, optionalText as text, orderNumberFrom, parsePayload, plainWords, sourceId as id,
  trackingNumbersOf, verifyBase64Hmac,
} from './store-orders';
import type { EventInput, HookRequest, OrderInput, SourceDelivery, WebhookConnector } from './types';

// WooCommerce core webhooks (REST API v3 order payloads) → Porchlight. Tables and reasons: woocommerce.md.

/**
 * The ping WooCommerce posts once when a webhook is first made active (WC_Webhook::deliver_ping):
 * a form body `webhook_id=N`, no signature and no X-WC-* headers, and anything but a 200 makes
 * WooCommerce refuse to save the webhook. It carries nothing to act on.
 */
export function isWooPing(req: HookRequest): boolean {
  return req.body.length <= 40 && /^webhook_id=\d{1,20}$/.test(Buffer.from(req.body).toString('latin1'));
}

// WooCommerce signs with wp_specialchars_decode(secret, ENT_QUOTES), once: a secret saved with
// sanitize_text_field (a lone < becomes &lt;) or copied from the REST API still matches.
const WP_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', 38: '&', 60: '<', 62: '>', 34: '"', 39: "'", x26: '&', x22: '"', x27: "'" };
export const wooSigningKey = (secret: string) =>
  secret.replace(/&(amp|lt|gt|quot);|&#0*(38|60|62|34|39);|&#[xX]0*(26|22|27);/g, (_, name: string, dec: string, hex: string) =>
    WP_ENTITIES[name ?? dec ?? `x${hex}`]!);

// WordPress hands some texts over HTML-escaped (the REST docs' own example item is "Ship Your Idea &ndash; …").
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
};
export const decodeHtml = <T extends string | null | undefined>(s: T): T =>
  s == null ? s : s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-z]+));/g, (entity, dec?: string, hex?: string, name?: string) => {
    const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : undefined;
    if (code === undefined) return NAMED[name!] ?? entity;
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }) as T;

const gmt = z.iso.datetime({ local: true }); // the *_gmt fields: UTC, written without a zone
const utc = (s: string) => new Date(/[zZ]$/.test(s) ? s : `${s}Z`).toISOString();
const party = z.object({ first_name: text, city: text, state: text, postcode: text, country: text, email: text }).nullish();

// Only the fields read here are kept: zod drops the rest (street, last name, phone…) at the edge; the
// billing email goes on only for Klaviyo (sealed, and only when the seller connected it).
const wooOrder = z.object({
  id,
  number: z.union([z.string(), z.number()]).nullish(),
  status: z.string().min(1),
  date_created_gmt: gmt,
  date_modified_gmt: gmt.nullish(),
  date_completed_gmt: gmt.nullish(),
  date_paid_gmt: gmt.nullish(),
  billing: party,
  shipping: party,
  line_items: z.array(z.object({ name: text, quantity: z.number().nullish(), sku: text })).nullish(),
  meta_data: z.array(z.object({ key: z.string(), value: z.unknown() })).nullish(),
});
type WooOrder = z.output<typeof wooOrder>;

// The WooCommerce Shipment Tracking plugin's order meta (the de-facto shape other plugins copy).
const trackingItem = z.object({
  tracking_provider: text, custom_tracking_provider: text, tracking_id: text,
  tracking_number: z.union([z.string(), z.number()]).nullish(),
  date_shipped: z.union([z.string(), z.number()]).nullish(), // unix seconds
});

/** Every core order status: the step it says (null: none the page shows) and whether the customer has placed the order. */
export const ORDER_STATUS: Readonly<Record<string, { type: EventType | null; placed: boolean }>> = {
  pending: { type: null, placed: false }, // awaiting payment: where an abandoned checkout stays
  'checkout-draft': { type: null, placed: false }, // the block checkout's draft, not an order yet
  processing: { type: null, placed: true }, // paid, to be fulfilled: the order's own "placed" step says it
  'on-hold': { type: null, placed: true }, // awaiting payment confirmation (a bank transfer)
  completed: { type: 'shipped', placed: true },
  cancelled: { type: 'cancelled', placed: false },
  refunded: { type: 'cancelled', placed: false },
  failed: { type: 'cancelled', placed: false },
  trash: { type: null, placed: false }, // housekeeping, often of long-delivered orders: says nothing about the parcel
};

function orderOf(o: WooOrder): OrderInput | null {
  const orderNumber = orderNumberFrom(o.number, o.id);
  const place = (p: WooOrder['shipping']) => destinationOf(p && { city: decodeHtml(p.city), region: decodeHtml(p.state), postalCode: p.postcode, country: p.country });
  const destination = place(o.shipping) ?? place(o.billing); // a virtual order has no shipping address
  if (!orderNumber || !destination) return null;
  return {
    orderNumber,
    customer: { firstName: clip(decodeHtml(o.billing?.first_name), 60) ?? clip(decodeHtml(o.shipping?.first_name), 60), email: o.billing?.email ?? undefined },
    destination,
    items: itemsOf((o.line_items ?? []).map((l) => ({ ...l, name: decodeHtml(l.name), sku: decodeHtml(l.sku) }))),
    placedAt: utc(o.date_created_gmt),
  };
}

/**
 * The status's step; the id names the fact, so repeated order.updated deliveries (each with a new
 * date_modified) restate it rather than add it. An unknown (plugin) status is read the neutral
 * way: a note on the "placed" step, at the time the order was placed.
 */
function statusEvents(o: WooOrder, tracked: boolean): EventInput[] {
  const known = ORDER_STATUS[o.status];
  if (!known) {
    const note = `Latest status from the store: “${plainWords(o.status)}”.`;
    return [{ id: `${o.id}:status:other:${o.status.slice(0, 40)}`, type: 'order_placed', occurredAt: utc(o.date_created_gmt), note }];
  }
  let type = known.type;
  if (o.status === 'refunded' && o.date_completed_gmt) type = null; // refunded after it shipped: says nothing about the parcel
  if (o.status === 'completed' && tracked) type = null; // its tracking items already say shipped, per package
  if (!type) return [];
  const changed = o.date_modified_gmt ?? o.date_created_gmt;
  const at = o.status === 'completed' ? (o.date_completed_gmt ?? changed) : changed;
  return [{ id: `${o.id}:status:${type}`, type, occurredAt: utc(at) }];
}

/** A "shipped" event per tracking item, dated the day the seller says it shipped. */
function trackingEvents(o: WooOrder): EventInput[] {
  const value = o.meta_data?.find((m) => m.key === '_wc_shipment_tracking_items')?.value;
  // A PHP array with a gap (an item deleted) arrives as an object keyed by index.
  const items = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
  const seen = new Set<string>();
  return items.flatMap((raw): EventInput[] => {
    const item = trackingItem.safeParse(raw); // a plugin's data: an item we cannot read is skipped, not fatal
    const [trackingNumber] = item.success ? trackingNumbersOf([item.data.tracking_number]) : [];
    if (!item.success || !trackingNumber || seen.has(trackingNumber)) return [];
    seen.add(trackingNumber);
    const shipped = Number(item.data.date_shipped);
    const occurredAt = shipped > 946_684_800 // after 2000-01-01
      ? new Date(shipped * 1000).toISOString()
      : utc(o.date_completed_gmt ?? o.date_modified_gmt ?? o.date_created_gmt);
    const provider = clip(item.data.tracking_provider, 40) ?? clip(item.data.custom_tracking_provider, 40);
    const trackingId = clip(item.data.tracking_id, 64) ?? trackingNumber;
    return [{ id: `${o.id}:track:${trackingId}`, type: 'shipped', occurredAt, trackingNumber, carrier: provider && normalizeCarrier(provider) }];
  });
}

export const woocommerce: WebhookConnector = {
  source: 'woocommerce',
  ping: isWooPing,
  verify: (req, secret) => verifyBase64Hmac(req.body, req.header('X-WC-Webhook-Signature'), wooSigningKey(secret)),
  deliveryId(req) {
    const header = req.header('X-WC-Webhook-Delivery-ID')?.trim();
    // WooCommerce derives it from the webhook id and the current second, so two deliveries in one
    // second (a bulk status change) share it: the body's digest keeps them apart.
    return header ? `${header}:${createHash('sha256').update(req.body).digest('hex').slice(0, 16)}` : null;
  },
  map(req, payload): SourceDelivery[] {
    if (isWooPing(req)) return [];
    const topic = req.header('X-WC-Webhook-Topic')?.trim();
    if (topic !== 'order.created' && topic !== 'order.updated') return [];
    const o = parsePayload(wooOrder, payload, 'WooCommerce order');
    const tracking = trackingEvents(o);
    const events = [...statusEvents(o, tracking.length > 0), ...tracking];
    // Only an order the customer has placed is created (an unknown status counts once it is paid).
    const order = (ORDER_STATUS[o.status]?.placed ?? Boolean(o.date_paid_gmt)) ? orderOf(o) : null;
    if (!order && events.length === 0) return [];
    return [{ ref: { sourceOrderId: o.id }, ...(order ? { order } : {}), events }];
  },
};
