import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { orders, LANGUAGES } from './orders';
import { sellers } from './sellers';

// One per order, editable for 14 days after it was first given.
export const feedback = sqliteTable(
  'feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull().unique().references(() => orders.id, { onDelete: 'cascade' }),
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    rating: integer('rating').notNull(),
    comment: text('comment'),
    arrivedOk: integer('arrived_ok', { mode: 'boolean' }),
    language: text('language', { enum: LANGUAGES }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('feedback_seller_idx').on(t.sellerId, t.createdAt)],
);

export type Feedback = typeof feedback.$inferSelect;
