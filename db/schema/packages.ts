import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { orders } from './orders';

export const CARRIERS = ['AMZL', 'USPS', 'UPS', 'FEDEX', 'DHL', 'OTHER'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const packages = sqliteTable(
  'packages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    carrier: text('carrier', { enum: CARRIERS }).notNull(),
    trackingNumber: text('tracking_number').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('packages_order_tracking_uq').on(t.orderId, t.trackingNumber),
    // the dashboard's search by tracking number
    index('packages_tracking_idx').on(t.trackingNumber),
  ],
);

export type Package = typeof packages.$inferSelect;
