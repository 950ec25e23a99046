import { and, desc, eq, gte, inArray, isNotNull, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { orders, packages } from '../../db/schema';
import type { SellerContext } from './context';
import { after, page, type Page } from './feedback/listing';

// The dashboard's order list: newest first, a keyset page at a time, searched by order number,
// tracking number or first name, filtered by where the orders stand (kept on the row: order-status.ts).

export const ORDER_FILTERS = ['all', 'order_placed', 'ready_to_ship', 'in_transit', 'out_for_delivery', 'delivered', 'exception'] as const;
export type OrderFilter = (typeof ORDER_FILTERS)[number];

export const listOrdersInput = z.object({
  q: z.string().trim().max(64).optional().transform((s) => s || undefined),
  status: z.enum(ORDER_FILTERS).catch('all').default('all'),
  cursor: z.string().max(200).optional().transform((s) => s || undefined),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export interface OrderRow {
  id: number;
  orderNumber: string;
  firstName: string | null;
  city: string | null;
  region: string | null;
  stage: string;
  exception: string | null;
  lastEventAt: Date | null;
  createdAt: Date;
  trackingNumbers: string[];
}

function statusWhere(status: OrderFilter): SQL | undefined {
  switch (status) {
    case 'all':
      return undefined;
    case 'exception':
      return isNotNull(orders.statusException);
    case 'in_transit':
      return and(inArray(orders.statusStage, ['shipped', 'in_transit']), isNull(orders.statusException));
    default:
      return and(eq(orders.statusStage, status), isNull(orders.statusException));
  }
}

// A like() pattern for "starts with q": the seller's own % and _ are taken out, never wildcards.
const startsWith = (q: string) => `${q.replace(/[%_]/g, '')}%`;

export async function listOrders({ ctx, input }: { ctx: SellerContext; input: z.input<typeof listOrdersInput> }): Promise<Page<OrderRow>> {
  const q = listOrdersInput.parse(input);
  // A tracking number is looked up in its index first: when it matches, that is the answer.
  // (the packages index alone: joined with orders, SQLite would rather walk the seller's orders)
  const tracked = q.q
    ? (await ctx.db.select({ id: packages.orderId }).from(packages).where(eq(packages.trackingNumber, q.q.toUpperCase()))).map((r) => r.id)
    : [];
  const search = !q.q
    ? undefined
    : tracked.length
      ? inArray(orders.id, tracked)
      : or(
          // an order number's prefix, as a range on the (seller, order number) index
          and(gte(orders.orderNumber, q.q), lt(orders.orderNumber, `${q.q}\uffff`)),
          like(orders.customerFirstName, startsWith(q.q)),
        );
  const rows = await ctx.db
    .select({
      id: orders.id, orderNumber: orders.orderNumber, firstName: orders.customerFirstName, city: orders.destCity, region: orders.destRegion,
      stage: orders.statusStage, exception: orders.statusException, lastEventAt: orders.lastEventAt, createdAt: orders.createdAt,
    })
    .from(orders)
    .where(and(eq(orders.sellerId, ctx.sellerId), statusWhere(q.status), search, after(q.cursor, orders.createdAt, orders.id)))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(q.limit + 1);
  const result = page(rows, q.limit);
  const ids = result.items.map((r) => r.id);
  const pkgs = ids.length ? await ctx.db.select({ orderId: packages.orderId, trackingNumber: packages.trackingNumber }).from(packages).where(inArray(packages.orderId, ids)) : [];
  return { ...result, items: result.items.map((r) => ({ ...r, trackingNumbers: pkgs.filter((p) => p.orderId === r.id).map((p) => p.trackingNumber) })) };
}
