import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sellers } from './sellers';

export const ZONE_BASES = ['given', 'postal_code', 'region', 'country', 'fallback'] as const;
export const LANGUAGES = ['en', 'es'] as const;
export const ORDER_SOURCES = ['api', 'amazon', 'demo', 'dashboard', 'import', 'shopify', 'woocommerce', 'easypost', 'shippo'] as const;

// No street address, last name, email or phone is stored for an order: the page can never leak them.
export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    orderNumber: text('order_number').notNull(),
    customerFirstName: text('customer_first_name'),
    language: text('language', { enum: LANGUAGES }),
    destCity: text('dest_city'),
    destRegion: text('dest_region'),
    destPostalCode: text('dest_postal_code'),
    destCountry: text('dest_country').notNull(),
    timeZone: text('time_zone').notNull(),
    timeZoneBasis: text('time_zone_basis', { enum: ZONE_BASES }).notNull(),
    timeZoneAssumed: integer('time_zone_assumed', { mode: 'boolean' }).notNull(),
    promisedDate: text('promised_date'),
    // Where the order came from; 'demo' is set only by the demo seed (the home page lists those).
    source: text('source', { enum: ORDER_SOURCES }).notNull().default('api'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    // Where the order stands, kept with each event (src/domain/order-status.ts), so the dashboard
    // lists and filters orders without replaying every order's events.
    statusStage: text('status_stage').notNull().default('order_placed'),
    statusException: text('status_exception'),
    lastEventAt: integer('last_event_at', { mode: 'timestamp_ms' }),
    // Raised by triggers (migration 0009) on every change a tracking page shows: its events,
    // packages, items, text sign-up, feedback, reports and the order's own fields. A cached page
    // is served only while the number it was rendered at is still the one stored here.
    pageVersion: integer('page_version').notNull().default(0),
    // The source's own id of an order created from a store (a Shopify or WooCommerce order id),
    // as `${source}:${id}`: later deliveries about that order find it by this.
    sourceRef: text('source_ref'),
    // An Amazon Multi-Channel Fulfillment order this order ships as: the poller follows it.
    mcfOrderId: text('mcf_order_id'),
  },
  (t) => [
    uniqueIndex('orders_seller_number_uq').on(t.sellerId, t.orderNumber),
    // the dashboard's list, newest first, a page at a time
    index('orders_seller_created_idx').on(t.sellerId, t.createdAt, t.id),
    index('orders_seller_status_idx').on(t.sellerId, t.statusStage, t.statusException, t.createdAt),
    // the dashboard home: stalled shipments, carrier trouble, today's and per-day numbers
    index('orders_seller_status_last_idx').on(t.sellerId, t.statusStage, t.statusException, t.lastEventAt),
    uniqueIndex('orders_seller_source_ref_uq').on(t.sellerId, t.sourceRef),
    index('orders_mcf_idx').on(t.mcfOrderId),
  ],
);

export type Order = typeof orders.$inferSelect;
