import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

// Every email Porchlight sends (invites, password resets): the dev transport shows them on
// /dev/mail; the SMTP transport records when each went out, or why not.
export const EMAIL_STATES = ['pending', 'sent', 'failed'] as const;
export const emails = sqliteTable(
  'emails',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    state: text('state', { enum: EMAIL_STATES }).notNull(),
    error: text('error'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('emails_to_idx').on(t.to, t.createdAt)],
);

export type Email = typeof emails.$inferSelect;
