import { sqliteTable, integer, text, primaryKey, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { orders } from './orders';
import { sellers } from './sellers';

export const INTEGRATION_SOURCES = ['shopify', 'woocommerce', 'easypost', 'shippo', 'amazon', 'klaviyo'] as const;

// A seller's connector to one source. Its credentials are sealed with a key derived from
// APP_SECRET (src/domain/integrations/secrets.ts): never shown again, never stored in the clear.
// The id is the unguessable part of the webhook URL the source calls (/hooks/{source}/{id}).
export const integrations = sqliteTable(
  'integrations',
  {
    id: text('id').primaryKey(),
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    source: text('source', { enum: INTEGRATION_SOURCES }).notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    sealedCredentials: text('sealed_credentials').notNull(),
    /** settings that are not secret (shop domain, region, write-back on/off), as JSON */
    settings: text('settings').notNull().default('{}'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    lastDeliveryAt: integer('last_delivery_at', { mode: 'timestamp_ms' }),
    deliveries: integer('deliveries').notNull().default(0),
    refused: integer('refused').notNull().default(0),
    /** the last failure in plain words (a poll's error, a payload we could not read); never a secret */
    lastError: text('last_error'),
    lastErrorAt: integer('last_error_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('integrations_seller_source_uq').on(t.sellerId, t.source)],
);

// Deliveries already taken, by the source's own id (X-Shopify-Webhook-Id, X-WC-Webhook-Delivery-ID,
// EasyPost's event id…): the same delivery again adds nothing.
export const integrationDeliveries = sqliteTable(
  'integration_deliveries',
  {
    integrationId: text('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' }),
    deliveryId: text('delivery_id').notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.deliveryId] })],
);

export type Integration = typeof integrations.$inferSelect;

// A named job one process at a time runs (the Amazon poller): whoever holds an unexpired lease.
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});

// The Porchlight tracking link written back into a store's shipment (a Shopify fulfillment's
// tracking URL), when the seller chose it: one row per shipment, sent by the write-back worker
// with a lease, retried with backoff for a day. `writes` caps how often one shipment is written
// (a store that keeps replacing the link must not make us write forever).
export const WRITEBACK_STATES = ['pending', 'done', 'failed'] as const;
export const linkWritebacks = sqliteTable(
  'link_writebacks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    integrationId: text('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' }),
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    orderId: integer('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    /** the store's id of the shipment (Shopify's fulfillment id) */
    shipmentId: text('shipment_id').notNull(),
    /** the shipment's tracking numbers and carrier as the store has them (JSON), sent back with the link */
    tracking: text('tracking').notNull(),
    state: text('state', { enum: WRITEBACK_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    writes: integer('writes').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: integer('lease_expires_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('link_writebacks_shipment_uq').on(t.integrationId, t.shipmentId), index('link_writebacks_due_idx').on(t.state, t.nextAttemptAt)],
);
