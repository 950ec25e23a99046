import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orders, trackingLinks } from '../../db/schema';
import type { SellerContext } from './context';
import { requireOrderId } from './orders';
import { deriveTrackingToken, hashToken, newLinkSalt } from './tokens';

type Tx = Pick<Db, 'insert' | 'update' | 'select'>;

export function trackingUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/t/${token}`;
}

/** Adds link version `version` for an order, inside the caller's transaction; returns its token. */
export async function issueLink(tx: Tx, appSecret: string, orderId: number, version: number, now: Date): Promise<string> {
  const salt = newLinkSalt();
  const token = deriveTrackingToken(appSecret, { orderId, version, salt });
  await tx.insert(trackingLinks).values({ orderId, version, salt, tokenHash: hashToken(token), createdAt: now });
  return token;
}

/** One of this seller's orders' current tracking URL, re-derived (the token is never stored); null if revoked. */
export async function currentTrackingUrl(ctx: SellerContext, orderId: number): Promise<string | null> {
  const [link] = await ctx.db
    .select({ orderId: trackingLinks.orderId, version: trackingLinks.version, salt: trackingLinks.salt, revokedAt: trackingLinks.revokedAt })
    .from(trackingLinks)
    .innerJoin(orders, and(eq(orders.id, trackingLinks.orderId), eq(orders.sellerId, ctx.sellerId)))
    .where(eq(trackingLinks.orderId, orderId))
    .orderBy(desc(trackingLinks.version))
    .limit(1);
  if (!link || link.revokedAt) return null;
  return trackingUrl(ctx.baseUrl, deriveTrackingToken(ctx.secrets.appSecret, link));
}

/** Revokes every live version of a seller's order link and issues the next: old links then answer 410. */
export async function rotateLink({ ctx, input }: { ctx: SellerContext; input: { orderNumber: string } }): Promise<{ trackingUrl: string }> {
  const orderId = await requireOrderId(ctx, input.orderNumber);
  const now = ctx.now();
  const token = await ctx.db.transaction(async (tx) => {
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
    return issueLink(tx, ctx.secrets.appSecret, orderId, (last?.version ?? 0) + 1, now);
  });
  return { trackingUrl: trackingUrl(ctx.baseUrl, token) };
}
