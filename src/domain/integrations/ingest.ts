import { and, eq, inArray, sql } from 'drizzle-orm';
import { integrationDeliveries, integrations, orders, packages, trackingEvents } from '../../../db/schema';
import type { SellerContext } from '../context';
import { explained } from '../errors';
import { checkEventTime, storeEvent } from '../events';
import { checkInstantRange, createOrderInput, trackingEventInput, type CreateOrderInput, type TrackingEventInput } from '../inputs';
import { storeOrder } from '../orders';
import type { Tx } from '../sms/rate-limits';
import type { InboundSource as Source, SourceDelivery } from './types';
import { queueWriteBack } from './writeback';

// Stores what a connector mapped, through the same schemas and the same storing steps as the
// seller API (storeOrder, storeEvent): an order is created once (found again by the source's own
// id), and each scan is an event whose id is the source's, so a repeated delivery or poll adds
// nothing and a newer one only what is new, in any order. A whole delivery is one write
// transaction, its delivery id and the connector's counters included: writers across processes
// take turns on the database's one lock, so one turn a delivery is what keeps up with a burst.

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

/** A delivery parsed and checked against the clock before any write: what is refused is said, not stored. */
interface Checked { delivery: SourceDelivery; order: CreateOrderInput | null; events: TrackingEventInput[] }

function check(delivery: SourceDelivery, now: Date, into: Applied): Checked {
  // an order the schemas refuse refuses the delivery (a 422): its scans would have no order to go to
  const order = delivery.order ? createOrderInput.parse(delivery.order) : null;
  if (order) checkInstantRange(order, now);
  return { delivery, order, events: checkEvents(delivery.events, now, into) };
}

