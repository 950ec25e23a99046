import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';
import { apiKeys } from './api-keys';

// Seller API calls per key, counted in the database so every server process shares one count: a
// fixed window per key (one row, reset when a new window starts), so counting is one upsert.
export const apiRateWindows = sqliteTable('api_rate_windows', {
  keyId: integer('key_id').primaryKey().references(() => apiKeys.id, { onDelete: 'cascade' }),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});
