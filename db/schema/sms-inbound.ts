import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

// Every inbound text once: Twilio retries webhooks, so MessageSid is the dedupe key.
export const smsInbound = sqliteTable(
  'sms_inbound',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageSid: text('message_sid').notNull().unique(),
    fromPhone: text('from_phone').notNull(),
    toPhone: text('to_phone'),
    body: text('body').notNull(),
    keyword: text('keyword').notNull(),
    reply: text('reply'),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sms_inbound_from_idx').on(t.fromPhone, t.receivedAt)],
);
