import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sellers } from './sellers';

export const ROLES = ['owner', 'member'] as const;
export type Role = (typeof ROLES)[number];

// A person who signs in to a seller's dashboard. One seller per account: an owner signs up with a
// new seller; a member joins one through an invite.
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    // stored lower-cased and trimmed: one account per address
    email: text('email').notNull().unique(),
    name: text('name'),
    // Argon2id PHC string
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('users_seller_idx').on(t.sellerId)],
);

// Sessions the way lucia-auth.com teaches: the cookie holds "<id>.<secret>"; only the secret's
// SHA-256 is stored and compared in constant time. Absolute lifetime from created_at, idle timeout
// from last_seen_at (refreshed as the session is used).
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// One-time links: a teammate's invite, a password reset. Only the token's SHA-256 is stored.
export const ONE_TIME_PURPOSES = ['invite', 'password_reset'] as const;
export const oneTimeTokens = sqliteTable(
  'one_time_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    purpose: text('purpose', { enum: ONE_TIME_PURPOSES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    sellerId: integer('seller_id').notNull().references(() => sellers.id, { onDelete: 'cascade' }),
    // invite: the address invited and the role offered; reset: the account
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('one_time_tokens_hash_uq').on(t.tokenHash), index('one_time_tokens_seller_idx').on(t.sellerId, t.purpose)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type OneTimeToken = typeof oneTimeTokens.$inferSelect;
