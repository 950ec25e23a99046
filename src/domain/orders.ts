import { and, asc, eq } from 'drizzle-orm';
import type { Db, ReadAll, ReadRow } from '../../db/client';
import { items, orders, packages, trackingEvents, type Item, type Order, type Package, type Seller, type TrackingEvent } from '../../db/schema';
import type { CreateOrderInput } from './inputs';
import { issueLink } from './links';
import { resolveTimeZone } from './time-zone';
import { canonicalHash } from './canonical-hash';

export interface OrderDetail {
  order: Order;
  packages: Package[];
  items: Item[];
  events: TrackingEvent[];
}

export interface Ctx {
  db: Db;
  appSecret: string;
  /** PUBLIC_BASE_URL: links in texts point here */
  baseUrl: string;
}

/**
 * Creates an order with its packages, items, the "order placed" event and link version 1.
 * The same orderNumber again returns the existing order untouched (idempotent create).
 */
export async function createOrder(
  ctx: Ctx,
  input: { sellerId: number; order: CreateOrderInput; source: 'api' | 'amazon' | 'demo'; now: Date },
): Promise<{ orderId: number; created: boolean }> {
  const { order, sellerId, now } = input;
  return ctx.db.transaction(async (tx) => {
    const existing = await tx.query.orders.findFirst({
      columns: { id: true },
      where: and(eq(orders.sellerId, sellerId), eq(orders.orderNumber, order.orderNumber)),
    });
    if (existing) return { orderId: existing.id, created: false };

    const zone = resolveTimeZone(order.destination);
    const [row] = await tx
      .insert(orders)
      .values({
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
        createdAt: now,
      })
      .returning({ id: orders.id });
    const orderId = row!.id;

    if (order.packages.length) {
      await tx.insert(packages).values(order.packages.map((p) => ({ orderId, carrier: p.carrier, trackingNumber: p.trackingNumber, createdAt: now })));
    }
    if (order.items.length) {
      await tx.insert(items).values(order.items.map((i) => ({ orderId, name: i.name, quantity: i.quantity, sku: i.sku ?? null })));
    }
    const placedAt = order.placedAt ?? now;
    await tx.insert(trackingEvents).values({
      orderId, packageId: null, source: input.source, externalId: null, type: 'order_placed',
      payloadHash: canonicalHash({ type: 'order_placed', occurredAt: placedAt }),
      occurredAt: placedAt, receivedAt: now,
    });
    await issueLink(tx, ctx.appSecret, orderId, 1, now);
    return { orderId, created: true };
  });
}

/** A seller's order by its number (a hot read: every event the seller posts). */
export async function findOrderId(readRow: ReadRow, sellerId: number, orderNumber: string): Promise<number | null> {
  const row = await readRow('SELECT id FROM orders WHERE seller_id = ? AND order_number = ?', [sellerId, orderNumber]);
  return row ? Number(row.id) : null;
}

/** Where an order stands, for the answer to a new event: its packages and its events' bare facts. */
export async function readOrderProgress(readAll: ReadAll, orderId: number) {
  const [pkgs, events] = await Promise.all([
    readAll('SELECT id, tracking_number FROM packages WHERE order_id = ? ORDER BY id', [orderId]),
    readAll('SELECT id, type, occurred_at, package_id FROM tracking_events WHERE order_id = ?', [orderId]),
  ]);
  return {
    packages: pkgs.map((p) => ({ id: Number(p.id), trackingNumber: String(p.tracking_number) })),
    events: events.map((e) => ({
      id: Number(e.id), type: e.type as TrackingEvent['type'], occurredAt: new Date(Number(e.occurred_at)), packageId: e.package_id == null ? null : Number(e.package_id),
    })),
  };
}

export async function loadOrderDetail(db: Db, orderId: number): Promise<OrderDetail | null> {
  const [order, pkgs, its, events] = await Promise.all([
    db.query.orders.findFirst({ where: eq(orders.id, orderId) }),
    db.select().from(packages).where(eq(packages.orderId, orderId)).orderBy(asc(packages.id)),
    db.select().from(items).where(eq(items.orderId, orderId)).orderBy(asc(items.id)),
    db.select().from(trackingEvents).where(eq(trackingEvents.orderId, orderId)),
  ]);
  if (!order) return null;
  return { order, packages: pkgs, items: its, events };
}

/** The seller as the customer page shows it (no logo bytes): read with the page (tracking-read.ts). */
export type SellerBrand = Pick<
  Seller,
  'id' | 'slug' | 'name' | 'accentColor' | 'logoVersion' | 'supportEmail' | 'supportPhone' | 'supportUrl' | 'publicFeedbackUrl'
>;
