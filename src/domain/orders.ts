import { and, asc, eq, sql } from 'drizzle-orm';
import { findOrderId, readOrderProgress } from '../../db/queries/orders';
import { items, orders, packages, sellers, trackingEvents, type Item, type Order, type Package, type TrackingEvent } from '../../db/schema';
import type { ORDER_SOURCES } from '../../db/schema/orders';
import { canonicalHash } from './canonical-hash';
import type { SellerContext } from './context';
import { NotFound } from './errors';
import { checkInstantRange, type CreateOrderInput } from './inputs';
import { issueLink } from './links';
import { resolveTimeZone } from './time-zone';
import { keepOrderContact } from './outbound/klaviyo-queue';
import type { Tx } from './sms/rate-limits';

export type OrderSource = (typeof ORDER_SOURCES)[number];

export interface OrderDetail {
  order: Order;
  packages: Package[];
  items: Item[];
  events: TrackingEvent[];
}

/**
 * Creates a seller's order with its packages, items, the "order placed" step (at `placedAt`, else
 * now) and link version 1. The same orderNumber again returns the existing order untouched.
 */
export async function createOrder({ ctx, input }: {
  ctx: SellerContext;
  /** `links`: an order from a store connector — its id at the source, and the MCF order it ships as (kept where none is yet) */
  input: { order: CreateOrderInput; source: OrderSource; links?: { sourceRef: string; mcfOrderId: string | null } };
}): Promise<{ orderId: number; created: boolean }> {
  const now = ctx.now();
  checkInstantRange(input.order, now);
  return ctx.db.transaction((tx) => storeOrder(tx, ctx, { ...input, now }));
}

/** createOrder's work inside a write transaction the caller holds (a connector applies a whole delivery in one). */
export async function storeOrder(tx: Tx, ctx: SellerContext, input: {
  order: CreateOrderInput; source: OrderSource; links?: { sourceRef: string; mcfOrderId: string | null }; now: Date;
}): Promise<{ orderId: number; created: boolean }> {
  const { order, links, now } = input;
  const existing = await tx.query.orders.findFirst({
    columns: { id: true },
    where: and(eq(orders.sellerId, ctx.sellerId), eq(orders.orderNumber, order.orderNumber)),
  });
  if (existing) {
    // an order made before with this number (the API, an import) is linked to the store's, not duplicated
    if (links) {
      await tx.update(orders)
        .set({ sourceRef: sql`coalesce(${orders.sourceRef}, ${links.sourceRef})`, mcfOrderId: sql`coalesce(${orders.mcfOrderId}, ${links.mcfOrderId})` })
        .where(eq(orders.id, existing.id));
    }
    return { orderId: existing.id, created: false };
  }

  const defaultZone = await sellerDefaultZone(tx, ctx.sellerId);
  const [row] = await tx
    .insert(orders)
    .values({ ...newOrderRow(ctx.sellerId, order, input.source, now, defaultZone), sourceRef: links?.sourceRef ?? null, mcfOrderId: links?.mcfOrderId ?? null })
    .returning({ id: orders.id });
  const orderId = row!.id;

  const packageIds = new Map<string, number>();
  if (order.packages.length) {
    const made = await tx
      .insert(packages)
      .values(order.packages.map((p) => ({ orderId, carrier: p.carrier, trackingNumber: p.trackingNumber, createdAt: now })))
      .returning({ id: packages.id, trackingNumber: packages.trackingNumber });
    for (const p of made) packageIds.set(p.trackingNumber, p.id);
  }
  if (order.items.length) {
    await tx.insert(items).values(order.items.map((i) => ({
      orderId, name: i.name, quantity: i.quantity, sku: i.sku ?? null,
      packageId: i.trackingNumber ? (packageIds.get(i.trackingNumber) ?? null) : null,
    })));
  }
  const placedAt = order.placedAt ?? now;
  await tx.insert(trackingEvents).values({
    orderId, packageId: null, source: input.source, externalId: null, type: 'order_placed',
    payloadHash: canonicalHash({ type: 'order_placed', occurredAt: placedAt }),
    occurredAt: placedAt, receivedAt: now,
  });
  await issueLink(tx, ctx.secrets.appSecret, orderId, 1, now);
  await keepOrderContact(tx, ctx, { sellerId: ctx.sellerId, orderId, email: order.customer?.email, placedAt, now });
  return { orderId, created: true };
}

/** The id of this seller's order `orderNumber`; another seller's order and a missing one are the same 404. */
export async function requireOrderId(ctx: SellerContext, orderNumber: string): Promise<number> {
  const id = await findOrderId(ctx.read.row, ctx.sellerId, orderNumber);
  if (!id) throw NotFound('Order');
  return id;
}

/** Where one of this seller's orders stands: its packages and its events' bare facts. */
export async function orderProgress({ ctx, input }: { ctx: SellerContext; input: { orderId: number } }) {
  return readOrderProgress(ctx.read.all, ctx.sellerId, input.orderId);
}

/** One of this seller's orders, whole. */
export async function loadOrderDetail({ ctx, input }: { ctx: SellerContext; input: { orderId: number } }): Promise<OrderDetail> {
  const { orderId } = input;
  const [order, pkgs, its, events] = await Promise.all([
    ctx.db.query.orders.findFirst({ where: and(eq(orders.id, orderId), eq(orders.sellerId, ctx.sellerId)) }),
    ctx.db.select().from(packages).where(eq(packages.orderId, orderId)).orderBy(asc(packages.id)),
    ctx.db.select().from(items).where(eq(items.orderId, orderId)).orderBy(asc(items.id)),
    ctx.db.select().from(trackingEvents).where(eq(trackingEvents.orderId, orderId)),
  ]);
  if (!order) throw NotFound('Order');
  return { order, packages: pkgs, items: its, events };
}

/** The zone a seller set for orders whose destination says nothing better (dashboard settings), or null. */
export async function sellerDefaultZone(tx: Pick<Tx, 'select'>, sellerId: number): Promise<string | null> {
  const [seller] = await tx.select({ zone: sellers.defaultTimeZone }).from(sellers).where(eq(sellers.id, sellerId)).limit(1);
  return seller?.zone ?? null;
}

/**
 * The orders row of a new order: one shape for createOrder and the CSV import's batches. The zone
 * comes from the destination; where that says nothing (UTC fallback), the seller's default beats it.
 */
export function newOrderRow(sellerId: number, order: CreateOrderInput, source: OrderSource, now: Date, defaultZone: string | null) {
  const resolved = resolveTimeZone(order.destination);
  const zone = resolved.basis === 'fallback' && defaultZone ? { zone: defaultZone, basis: resolved.basis, assumed: true } : resolved;
  return {
    sellerId,
    orderNumber: order.orderNumber,
    customerFirstName: order.customer?.firstName ?? null,
    language: order.customer?.language ?? null,
    destCity: order.destination.city ?? null,
    destRegion: order.destination.region?.toUpperCase() ?? null,
    destPostalCode: order.destination.postalCode?.toUpperCase() ?? null,
    destCountry: order.destination.country,
    timeZone: zone.zone,
    timeZoneBasis: zone.basis,
    timeZoneAssumed: zone.assumed,
    promisedDate: order.promisedDate ?? null,
    source,
    createdAt: now,
  };
}
