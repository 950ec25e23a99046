import { and, eq, gt, isNotNull, ne, or, isNull, notInArray } from 'drizzle-orm';
import { integrations, orders } from '../../../db/schema';
import { forSeller, type ServiceContext } from '../context';
import { releaseLease, takeLease } from '../leases';
import { DAY_MS } from '../zoned-time';
import { AmazonApiError, createAmazonClient, type AmazonClientOptions, type AmazonRegion } from './amazon-client';
import { mapPackage } from './amazon';
import { openIntegration } from './connect';
import { ingestScans, leftOut, noneApplied, noteOutcome, type Applied } from './ingest';

// The Amazon MCF poller: for each seller with Amazon connected, each unfinished order linked to
// an MCF order → getFulfillmentOrder → its packages → getPackageTrackingDetails → scans, stored
// like any source's (ids per scan: a poll repeats nothing). One process at a time polls (a lease
// in the database), renewing it order by order; a seller's failure is noted on its connector
// (the Integrations page shows it) and the round goes on with the next seller.

export const AMAZON_LEASE = 'amazon-poll';
const LEASE_MS = 5 * 60_000;
// an MCF order still moving after this long is not polled again (Amazon keeps tracking ~90 days)
const FOLLOW_FOR_MS = 60 * DAY_MS;
const ORDERS_PER_ROUND = 500;

export interface PollOutcome {
  sellers: number;
  orders: number;
  applied: Applied;
  /** sellers whose round stopped on an error (in plain words on their connector) */
  failed: number;
}

export async function pollAmazon({ ctx, input }: {
  ctx: ServiceContext;
  input: { owner: string; tokenUrl?: string; client?: Pick<AmazonClientOptions, 'sleep' | 'now' | 'random'> };
}): Promise<PollOutcome | null> {
  if (!(await takeLease(ctx, AMAZON_LEASE, input.owner, LEASE_MS))) return null;
  let renewedAt = ctx.now().getTime();
  // renewed once half of it has run (a write), not before every order
  const keepLease = async () => {
    if (ctx.now().getTime() - renewedAt < LEASE_MS / 2) return true;
    renewedAt = ctx.now().getTime();
    return takeLease(ctx, AMAZON_LEASE, input.owner, LEASE_MS);
  };
  const outcome: PollOutcome = { sellers: 0, orders: 0, applied: noneApplied(), failed: 0 };
  try {
    const connected = await ctx.db.select().from(integrations).where(and(eq(integrations.source, 'amazon'), eq(integrations.enabled, true)));
    for (const row of connected) {
      const open = openIntegration(ctx.secrets.appSecret, row);
      const seller = forSeller(ctx, row.sellerId);
      if (!open) {
        await noteOutcome(seller, row.id, { applied: null, error: 'The saved credentials cannot be read (APP_SECRET changed?): save them again' });
        outcome.failed++;
        continue;
      }
      outcome.sellers++;
      const settings = JSON.parse(row.settings) as { lwaClientId?: string; region?: AmazonRegion; endpoint?: string };
      const client = createAmazonClient({
        credentials: { lwaClientId: settings.lwaClientId ?? '', lwaClientSecret: open.credentials.lwaClientSecret!, refreshToken: open.credentials.refreshToken! },
        region: settings.region ?? 'na', endpoint: settings.endpoint, tokenUrl: input.tokenUrl, ...input.client,
      });
      const applied = noneApplied();
      let error: string | null = null;
      const due = await ctx.db
        .select({ id: orders.id, orderNumber: orders.orderNumber, mcfOrderId: orders.mcfOrderId, timeZone: orders.timeZone })
        .from(orders)
        .where(and(
          eq(orders.sellerId, row.sellerId), isNotNull(orders.mcfOrderId), ne(orders.statusStage, 'delivered'),
          or(isNull(orders.statusException), notInArray(orders.statusException, ['returned', 'cancelled', 'lost'])),
          gt(orders.createdAt, new Date(ctx.now().getTime() - FOLLOW_FOR_MS)),
        ))
        .limit(ORDERS_PER_ROUND);
      for (const order of due) {
        if (!(await keepLease())) return outcome; // lapsed and taken by another: hands off
        try {
          const fo = await client.getFulfillmentOrder(order.mcfOrderId!);
          for (const pkg of fo.packages) {
            const details = await client.getPackageTrackingDetails(pkg.packageNumber);
            const delivery = mapPackage(details, { sellerFulfillmentOrderId: order.mcfOrderId!, trackingNumber: pkg.trackingNumber ?? pkg.amazonFulfillmentTrackingNumber, timeZone: order.timeZone });
            if (delivery) await ingestScans(seller, { source: 'amazon', orderId: order.id, events: delivery.events }, applied);
          }
          outcome.orders++;
        } catch (e) {
          if (!(e instanceof AmazonApiError)) throw e;
          // an order Amazon does not know is not an MCF order: the others still are
          if (e.code === 'not_found') continue;
          error = `Amazon answered ${e.status ?? 'nothing'} (${e.code}) for order ${order.orderNumber}; will try again next round`;
          break;
        }
      }
      if (error) outcome.failed++;
      for (const k of ['added', 'known', 'unmatched'] as const) outcome.applied[k] += applied[k];
      outcome.applied.refused.push(...applied.refused);
      await noteOutcome(seller, row.id, { applied: applied.added || applied.known ? applied : null, error: error ?? leftOut(applied) });
    }
    return outcome;
  } finally {
    await releaseLease(ctx, AMAZON_LEASE, input.owner);
  }
}
