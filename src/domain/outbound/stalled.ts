import { and, between, eq, inArray, isNull, like } from 'drizzle-orm';
import { orders, webhookEndpoints } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { STALLED_AFTER_MS } from '../dashboard/attention';
import { DAY_MS } from '../zoned-time';
import { orderFacts, queueWebhookEvent } from './queue';

// order.stalled: in transit with no scan for three days (the dashboard's rule). Nothing happens at
// that moment, so the outbound worker looks now and then; the message id names the order and its
// last scan, so looking twice queues it once, and a new scan that stalls again is new news.

const LOOK_BACK_MS = DAY_MS; // a process down for less than a day still reports what stalled meanwhile

export async function queueStalledOrders({ ctx }: { ctx: ServiceContext }): Promise<number> {
  const now = ctx.now();
  const newest = new Date(now.getTime() - STALLED_AFTER_MS);
  const rows = await ctx.db
    .selectDistinct({ orderId: orders.id, lastEventAt: orders.lastEventAt })
    .from(webhookEndpoints)
    .innerJoin(orders, eq(orders.sellerId, webhookEndpoints.sellerId))
    .where(and(
      isNull(webhookEndpoints.deletedAt), isNull(webhookEndpoints.disabledAt), like(webhookEndpoints.events, '%"order.stalled"%'),
      inArray(orders.statusStage, ['shipped', 'in_transit']), isNull(orders.statusException),
      between(orders.lastEventAt, new Date(newest.getTime() - LOOK_BACK_MS), newest),
    ));
  let queued = 0;
  for (const r of rows) {
    queued += await ctx.db.transaction(async (tx) => {
      const facts = await orderFacts(tx, ctx, r.orderId);
      if (!facts) return 0;
      const data = { orderNumber: facts.orderNumber, status: { stage: facts.stage, exception: facts.exception }, trackingUrl: facts.trackingUrl, lastScanAt: r.lastEventAt!.toISOString() };
      return queueWebhookEvent(tx, { sellerId: facts.sellerId, type: 'order.stalled', data, now, messageId: `msg_stalled_${r.orderId}_${r.lastEventAt!.getTime()}` });
    });
  }
  return queued;
}
