import { and, eq, inArray, lt } from 'drizzle-orm';
import { integrations, orderContacts, orders, outboundMessages } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { openCredentials, sealCredentials } from '../integrations/secrets';
import type { Tx } from '../sms/rate-limits';
import { DAY_MS } from '../zoned-time';
import type { KlaviyoTouchpoint } from './klaviyo';
import { newMessageId, RETRY_FOR_MS } from './queue';

// Touchpoints as Klaviyo events, queued in the outbound outbox like webhooks (kind 'klaviyo', the
// connector as target). Klaviyo finds the customer by email, so an order's email is kept, sealed,
// only while its seller has Klaviyo connected, and deleted after CONTACT_KEEP_MS.

export const CONTACT_KEEP_MS = 60 * DAY_MS;
const contactAad = (orderId: number) => `order-contact:${orderId}`;

async function klaviyoConnector(tx: Tx, sellerId: number): Promise<string | null> {
  const [row] = await tx.select({ id: integrations.id }).from(integrations)
    .where(and(eq(integrations.sellerId, sellerId), eq(integrations.source, 'klaviyo'), eq(integrations.enabled, true))).limit(1);
  return row?.id ?? null;
}

/** A new order's email, kept (sealed) only when the seller has Klaviyo on; then its "placed" event. */
export async function keepOrderContact(tx: Tx, keys: Pick<ServiceContext, 'secrets'>, o: { sellerId: number; orderId: number; email: string | undefined; placedAt: Date; now: Date }): Promise<void> {
  if (!o.email || !(await klaviyoConnector(tx, o.sellerId))) return;
  await tx.insert(orderContacts).values({ orderId: o.orderId, sealedEmail: sealCredentials(keys.secrets.appSecret, contactAad(o.orderId), { email: o.email }), createdAt: o.now })
    .onConflictDoNothing();
  await queueKlaviyoTouchpoint(tx, { sellerId: o.sellerId, orderId: o.orderId, touchpoint: 'order_placed', occurredAt: o.placedAt, now: o.now });
}

/** Queues one touchpoint for Klaviyo when the seller has it on and the order has a kept email. */
export async function queueKlaviyoTouchpoint(tx: Tx, e: { sellerId: number; orderId: number; touchpoint: KlaviyoTouchpoint; occurredAt: Date; now: Date }): Promise<boolean> {
  const connector = await klaviyoConnector(tx, e.sellerId);
  if (!connector) return false;
  const [contact] = await tx.select({ orderId: orderContacts.orderId }).from(orderContacts).where(eq(orderContacts.orderId, e.orderId)).limit(1);
  if (!contact) return false;
  await tx.insert(outboundMessages).values({
    messageId: newMessageId(), sellerId: e.sellerId, kind: 'klaviyo', targetId: connector, eventType: e.touchpoint,
    payload: JSON.stringify({ orderId: e.orderId, touchpoint: e.touchpoint, occurredAt: e.occurredAt.toISOString() }),
    dueAt: e.now, retryUntil: new Date(e.now.getTime() + RETRY_FOR_MS), createdAt: e.now,
  });
  return true;
}

/** The kept email of an order, or null (none kept, deleted, or sealed under another APP_SECRET). */
export async function orderEmail(ctx: ServiceContext, orderId: number): Promise<string | null> {
  const [row] = await ctx.db.select().from(orderContacts).where(eq(orderContacts.orderId, orderId)).limit(1);
  return row ? (openCredentials(ctx.secrets.appSecret, contactAad(orderId), row.sealedEmail)?.email ?? null) : null;
}

/** Klaviyo switched off: the emails kept for it go at once (connecting again starts with new orders). */
export async function forgetOrderContacts(tx: Tx, sellerId: number): Promise<void> {
  await tx.delete(orderContacts).where(inArray(orderContacts.orderId, tx.select({ id: orders.id }).from(orders).where(eq(orders.sellerId, sellerId))));
}

/** Emails kept longer than CONTACT_KEEP_MS are deleted (the outbound worker's housekeeping). */
export async function pruneOrderContacts({ ctx }: { ctx: ServiceContext }): Promise<number> {
  const oldest = new Date(ctx.now().getTime() - CONTACT_KEEP_MS);
  const rows = await ctx.db.transaction((tx) => tx.delete(orderContacts).where(lt(orderContacts.createdAt, oldest)).returning({ id: orderContacts.orderId }));
  return rows.length;
}
