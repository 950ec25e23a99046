import type { ReadRow } from '../client';
import { apiKeys } from '../schema';
import { col } from './columns';

// Every seller API call checks its key: one prepared statement on the read connection.
const SQL = `SELECT ${col(apiKeys, 'k', 'sellerId')} AS sellerId, ${col(apiKeys, 'k', 'id')} AS id, ${col(apiKeys, 'k', 'lastUsedAt')} AS lastUsedAt FROM api_keys k WHERE ${col(apiKeys, 'k', 'keyHash')} = ? AND ${col(apiKeys, 'k', 'revokedAt')} IS NULL`;

/** The seller whose live (not revoked) key has this hash, the key's id and when it was last used. */
export async function sellerOfKeyHash(readRow: ReadRow, keyHash: string): Promise<{ sellerId: number; keyId: number; lastUsedAt: number | null } | null> {
  const row = await readRow(SQL, [keyHash]);
  return row ? { sellerId: Number(row.sellerId), keyId: Number(row.id), lastUsedAt: row.lastUsedAt == null ? null : Number(row.lastUsedAt) } : null;
}
