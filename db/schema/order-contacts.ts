import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
import { orders } from './orders';

// A customer's email, kept only for a seller who connected Klaviyo (its flows email the customer,
// and Klaviyo finds the person by email), sealed with a key derived from APP_SECRET, never on a
// page, and deleted when the order's touchpoints are long past (src/domain/outbound/klaviyo-queue.ts).
export const orderContacts = sqliteTable('order_contacts', {
  orderId: integer('order_id').primaryKey().references(() => orders.id, { onDelete: 'cascade' }),
  sealedEmail: text('sealed_email').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
