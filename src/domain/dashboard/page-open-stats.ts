import { sql, type SQL } from 'drizzle-orm';
import { orders, pageOpens } from '../../../db/schema';
import type { SellerContext } from '../context';
import type { DayWindow } from './days';
import { readAll } from './read';

// How often customers open the seller's tracking pages (page_opens, filled by page-opens.ts).
// page_opens keys days by the destination's local date; the window's dates are the seller's, so
// an open near midnight may fall a day either side: fine for a 30-day picture.

/** Orders by how many times their page was opened in the window: 1, 2, 3–5, 6–10, 11 or more. */
export const OPEN_BUCKETS = [
  { min: 1, max: 1 }, { min: 2, max: 2 }, { min: 3, max: 5 }, { min: 6, max: 10 }, { min: 11, max: null },
] as const;

export interface PageOpenStats {
  /** every open in the window */
  total: number;
  /** orders opened at least once */
  openedOrders: number;
  /** the orders opened most, most first */
  top: { orderId: number; orderNumber: string; opens: number }[];
  distribution: { min: number; max: number | null; orders: number }[];
}

/**
 * The `top` most-opened orders, each row also carrying the window's totals and bucket counts
 * (window functions over every opened order), so one pass answers the whole chart.
 */
export function pageOpensQuery(ctx: SellerContext, w: DayWindow, top: number): SQL {
  const bucket = (b: (typeof OPEN_BUCKETS)[number], i: number) =>
    sql`sum(opens >= ${b.min}${b.max === null ? sql`` : sql` AND opens <= ${b.max}`}) OVER () AS ${sql.identifier(`b${i}`)}`;
  return sql`
    SELECT orderId, orderNumber, opens, sum(opens) OVER () AS total, count(*) OVER () AS openedOrders,
           ${sql.join(OPEN_BUCKETS.map(bucket), sql`, `)}
      FROM (SELECT ${orders.id} AS orderId, ${orders.orderNumber} AS orderNumber, sum(${pageOpens.count}) AS opens
              FROM ${orders} JOIN ${pageOpens} ON ${pageOpens.orderId} = ${orders.id}
             WHERE ${orders.sellerId} = ${ctx.sellerId} AND ${pageOpens.day} >= ${w.dates[0]!} AND ${pageOpens.day} <= ${w.dates.at(-1)!}
             GROUP BY ${orders.orderNumber})
     ORDER BY opens DESC, orderId DESC LIMIT ${top}`;
}

export async function pageOpenStats({ ctx, input }: { ctx: SellerContext; input: { window: DayWindow; top?: number } }): Promise<PageOpenStats> {
  const rows = await readAll<Record<string, number | string>>(ctx, pageOpensQuery(ctx, input.window, input.top ?? 5));
  const first = rows[0];
  return {
    total: Number(first?.total ?? 0),
    openedOrders: Number(first?.openedOrders ?? 0),
    top: rows.map((r) => ({ orderId: Number(r.orderId), orderNumber: String(r.orderNumber), opens: Number(r.opens) })),
    distribution: OPEN_BUCKETS.map((b, i) => ({ min: b.min, max: b.max, orders: Number(first?.[`b${i}`] ?? 0) })),
  };
}
