import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { orders } from './orders';

// One row per link version: rotating a link adds a version and revokes the previous one.
export const trackingLinks = sqliteTable(
  'tracking_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    // 128 random bits mixed into the HMAC, so a token is never a function of order data alone
    salt: text('salt').notNull(),
    // SHA-256 of the token; the token itself is never stored, only re-derived
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('tracking_links_order_version_uq').on(t.orderId, t.version)],
);

export type TrackingLink = typeof trackingLinks.$inferSelect;
