import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Db, ReadRow } from '../../db/client';
import { apiKeys } from '../../db/schema';
import { hashToken } from './tokens';

const KEY_PREFIX = 'pl_live_';

/** A new API key: 160 random bits; only its hash is stored, the key is returned once. */
export async function createApiKey(db: Pick<Db, 'insert'>, input: { sellerId: number; name: string; now: Date }): Promise<{ id: number; apiKey: string }> {
  const apiKey = KEY_PREFIX + encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const [row] = await db
    .insert(apiKeys)
    .values({ sellerId: input.sellerId, name: input.name, keyHash: hashToken(apiKey), prefix: apiKey.slice(0, 12), createdAt: input.now })
    .returning({ id: apiKeys.id });
  return { id: row!.id, apiKey };
}

/** The seller id a Bearer key belongs to, or null for an unknown or revoked key (a hot read: every API call). */
export async function authenticateApiKey(readRow: ReadRow, apiKey: string): Promise<number | null> {
  if (!apiKey.startsWith(KEY_PREFIX) || apiKey.length > 64) return null;
  const row = await readRow('SELECT seller_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL', [hashToken(apiKey)]);
  return row ? Number(row.seller_id) : null;
}
