import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { smsSubscriptions } from './sms-subscriptions';
import { trackingEvents } from './tracking-events';

export const OUTBOX_STATES = ['pending', 'leased', 'unknown', 'submitted', 'failed', 'cancelled'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

// The transactional outbox. `state` is ours (pending → leased → submitted | failed; unknown when a
// send's outcome was lost); `provider_status` is Twilio's, moved only forward by status callbacks.
export const smsMessages = sqliteTable(
  'sms_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id').references(() => smsSubscriptions.id, { onDelete: 'cascade' }),
    eventId: integer('event_id').references(() => trackingEvents.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    toPhone: text('to_phone').notNull(),
    body: text('body').notNull(),
    segments: integer('segments').notNull(),
    state: text('state', { enum: OUTBOX_STATES }).notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
    leasedAt: integer('leased_at', { mode: 'timestamp_ms' }),
    providerSid: text('provider_sid'),
    providerStatus: text('provider_status'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // at most one message per (subscription, event, kind): a replayed event enqueues nothing new
    uniqueIndex('sms_messages_once_uq').on(t.subscriptionId, t.eventId, t.kind),
    uniqueIndex('sms_messages_provider_sid_uq').on(t.providerSid),
    index('sms_messages_due_idx').on(t.state, t.dueAt),
    index('sms_messages_subscription_idx').on(t.subscriptionId, t.id),
    index('sms_messages_to_idx').on(t.toPhone, t.createdAt),
    // the daily budget counts today's sends
    index('sms_messages_submitted_idx').on(t.submittedAt),
  ],
);

export type SmsMessage = typeof smsMessages.$inferSelect;
