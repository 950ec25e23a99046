import { and, eq, inArray } from 'drizzle-orm';
import { items, orders, packages, trackingEvents, trackingLinks } from '../../../db/schema';
import { canonicalHash } from '../canonical-hash';
import type { SellerContext } from '../context';
import { checkInstantRange, type CreateOrderInput } from '../inputs';
import { newOrderRow, sellerDefaultZone, type OrderSource } from '../orders';
import { deriveTrackingToken, hashToken, newLinkSalt } from '../tokens';

// Rows per INSERT statement: well under SQLite's 32,766 bound variables at 22 columns a row.
const ROWS_PER_STATEMENT = 500;

/**
 * createOrder (src/domain/orders.ts) for many orders in one transaction: the same rows, written
 * with a few multi-row statements instead of six statements and a commit per order (an import
 * of 10,000 orders one by one takes about 45 s here). An order number this seller already has,
 * or one earlier in `orders`, is left untouched and answered `created: false`, as createOrder does.
 * tests/api/import-orders-csv.test.ts checks that an imported order is stored exactly as the API
 * stores it; change both together.
 */
export async function createOrders({ ctx, input }: { ctx: SellerContext; input: { orders: readonly CreateOrderInput[]; source: OrderSource } }): Promise<{ orderNumber: string; orderId: number; created: boolean }[]> {
  const now = ctx.now();
  for (const order of input.orders) checkInstantRange(order, now);
  if (input.orders.length === 0) return [];
  return ctx.db.transaction(async (tx) => {
    const ids = new Map<string, number>();
    const numbers = [...new Set(input.orders.map((o) => o.orderNumber))];
    for (const some of chunks(numbers, ROWS_PER_STATEMENT)) {
      const known = await tx.select({ id: orders.id, orderNumber: orders.orderNumber }).from(orders)
        .where(and(eq(orders.sellerId, ctx.sellerId), inArray(orders.orderNumber, some)));
      for (const k of known) ids.set(k.orderNumber, k.id);
    }
    // Each order number is created once: one the seller has, or a repeat within `orders`, is skipped.
    const taken = new Set(ids.keys());
    const fresh: CreateOrderInput[] = [];
    for (const order of input.orders) {
      if (taken.has(order.orderNumber)) continue;
      taken.add(order.orderNumber);
      fresh.push(order);
    }

    const defaultZone = await sellerDefaultZone(tx, ctx.sellerId);
    for (const some of chunks(fresh, ROWS_PER_STATEMENT)) {
      const made = await tx
        .insert(orders)
        .values(some.map((order) => newOrderRow(ctx.sellerId, order, input.source, now, defaultZone)))
        .returning({ id: orders.id, orderNumber: orders.orderNumber });
      for (const m of made) ids.set(m.orderNumber, m.id);
    }

    const packageIds = new Map<string, number>(); // `${orderId} ${trackingNumber}` → id
    const packageRows = fresh.flatMap((o) => o.packages.map((p) => ({ orderId: ids.get(o.orderNumber)!, carrier: p.carrier, trackingNumber: p.trackingNumber, createdAt: now })));
    for (const some of chunks(packageRows, ROWS_PER_STATEMENT)) {
      const made = await tx.insert(packages).values(some).returning({ id: packages.id, orderId: packages.orderId, trackingNumber: packages.trackingNumber });
      for (const p of made) packageIds.set(`${p.orderId} ${p.trackingNumber}`, p.id);
    }
    const itemRows = fresh.flatMap((o) => {
      const orderId = ids.get(o.orderNumber)!;
      return o.items.map((i) => ({
        orderId, name: i.name, quantity: i.quantity, sku: i.sku ?? null,
        packageId: i.trackingNumber ? (packageIds.get(`${orderId} ${i.trackingNumber}`) ?? null) : null,
      }));
    });
    for (const some of chunks(itemRows, ROWS_PER_STATEMENT)) await tx.insert(items).values(some);

    // The "order placed" step and link version 1, as createOrder and issueLink write them.
    const placed = fresh.map((o) => {
      const placedAt = o.placedAt ?? now;
      return {
        orderId: ids.get(o.orderNumber)!, packageId: null, source: input.source, externalId: null, type: 'order_placed' as const,
        payloadHash: canonicalHash({ type: 'order_placed', occurredAt: placedAt }), occurredAt: placedAt, receivedAt: now,
      };
    });
    for (const some of chunks(placed, ROWS_PER_STATEMENT)) await tx.insert(trackingEvents).values(some);
    const links = fresh.map((o) => {
      const link = { orderId: ids.get(o.orderNumber)!, version: 1, salt: newLinkSalt() };
      return { ...link, tokenHash: hashToken(deriveTrackingToken(ctx.secrets.appSecret, link)), createdAt: now };
    });
    for (const some of chunks(links, ROWS_PER_STATEMENT)) await tx.insert(trackingLinks).values(some);

    const made = new Set(fresh);
    return input.orders.map((o) => ({ orderNumber: o.orderNumber, orderId: ids.get(o.orderNumber)!, created: made.has(o) }));
  });
}

function chunks<T>(all: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}
