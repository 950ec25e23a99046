import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

export const CONSENT_EVENTS = ['opt_in', 'confirm', 'stop', 'start', 'help', 'unsubscribe'] as const;
export const CONSENT_SOURCES = ['web', 'sms', 'carrier'] as const;

// The consent ledger: append-only (triggers in the migration refuse UPDATE and DELETE). No
// foreign keys, so the evidence outlives the orders it is about.
export const smsConsentEvents = sqliteTable(
  'sms_consent_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    event: text('event', { enum: CONSENT_EVENTS }).notNull(),
    source: text('source', { enum: CONSENT_SOURCES }).notNull(),
    phone: text('phone').notNull(),
    sellerId: integer('seller_id'),
    orderId: integer('order_id'),
    orderNumber: text('order_number'),
    subscriptionId: integer('subscription_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    pageUrl: text('page_url'),
    language: text('language'),
    disclosureText: text('disclosure_text'),
    disclosureVersion: text('disclosure_version'),
    checkboxChecked: integer('checkbox_checked', { mode: 'boolean' }),
    /** the inbound text that carried a keyword, when one did */
    messageSid: text('message_sid'),
    messageBody: text('message_body'),
  },
  (t) => [index('sms_consent_events_seller_idx').on(t.sellerId, t.at), index('sms_consent_events_phone_idx').on(t.phone, t.at)],
);

export type SmsConsentEvent = typeof smsConsentEvents.$inferSelect;
