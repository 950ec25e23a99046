import { and, desc, eq, inArray } from 'drizzle-orm';
import { outboundMessages, webhookEndpoints } from '../../../db/schema';
import type { SellerContext } from '../context';
import { NotFound } from '../errors';
import { RETRY_FOR_MS } from './queue';

// What the dashboard lists of a seller's outbound messages, and a resend by hand.

export interface OutboundListItem {
  id: number;
  messageId: string;
  eventType: string;
  kind: 'webhook' | 'klaviyo';
  /** the endpoint's URL (webhooks) */
  target: string | null;
  state: 'pending' | 'leased' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
}

export async function listOutbound({ ctx, input }: { ctx: SellerContext; input: { limit: number } }): Promise<OutboundListItem[]> {
  const rows = await ctx.db
    .select({ m: outboundMessages, url: webhookEndpoints.url })
    .from(outboundMessages)
    .leftJoin(webhookEndpoints, eq(webhookEndpoints.id, outboundMessages.targetId))
    .where(eq(outboundMessages.sellerId, ctx.sellerId))
    .orderBy(desc(outboundMessages.createdAt), desc(outboundMessages.id))
    .limit(input.limit);
  return rows.map(({ m, url }) => ({
    id: m.id, messageId: m.messageId, eventType: m.eventType, kind: m.kind, target: url, state: m.state, attempts: m.attempts,
    lastStatus: m.lastStatus, lastError: m.lastError, createdAt: m.createdAt, lastAttemptAt: m.lastAttemptAt,
    // a parked message (its endpoint disabled) has no next attempt to show
    nextAttemptAt: m.state === 'pending' && m.dueAt.getFullYear() < 9000 ? m.dueAt : null,
  }));
}

/**
 * Sends a delivered, failed or cancelled message again, now, with the same webhook-id (a receiver
 * that dedupes on it will see a repeat). Another day of retries if it fails.
 */
export async function resendOutbound({ ctx, input }: { ctx: SellerContext; input: { id: number } }): Promise<void> {
  const now = ctx.now();
  const rows = await ctx.db.transaction((tx) =>
    tx.update(outboundMessages)
      .set({ state: 'pending', dueAt: now, retryUntil: new Date(now.getTime() + RETRY_FOR_MS), attempts: 0, deliveredAt: null, leaseOwner: null, leaseUntil: null })
      .where(and(eq(outboundMessages.id, input.id), eq(outboundMessages.sellerId, ctx.sellerId), inArray(outboundMessages.state, ['delivered', 'failed', 'cancelled'])))
      .returning({ id: outboundMessages.id }),
  );
  if (!rows.length) throw NotFound('Finished delivery');
}
