import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { orders, LANGUAGES } from './orders';
import { sellers } from './sellers';

export const SUBSCRIPTION_STATUSES = ['pending', 'active', 'stopped', 'replaced'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
export const END_REASONS = ['unsubscribed', 'stop_keyword', 'replaced', 'carrier_opt_out'] as const;

// A phone following one order. One live (pending or active) subscription per order.
export const smsSubscriptions = sqliteTable(
  'sms_subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    status: text('status', { enum: SUBSCRIPTION_STATUSES }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    endReason: text('end_reason', { enum: END_REASONS }),
  },
  (t) => [
    uniqueIndex('sms_subscriptions_live_uq').on(t.orderId).where(sql`status in ('pending', 'active')`),
    index('sms_subscriptions_phone_idx').on(t.phone, t.status),
  ],
);

export type SmsSubscription = typeof smsSubscriptions.$inferSelect;
