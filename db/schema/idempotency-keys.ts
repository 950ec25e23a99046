import { sqliteTable, integer, text, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { sellers } from './sellers';

// A seller API POST sent with an Idempotency-Key: the first request claims the key (with a hash of
// what it asked), the answer is kept for 24 hours, and the same key again gets that answer back
// instead of a second effect. A claim without an answer is a request still running.
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** SHA-256 of the method, path and body asked with the key */
    requestHash: text('request_hash').notNull(),
    /** null while the first request runs */
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
