import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { orders, outboundMessages, trackingLinks, webhookEndpoints, type WebhookEventType } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { trackingUrl } from '../links';
import type { Tx } from '../sms/rate-limits';
import { deriveTrackingToken } from '../tokens';
import { DAY_MS } from '../zoned-time';

// Outbound events are queued in the transaction of the change they report (transactional outbox):
// committed together or not at all. The worker (worker.ts) sends them.

export const RETRY_FOR_MS = DAY_MS;

export const newMessageId = () => `msg_${randomBytes(16).toString('base64url')}`;

/**
 * Queues `type` with `data` for each of the seller's live endpoints that asked for it. `messageId`
 * is given when the event has a natural identity (a stall of one order at one scan), so queuing it
 * twice adds nothing.
 */
export async function queueWebhookEvent(
  tx: Tx,
  e: { sellerId: number; type: WebhookEventType; data: Record<string, unknown>; now: Date; messageId?: string },
): Promise<number> {
  const endpoints = await tx.select({ id: webhookEndpoints.id, events: webhookEndpoints.events }).from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.sellerId, e.sellerId), isNull(webhookEndpoints.deletedAt), isNull(webhookEndpoints.disabledAt)));
  const targets = endpoints.filter((ep) => (JSON.parse(ep.events) as string[]).includes(e.type));
  if (!targets.length) return 0;
  const messageId = e.messageId ?? newMessageId();
  const payload = JSON.stringify({ type: e.type, timestamp: e.now.toISOString(), data: e.data });
  const rows = await tx.insert(outboundMessages)
    .values(targets.map((t) => ({
      messageId, sellerId: e.sellerId, kind: 'webhook' as const, targetId: t.id, eventType: e.type, payload,
      dueAt: e.now, retryUntil: new Date(e.now.getTime() + RETRY_FOR_MS), createdAt: e.now,
    })))
    .onConflictDoNothing()
    .returning({ id: outboundMessages.id });
  return rows.length;
}

/** What every order event carries: the order number and its current tracking link (null if revoked). */
export async function orderFacts(tx: Tx, keys: Pick<ServiceContext, 'secrets' | 'baseUrl'>, orderId: number) {
  const [order] = await tx.select({ sellerId: orders.sellerId, orderNumber: orders.orderNumber, stage: orders.statusStage, exception: orders.statusException })
    .from(orders).where(eq(orders.id, orderId)).limit(1);
  if (!order) return null;
  const [link] = await tx.select({ orderId: trackingLinks.orderId, version: trackingLinks.version, salt: trackingLinks.salt, revokedAt: trackingLinks.revokedAt })
    .from(trackingLinks).where(eq(trackingLinks.orderId, orderId)).orderBy(desc(trackingLinks.version)).limit(1);
  const url = link && !link.revokedAt ? trackingUrl(keys.baseUrl, deriveTrackingToken(keys.secrets.appSecret, link)) : null;
  return { ...order, trackingUrl: url };
}
