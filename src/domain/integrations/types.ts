import type { z } from 'zod';
import type { createOrderInput, trackingEventInput } from '../inputs';

// What every connector turns a source's payload into: the same inputs the seller API takes
// (product.md §7), validated by the same schemas before anything is stored. A connector never
// touches the database; src/domain/integrations/ingest.ts stores what it maps.

export const WEBHOOK_SOURCES = ['shopify', 'woocommerce', 'easypost', 'shippo'] as const;
export type WebhookSource = (typeof WEBHOOK_SOURCES)[number];
// amazon is polled; klaviyo only receives (touchpoints as Klaviyo events, src/domain/outbound/klaviyo-queue.ts)
export const SOURCES = [...WEBHOOK_SOURCES, 'amazon', 'klaviyo'] as const;
export type Source = (typeof SOURCES)[number];
/** The sources orders and scans come in from. */
export type InboundSource = Exclude<Source, 'klaviyo'>;

/** An order as the seller API's POST /api/v1/orders takes it (before parsing: instants as ISO strings). */
export type OrderInput = z.input<typeof createOrderInput>;
/**
 * A tracking event as POST /api/v1/orders/{n}/events takes it. `id` is required here: the source's own
 * id of this scan or status (e.g. `${trackerId}:${datetime}:${status}`), so a repeated delivery or
 * poll adds nothing and a newer payload adds only its new scans.
 */
export type EventInput = z.input<typeof trackingEventInput> & { id: string };

/** Which Porchlight order a delivery is about. */
export type OrderRef =
  /** the source's own id of an order created from this source (Shopify/WooCommerce order id) */
  | { sourceOrderId: string }
  /** a package Porchlight already knows (EasyPost, Shippo and Amazon scans) */
  | { trackingNumber: string };

export interface SourceDelivery {
  ref: OrderRef;
  /** the order to create when none has `ref` yet; only with a sourceOrderId ref */
  order?: OrderInput;
  events: EventInput[];
  /** the store's own shipment the events came from (a Shopify fulfillment): where the tracking link can be written back */
  storeShipment?: StoreShipment;
}

export interface StoreShipment {
  id: string;
  trackingNumbers: string[];
  /** the carrier as the store names it */
  carrier: string | null;
  /** the tracking URLs the store has on it now */
  urls: string[];
}

/** What a connector needs of an inbound HTTP request: the raw body (signatures are over bytes), headers, URL. */
export interface HookRequest {
  body: Uint8Array;
  header(name: string): string | undefined;
  url: URL;
}

export interface WebhookConnector {
  source: WebhookSource;
  /** Whether the request is signed with `secret` the source's documented way (constant-time comparison). */
  verify(req: HookRequest, secret: string): boolean;
  /** The source's id of this delivery (a header or the body's event id): the same id again is a repeat. Null when it has none. */
  deliveryId(req: HookRequest, payload: unknown): string | null;
  /**
   * What the delivery says, or [] when it says nothing Porchlight shows (a ping, a topic not
   * subscribed to). Throws a DomainError (Invalid) for a payload that is not the source's shape.
   * Street addresses, full names, emails and phones are never copied into the result: only the
   * first name, city, region, postal code and country.
   */
  map(req: HookRequest, payload: unknown): SourceDelivery[];
  /** A source's own test call with nothing to verify or store (WooCommerce's `webhook_id=N` on creation): answered 200. */
  ping?(req: HookRequest): boolean;
}