/** The events the API's schema and clock accept; the others are left out, with why, in `into`. */
function checkEvents(raws: SourceDelivery['events'], now: Date, into: Applied): TrackingEventInput[] {
  const events: TrackingEventInput[] = [];
  for (const raw of raws) {
    const parsed = trackingEventInput.safeParse(raw);
    if (!parsed.success) {
      into.refused.push(`${raw.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      continue;
    }
    try {
      checkEventTime(parsed.data, now);
      events.push(parsed.data);
    } catch (e) {
      const err = explained(e);
      if (err?.code !== 'validation_failed') throw e;
      into.refused.push(`${raw.id}: ${err.message}`);
    }
  }
  return events;
}

/** The order a delivery is about: by the source's own order id (created from it when new) or a known package. */
async function orderFor(tx: Tx, ctx: SellerContext, source: Source, c: Checked, now: Date): Promise<number | null> {
  const { ref } = c.delivery;
  if ('trackingNumber' in ref) {
    const [row] = await tx
      .select({ id: orders.id })
      .from(packages)
      .innerJoin(orders, eq(orders.id, packages.orderId))
      .where(and(eq(orders.sellerId, ctx.sellerId), eq(packages.trackingNumber, ref.trackingNumber.toUpperCase())))
      .orderBy(sql`${orders.createdAt} DESC`)
      .limit(1);
    return row?.id ?? null;
  }
  const sourceRef = `${source}:${ref.sourceOrderId}`;
  const [found] = await tx.select({ id: orders.id }).from(orders).where(and(eq(orders.sellerId, ctx.sellerId), eq(orders.sourceRef, sourceRef))).limit(1);
  if (found) return found.id;
  if (!c.order) return null;
  // With Amazon MCF connected, the store's order ships as the MCF order of the same number (the
  // way Amazon's MCF apps for Shopify and WooCommerce name them): the poller follows it. An order
  // already made with this number (the API, an import) is linked, not duplicated.
  const [amazon] = await tx.select({ id: integrations.id }).from(integrations)
    .where(and(eq(integrations.sellerId, ctx.sellerId), eq(integrations.source, 'amazon'), eq(integrations.enabled, true)));
  const { orderId } = await storeOrder(tx, ctx, { order: c.order, source, now, links: { sourceRef, mcfOrderId: amazon ? c.order.orderNumber : null } });
  return orderId;
}

/** Stores checked scans on one order, skipping those already stored (a source re-sends its whole history). */
async function storeScans(tx: Tx, ctx: SellerContext, source: Source, orderId: number, events: TrackingEventInput[], now: Date, into: Applied): Promise<void> {
  const ids = events.flatMap((e) => (e.id ? [e.id] : []));
  const stored = new Set(ids.length
    ? (await tx.select({ id: trackingEvents.externalId }).from(trackingEvents)
      .where(and(eq(trackingEvents.orderId, orderId), eq(trackingEvents.source, source), inArray(trackingEvents.externalId, ids)))).map((r) => r.id)
    : []);
  for (const event of events) {
    if (event.id && stored.has(event.id)) {
      into.known++;
      continue;
    }
    try {
      const { created } = await storeEvent(tx, ctx, { orderId, event, source, now });
      if (created) into.added++;
      else into.known++;
      if (event.id) stored.add(event.id);
    } catch (e) {
      // the same scan with other details (the source corrected it): the first one stays
      if (explained(e)?.code !== 'conflict') throw e;
      into.known++;
    }
  }
}

/**
 * Applies a webhook's deliveries for the seller in `ctx`, in one write transaction with the delivery
 * id (its repeat then does nothing) and the connector's counters and last problem. A failure
 * stores none of it, so the source's retry is applied, not skipped as a repeat.
 */
export async function ingestDeliveries(ctx: SellerContext, input: { source: Source; integrationId: string; deliveries: SourceDelivery[]; deliveryId: string | null; writeBack?: boolean }): Promise<Applied> {
  const now = ctx.now();
  const applied = noneApplied();
  const checked = input.deliveries.map((d) => check(d, now, applied));
  await ctx.db.transaction(async (tx) => {
    for (const c of checked) {
      const orderId = await orderFor(tx, ctx, input.source, c, now);
      if (orderId === null) {
        applied.unmatched += c.delivery.events.length;
        continue;
      }
      await storeScans(tx, ctx, input.source, orderId, c.events, now, applied);
      const shipment = c.delivery.storeShipment;
      if (input.writeBack && shipment) await queueWriteBack(tx, ctx, { integrationId: input.integrationId, orderId, shipment, now });
    }
    if (input.deliveryId) {
      await tx.insert(integrationDeliveries).values({ integrationId: input.integrationId, deliveryId: deliveryKey(input.deliveryId), receivedAt: now }).onConflictDoNothing();
    }
    await noteIn(tx, ctx, input.integrationId, applied, leftOut(applied), now);
  });
  return applied;
}

/** Applies one order's polled scans (Amazon) in one write transaction, adding the counts to `into`. */
export async function ingestScans(ctx: SellerContext, input: { source: Source; orderId: number; events: SourceDelivery['events'] }, into: Applied): Promise<void> {
  const now = ctx.now();
  const events = checkEvents(input.events, now, into);
  if (!events.length) return;
  await ctx.db.transaction((tx) => storeScans(tx, ctx, input.source, input.orderId, events, now, into));
}

/** A source's delivery id as stored (and looked up): the first 200 characters. */
export const deliveryKey = (deliveryId: string): string => deliveryId.slice(0, 200);

/** The connector's last problem from what was left out, in plain words; null when nothing was. */
export const leftOut = (applied: Applied): string | null => (applied.refused.length ? `Left out: ${applied.refused.join(' | ')}` : null);

async function noteIn(tx: Tx, ctx: SellerContext, integrationId: string, applied: Applied | null, error: string | null, now: Date): Promise<void> {
  if (!applied && !error) return;
  await tx
    .update(integrations)
    .set({
      ...(applied ? { lastDeliveryAt: now, deliveries: sql`${integrations.deliveries} + 1` } : {}),
      ...(error ? { lastError: error.slice(0, 500), lastErrorAt: now } : {}),
    })
    .where(and(eq(integrations.id, integrationId), eq(integrations.sellerId, ctx.sellerId)));
}

/** After a poll: the connector's counters (when anything came) and its last problem in plain words. */
export async function noteOutcome(ctx: SellerContext, integrationId: string, outcome: { applied: Applied | null; error: string | null }): Promise<void> {
  if (!outcome.applied && !outcome.error) return;
  await ctx.db.transaction((tx) => noteIn(tx, ctx, integrationId, outcome.applied, outcome.error, ctx.now()));
}
