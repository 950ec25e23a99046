import { and, eq, inArray, sql } from 'drizzle-orm';
import { integrationDeliveries, integrations, orders, packages, trackingEvents } from '../../../db/schema';
import type { SellerContext } from '../context';
import { explained } from '../errors';
import { createOrderInput, trackingEventInput } from '../inputs';
import { createOrder } from '../orders';
import { addTrackingEvent } from '../events';
import type { Source, SourceDelivery } from './types';

// Stores what a connector mapped, through the same verbs and schemas as the seller API: an order
// is created once (found again by the source's own id), and each scan is an event whose id is the
// source's, so a repeated delivery or poll adds nothing and a newer one only what is new, in any
// order. A scan for a package Porchlight does not know is left out (counted in the answer).

export interface Applied {
  /** events stored now */
  added: number;
  /** events Porchlight already had (a repeat, or an older payload) */
  known: number;
  /** scans about no order this seller has (a tracking number never seen, an order made before connecting) */
  unmatched: number;
  /** events the schemas refused (with why, for the connector's last error) */
  refused: string[];
}

export const noneApplied = (): Applied => ({ added: 0, known: 0, unmatched: 0, refused: [] });

/** The order a delivery is about: by the source's own order id (created from it when new) or a known package. */
async function orderFor(ctx: SellerContext, source: Source, delivery: SourceDelivery): Promise<string | null> {
  if ('trackingNumber' in delivery.ref) {
    const [row] = await ctx.db
      .select({ orderNumber: orders.orderNumber })
      .from(packages)
      .innerJoin(orders, eq(orders.id, packages.orderId))
      .where(and(eq(orders.sellerId, ctx.sellerId), eq(packages.trackingNumber, delivery.ref.trackingNumber.trim().toUpperCase())))
      .orderBy(sql`${orders.createdAt} DESC`)
      .limit(1);
    return row?.orderNumber ?? null;
  }
  const ref = `${source}:${delivery.ref.sourceOrderId}`;
  const [found] = await ctx.db
    .select({ orderNumber: orders.orderNumber })
    .from(orders)
    .where(and(eq(orders.sellerId, ctx.sellerId), eq(orders.sourceRef, ref)))
    .limit(1);
  if (found) return found.orderNumber;
  if (!delivery.order) return null;
  const order = createOrderInput.parse(delivery.order);
  // With Amazon MCF connected, the store's order ships as the MCF order of the same number (the
  // way Amazon's MCF apps for Shopify and WooCommerce name them): the poller follows it.
  const [amazon] = await ctx.db.select({ id: integrations.id }).from(integrations)
    .where(and(eq(integrations.sellerId, ctx.sellerId), eq(integrations.source, 'amazon'), eq(integrations.enabled, true)));
  await createOrder({ ctx, input: { order, source, links: { sourceRef: ref, mcfOrderId: amazon ? order.orderNumber : null } } });
  return order.orderNumber;
}

/** Applies one mapped delivery for the seller in `ctx`, adding its counts to `into`. */
export async function applyDelivery(ctx: SellerContext, source: Source, delivery: SourceDelivery, into: Applied = noneApplied()): Promise<Applied> {
  const orderNumber = await orderFor(ctx, source, delivery);
  if (!orderNumber) {
    into.unmatched += Math.max(1, delivery.events.length);
    return into;
  }
  return applyEvents(ctx, source, orderNumber, delivery.events, into);
}

/** Adds mapped scans to one of the seller's orders (a scan with a tracking number the order lacks adds that package). */
export async function applyEvents(ctx: SellerContext, source: Source, orderNumber: string, events: SourceDelivery['events'], into: Applied = noneApplied()): Promise<Applied> {
  // the scans stored before (a source re-sends its whole history): skipped without a write
  const ids = events.map((e) => e.id);
  const stored = ids.length
    ? new Set((await ctx.db
      .select({ id: trackingEvents.externalId })
      .from(trackingEvents)
      .innerJoin(orders, eq(orders.id, trackingEvents.orderId))
      .where(and(eq(orders.sellerId, ctx.sellerId), eq(orders.orderNumber, orderNumber), eq(trackingEvents.source, source), inArray(trackingEvents.externalId, ids)))).map((r) => r.id))
    : new Set<string | null>();
  for (const raw of events) {
    if (stored.has(raw.id)) {
      into.known++;
      continue;
    }
    const parsed = trackingEventInput.safeParse(raw);
    if (!parsed.success) {
      into.refused.push(`${raw.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      continue;
    }
    try {
      const { created } = await addTrackingEvent({ ctx, input: { orderNumber, event: parsed.data, source } });
      if (created) into.added++;
      else into.known++;
    } catch (e) {
      const err = explained(e);
      // the same scan with other details (the source corrected it): the first one stays
      if (err?.code === 'conflict') into.known++;
      else if (err && err.code === 'validation_failed') into.refused.push(`${raw.id}: ${err.message}`);
      else throw e;
    }
  }
  return into;
}

/** Whether this connector already took the delivery with this id (a read: the id is recorded with the outcome). */
export async function deliveryTaken(ctx: SellerContext, integrationId: string, deliveryId: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: integrationDeliveries.deliveryId })
    .from(integrationDeliveries)
    .where(and(eq(integrationDeliveries.integrationId, integrationId), eq(integrationDeliveries.deliveryId, deliveryId.slice(0, 200))));
  return !!row;
}

/**
 * After a delivery or a poll, in one write: the delivery id taken (so its repeat does nothing; two
 * copies arriving together are both applied, and their scans are stored once by their ids), the
 * connector's counters, and its last problem in plain words.
 */
export async function noteOutcome(ctx: SellerContext, integrationId: string, outcome: { applied: Applied | null; error: string | null; deliveryId?: string | null }): Promise<void> {
  const { applied, error, deliveryId } = outcome;
  if (!applied && !error && !deliveryId) return;
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    if (deliveryId) {
      await tx.insert(integrationDeliveries).values({ integrationId, deliveryId: deliveryId.slice(0, 200), receivedAt: now }).onConflictDoNothing();
    }
    if (!applied && !error) return;
    await tx
      .update(integrations)
      .set({
        ...(applied ? { lastDeliveryAt: now, deliveries: sql`${integrations.deliveries} + 1` } : {}),
        ...(error ? { lastError: error.slice(0, 500), lastErrorAt: now } : {}),
      })
      .where(and(eq(integrations.id, integrationId), eq(integrations.sellerId, ctx.sellerId)));
  });
}
