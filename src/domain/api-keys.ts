import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sellerOfKeyHash } from '../../db/queries/api-keys';
import { apiKeys } from '../../db/schema';
import type { SellerContext, ServiceContext } from './context';
import { NotFound } from './errors';
import { hashToken } from './tokens';

const KEY_PREFIX = 'pl_live_';
const MAX_KEY_LENGTH = 64;

/** Adds a key inside the caller's transaction: 160 random bits; only the hash is stored, the key is returned once. */
export async function insertApiKey(tx: Pick<Db, 'insert'>, sellerId: number, name: string, now: Date): Promise<{ id: number; apiKey: string }> {
  const apiKey = KEY_PREFIX + encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const [row] = await tx
    .insert(apiKeys)
    .values({ sellerId, name, keyHash: hashToken(apiKey), prefix: apiKey.slice(0, 12), createdAt: now })
    .returning({ id: apiKeys.id });
  return { id: row!.id, apiKey };
}

/** A new API key for this seller, shown once. */
export async function createApiKey({ ctx, input }: { ctx: SellerContext; input: { name: string } }): Promise<{ id: number; apiKey: string }> {
  return ctx.db.transaction((tx) => insertApiKey(tx, ctx.sellerId, input.name, ctx.now()));
}

/** This seller's keys (never the key itself: its first characters, to recognise it). */
export async function listApiKeys({ ctx }: { ctx: SellerContext }) {
  return ctx.db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.sellerId, ctx.sellerId))
    .orderBy(asc(apiKeys.id));
}

/** Revokes one of this seller's keys: from now on it answers 401. Revoking twice is a 404 the second time. */
export async function revokeApiKey({ ctx, input }: { ctx: SellerContext; input: { id: number } }): Promise<void> {
  const now = ctx.now();
  const rows = await ctx.db.transaction((tx) =>
    tx.update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, input.id), eq(apiKeys.sellerId, ctx.sellerId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id }),
  );
  if (!rows.length) throw NotFound('Live API key');
}

/** The seller a Bearer key belongs to and the key's id, or null for an unknown or revoked key (a hot read: every API call). */
export async function authenticateApiKey({ ctx, input }: { ctx: ServiceContext; input: { apiKey: string } }): Promise<{ sellerId: number; keyId: number } | null> {
  const { apiKey } = input;
  if (!apiKey.startsWith(KEY_PREFIX) || apiKey.length > MAX_KEY_LENGTH) return null;
  const key = await sellerOfKeyHash(ctx.read.row, hashToken(apiKey));
  if (!key) return null;
  // "Last used" for the keys page, written at most once an hour per key (not a write per call).
  const now = ctx.now();
  if (key.lastUsedAt === null || now.getTime() - key.lastUsedAt >= LAST_USED_EVERY_MS) {
    await ctx.db.transaction((tx) => tx.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, key.keyId)));
  }
  return { sellerId: key.sellerId, keyId: key.keyId };
}

const LAST_USED_EVERY_MS = 3_600_000;
