import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { trackingLinks } from '../../db/schema';
import { deriveTrackingToken, hashToken, newLinkSalt } from './tokens';

type Tx = Pick<Db, 'insert' | 'update' | 'select'>;

export function trackingUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/t/${token}`;
}

/** Adds link version `version` for an order and returns its token. */
export async function issueLink(tx: Tx, appSecret: string, orderId: number, version: number, now: Date): Promise<string> {
  const salt = newLinkSalt();
  const token = deriveTrackingToken(appSecret, { orderId, version, salt });
  await tx.insert(trackingLinks).values({ orderId, version, salt, tokenHash: hashToken(token), createdAt: now });
  return token;
}

/** The order's current token, re-derived (the token itself is never stored); null if revoked. */
export async function currentToken(db: Tx, appSecret: string, orderId: number): Promise<string | null> {
  const [link] = await db
    .select()
    .from(trackingLinks)
    .where(eq(trackingLinks.orderId, orderId))
    .orderBy(desc(trackingLinks.version))
    .limit(1);
  if (!link || link.revokedAt) return null;
  return deriveTrackingToken(appSecret, link);
}

/** Revokes every live version and issues the next one: old links then answer 410. */
export async function rotateLink(tx: Tx, appSecret: string, orderId: number, now: Date): Promise<string> {
  const [last] = await tx
    .select({ version: trackingLinks.version })
    .from(trackingLinks)
    .where(eq(trackingLinks.orderId, orderId))
    .orderBy(desc(trackingLinks.version))
    .limit(1);
  await tx
    .update(trackingLinks)
    .set({ revokedAt: now })
    .where(and(eq(trackingLinks.orderId, orderId), isNull(trackingLinks.revokedAt)));
  return issueLink(tx, appSecret, orderId, (last?.version ?? 0) + 1, now);
}
