import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sellers } from './sellers';

export const WEBHOOK_EVENT_TYPES = [
  'order.shipped', 'order.out_for_delivery', 'order.delivered', 'order.exception', 'order.stalled',
  'report.created', 'feedback.created', 'sms.opted_out',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

// A seller's outbound webhook endpoint. Its signing secret (whsec_…) is shown once and kept sealed
// with a key derived from APP_SECRET: deliveries are signed with it, so it cannot be a one-way hash.
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** the event types it gets, as a JSON array */
    events: text('events').notNull(),
    sealedSecret: text('sealed_secret').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** deleted endpoints are kept (their deliveries stay listed) but get nothing new */
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    /** set when it kept failing for a day; the seller turns it back on */
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    /** when the current run of failures began (cleared by a success; a run with a day's gap starts again) */
    failingSince: integer('failing_since', { mode: 'timestamp_ms' }),
    lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }),
    lastSuccessAt: integer('last_success_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('webhook_endpoints_seller_idx').on(t.sellerId)],
);

export const OUTBOUND_KINDS = ['webhook', 'klaviyo'] as const;
export const OUTBOUND_STATES = ['pending', 'leased', 'delivered', 'failed', 'cancelled'] as const;

// The outbox for everything Porchlight sends to sellers' systems (webhooks, Klaviyo events): a row
// is written in the same transaction as the change it reports, then claimed under a lease, sent,
// and settled. `messageId` is the webhook-id: the same on every attempt, so receivers can dedupe.
export const outboundMessages = sqliteTable(
  'outbound_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id').notNull(),
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: OUTBOUND_KINDS }).notNull(),
    /** the webhook endpoint, or the Klaviyo connector */
    targetId: text('target_id').notNull(),
    eventType: text('event_type').notNull(),
    /** the exact JSON body sent (signed as is) */
    payload: text('payload').notNull(),
    state: text('state', { enum: OUTBOUND_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    /** retried until this instant (a day after it was queued, or after a resend by hand), then failed */
    retryUntil: integer('retry_until', { mode: 'timestamp_ms' }).notNull(),
    leaseOwner: text('lease_owner'),
    leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
    /** the receiver's HTTP status on the last attempt (null: no answer — refused, timed out) */
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    lastAttemptAt: integer('last_attempt_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('outbound_messages_message_target_uq').on(t.messageId, t.targetId),
    index('outbound_messages_due_idx').on(t.state, t.dueAt),
    index('outbound_messages_target_idx').on(t.targetId, t.createdAt),
    index('outbound_messages_seller_idx').on(t.sellerId, t.createdAt),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type OutboundMessage = typeof outboundMessages.$inferSelect;
