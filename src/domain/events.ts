import { and, eq, isNull } from 'drizzle-orm';
import { packages, trackingEvents, type TrackingEvent } from '../../db/schema';
import type { Carrier } from '../../db/schema/packages';
import { canonicalHash } from './canonical-hash';
import type { SellerContext } from './context';
import { Conflict, Invalid } from './errors';
import { checkInstantRange, type TrackingEventInput } from './inputs';
import { requireOrderId, type OrderSource } from './orders';
import { enqueueEventTexts } from './sms/enqueue';
import { refreshOrderStatus } from './order-status';
import { HOUR_MS } from './zoned-time';
import type { Tx } from './sms/rate-limits';

// Carrier clocks drift; an event from further ahead than this is a sender bug, not news.
const MAX_FUTURE_SKEW_MS = HOUR_MS;

/**
 * Adds a tracking event to one of the seller's orders. An event with a tracking number the order
 * does not know yet adds that package (a split shipment announced by its first scan). The same
 * event id again (on the same order) returns the stored event; the same id with a different body
 * is a conflict. An order has one "placed" step: the seller's order_placed event replaces the one
 * made at creation (at `placedAt`, or when it was created); of several sent, the page shows the last.
 */
export async function addTrackingEvent({ ctx, input }: {
  ctx: SellerContext;
  input: { orderNumber: string; event: TrackingEventInput; source: OrderSource };
}): Promise<{ orderId: number; event: TrackingEvent; created: boolean }> {
  const { event } = input;
  const now = ctx.now();
  checkEventTime(event, now);
  const orderId = await requireOrderId(ctx, input.orderNumber);
  const added = await ctx.db.transaction((tx) => storeEvent(tx, ctx, { orderId, event, source: input.source, now }));
  return { orderId, ...added };
}

/** An event's instants against the clock (a 422 naming the field): in range, and not from the future. */
export function checkEventTime(event: TrackingEventInput, now: Date): void {
  checkInstantRange(event, now);
  if (event.occurredAt.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS) {
    throw Invalid('occurredAt: is in the future');
  }
}

/**
 * addTrackingEvent's work inside a write transaction the caller holds (a connector applies a whole
 * delivery in one): the event (or the stored one for a repeated id), its package, its texts and
 * the order's standing. The caller has checked the event's times.
 */
export async function storeEvent(tx: Tx, ctx: SellerContext, input: { orderId: number; event: TrackingEventInput; source: OrderSource; now: Date }): Promise<{ event: TrackingEvent; created: boolean }> {
  const { orderId, event, now } = input;
  const payloadHash = canonicalHash(event);
  if (event.id) {
    const [dup] = await tx
      .select()
      .from(trackingEvents)
      .where(and(eq(trackingEvents.orderId, orderId), eq(trackingEvents.source, input.source), eq(trackingEvents.externalId, event.id)))
      .limit(1);
    if (dup) {
      if (dup.payloadHash !== payloadHash) throw Conflict(`event ${event.id} was already received with a different body`);
      return { event: dup, created: false };
    }
  }
  let packageId: number | null = null;
  let carrier: Carrier | null = null;
  if (event.trackingNumber) {
    const [pkg] = await tx
      .select({ id: packages.id, carrier: packages.carrier })
      .from(packages)
      .where(and(eq(packages.orderId, orderId), eq(packages.trackingNumber, event.trackingNumber)))
      .limit(1);
    packageId = pkg?.id ?? null;
    carrier = pkg?.carrier ?? null;
    if (!packageId) {
      const [first] = await tx.select({ carrier: packages.carrier }).from(packages).where(eq(packages.orderId, orderId)).limit(1);
      carrier = event.carrier ?? first?.carrier ?? 'OTHER';
      const [created] = await tx
        .insert(packages)
        .values({ orderId, carrier, trackingNumber: event.trackingNumber, createdAt: now })
        .returning({ id: packages.id });
      packageId = created!.id;
    }
  }
  // The seller's own "placed" replaces the one made at creation (events it sent stay, so a retry is still a retry).
  if (event.type === 'order_placed') {
    await tx.delete(trackingEvents).where(and(eq(trackingEvents.orderId, orderId), eq(trackingEvents.type, 'order_placed'), isNull(trackingEvents.externalId)));
  }
  const [row] = await tx
    .insert(trackingEvents)
    .values({
      orderId,
      packageId,
      source: input.source,
      externalId: event.id ?? null,
      payloadHash,
      type: event.type,
      occurredAt: event.occurredAt,
      receivedAt: now,
      city: event.location?.city ?? null,
      region: event.location?.region ?? null,
      country: event.location?.country ?? null,
      stopsAway: event.stopsAway ?? null,
      windowStart: event.deliveryWindow?.start ?? null,
      windowEnd: event.deliveryWindow?.end ?? null,
      deliveredTo: event.deliveredTo ?? null,
      signatureRequired: event.signatureRequired ?? null,
      note: event.note ?? null,
      estimatedDate: event.estimatedDelivery ?? null,
      pickupLocation: event.pickup?.location ?? null,
      pickupHours: event.pickup?.hours ?? null,
      pickupBy: event.pickup?.by ?? null,
    })
    .returning();
  // The event and the texts it causes commit together (transactional outbox).
  await enqueueEventTexts(tx, ctx, row!, carrier && event.trackingNumber ? { carrier, trackingNumber: event.trackingNumber } : null, now);
  await refreshOrderStatus(tx, orderId, { keys: ctx, cause: row!, now });
  return { event: row!, created: true };
}
