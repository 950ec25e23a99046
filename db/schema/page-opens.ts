import { sqliteTable, integer, text, primaryKey } from 'drizzle-orm/sqlite-core';
import { orders } from './orders';

// How often customers open an order's tracking page, per destination-local day, for the
// dashboard's charts. Counted in memory per process and added here in batches.
export const pageOpens = sqliteTable(
  'page_opens',
  {
    orderId: integer('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.day] })],
);
