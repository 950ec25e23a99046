import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { orders } from './orders';
import { packages } from './packages';

export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    packageId: integer('package_id').references(() => packages.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    sku: text('sku'),
  },
  (t) => [index('items_order_idx').on(t.orderId)],
);

export type Item = typeof items.$inferSelect;
