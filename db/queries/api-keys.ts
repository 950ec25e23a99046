import type { ReadRow } from '../client';
import { apiKeys } from '../schema';
import { col } from './columns';

// Every seller API call checks its key: one prepared statement on the read connection.
const SQL = `SELECT ${col(apiKeys, 'k', 'sellerId')} AS sellerId FROM api_keys k WHERE ${col(apiKeys, 'k', 'keyHash')} = ? AND ${col(apiKeys, 'k', 'revokedAt')} IS NULL`;

/** The seller whose live (not revoked) key has this hash. */
export async function sellerOfKeyHash(readRow: ReadRow, keyHash: string): Promise<number | null> {
  const row = await readRow(SQL, [keyHash]);
  return row ? Number(row.sellerId) : null;
}
