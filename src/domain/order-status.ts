import { and, eq, isNull, ne } from 'drizzle-orm';
import { orders, packages, trackingEvents, type TrackingEvent } from '../../db/schema';
import type { ServiceContext } from './context';
import { queueOrderEvents } from './outbound/order-events';
import type { Tx } from './sms/rate-limits';
import { orderStatus, type Stage } from './status';

// The order's standing (stage, exception, newest scan) kept on the order row, rewritten with every
// event in the event's transaction: the dashboard filters and sorts by it without replaying events.

/** With `news`, a change of stage or a new exception is queued for the seller's webhooks (outbound/order-events.ts). */
export async function refreshOrderStatus(tx: Tx, orderId: number, news?: { keys: Pick<ServiceContext, 'secrets' | 'baseUrl'>; cause: TrackingEvent; now: Date }): Promise<void> {
  const [before] = news ? await tx.select({ sellerId: orders.sellerId, stage: orders.statusStage, exception: orders.statusException }).from(orders).where(eq(orders.id, orderId)).limit(1) : [];
  const pkgs = await tx.select({ id: packages.id }).from(packages).where(eq(packages.orderId, orderId));
  const events = await tx
    .select({ id: trackingEvents.id, type: trackingEvents.type, occurredAt: trackingEvents.occurredAt, packageId: trackingEvents.packageId })
    .from(trackingEvents)
    .where(eq(trackingEvents.orderId, orderId));
  const status = orderStatus(pkgs.map((p) => p.id), events);
  const exception = (pkgs.length ? [...status.packages.values()].find((p) => p.exception)?.exception : status.orderLevel.exception) ?? null;
  const scans = events.filter((e) => e.type !== 'order_placed');
  const lastEventAt = scans.length ? new Date(Math.max(...scans.map((e) => e.occurredAt.getTime()))) : null;
  await tx.update(orders).set({ statusStage: status.stage, statusException: exception, lastEventAt }).where(eq(orders.id, orderId));
  if (news && before) {
    const change = { orderId, sellerId: before.sellerId, before: { stage: before.stage as Stage, exception: before.exception }, after: { stage: status.stage, exception }, cause: news.cause, now: news.now };
    await queueOrderEvents(tx, news.keys, change);
  }
}

/** Orders stored before the status columns existed (or by a writer that skipped them) get theirs, at start. */
export async function backfillOrderStatuses({ ctx }: { ctx: ServiceContext }): Promise<number> {
  const stale = await ctx.db
    .selectDistinct({ id: trackingEvents.orderId })
    .from(trackingEvents)
    .innerJoin(orders, eq(orders.id, trackingEvents.orderId))
    .where(and(ne(trackingEvents.type, 'order_placed'), isNull(orders.lastEventAt)));
  for (let i = 0; i < stale.length; i += 200) {
    const batch = stale.slice(i, i + 200).map((r) => r.id);
    await ctx.db.transaction(async (tx) => {
      for (const id of batch) await refreshOrderStatus(tx, id);
    });
  }
  return stale.length;
}

