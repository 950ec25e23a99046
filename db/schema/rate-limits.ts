import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

// Abuse-limit hits live in the database so every server process counts the same ones.
export const rateLimitHits = sqliteTable(
  'rate_limit_hits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('rate_limit_hits_idx').on(t.bucket, t.key, t.at)],
);
