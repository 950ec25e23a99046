import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { feedback, orders, problemReports, trackingEvents } from '../../../db/schema';
import type { Problem } from '../../../db/schema/problem-reports';
import { MAIN_STAGES } from '../../../db/schema/tracking-events';
import type { SellerContext } from '../context';
import { FEEDBACK_EDIT_DAYS } from '../feedback/feedback';
import type { ExceptionType } from '../status';
import { DAY_MS } from '../zoned-time';
import { readAll } from './read';

// The seller's orders that need a person now, for the dashboard's home page. Where an order stands
// is read from the status kept on the order row (orders.status_stage / status_exception /
// last_event_at, rewritten from orderStatus with every event), so each reason is one indexed
// query bounded by the limit instead of a replay of every order's events.

/** In transit with no scan for this long: stalled (exactly 3 days counts). */
export const STALLED_AFTER_MS = 3 * DAY_MS;
/** Not shipped this long after the order was placed (exactly 2 days counts). */
export const UNSHIPPED_AFTER_MS = 2 * DAY_MS;
/** A rating at or below this, given or changed within LOW_RATING_FOR_MS, is news. */
export const LOW_RATING_MAX = 2;
export const LOW_RATING_FOR_MS = 7 * DAY_MS;
/** Carrier news the customer may need help with now: shown while it is the newest news. */
export const OPEN_EXCEPTIONS = ['delivery_attempted', 'delayed', 'available_for_pickup', 'returning'] as const satisfies readonly ExceptionType[];
/**
 * Final outcomes to act on once (refund, reship, file a claim). Nothing records that the seller
 * has seen one, so each shows for FINAL_NEWS_FOR_MS after the news and then leaves the home page
 * (the order list's exception filter still has it). 'cancelled' never shows: the seller's own
 * shop or dashboard sends it, so there is nothing new to see.
 */
export const FINAL_EXCEPTIONS = ['lost', 'returned'] as const satisfies readonly ExceptionType[];
export const FINAL_NEWS_FOR_MS = 7 * DAY_MS;

const STALLING = ['shipped', 'in_transit'] as const;
const UNSHIPPED = ['order_placed', 'ready_to_ship'] as const;

/** Most urgent first: a customer waiting on an answer, then carrier trouble, then our own lags. */
export const ATTENTION_REASONS = ['report', 'exception', 'low_rating', 'stalled', 'not_shipped'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export type AttentionItem = { orderId: number; orderNumber: string; since: Date } & (
  | { reason: 'report'; problem: Problem }
  | { reason: 'exception'; exception: ExceptionType }
  | { reason: 'low_rating'; rating: number }
  | { reason: 'stalled'; stage: (typeof STALLING)[number] }
  | { reason: 'not_shipped'; stage: (typeof UNSHIPPED)[number] }
);

export const attentionInput = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) });

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/**
 * One query per reason, each giving at most `take` orders (orderId, orderNumber, detail, since),
 * newest first. Exported so a test can hold each one's query plan to an index search.
 */
export function attentionQueries(ctx: SellerContext, now: number, take: number): Record<AttentionReason, SQL> {
  const seller = ctx.sellerId;
  const newest = sql`ORDER BY since DESC, orderId DESC LIMIT ${take}`;
  // Placed = the order's first step: before shipping that is its "order placed" (the shop's
  // placedAt, which createOrder always writes). Both reads are tracking_events_order_idx entries.
  const cutoff = now - UNSHIPPED_AFTER_MS;
  const placedAt = sql`(SELECT min(${trackingEvents.occurredAt}) FROM ${trackingEvents} WHERE ${trackingEvents.orderId} = ${orders.id})`;
  // Per stage, walked newest-first along orders_seller_status_idx, so the walk stops at `take`.
  const unshipped = (stage: string) => sql`SELECT * FROM (
      SELECT ${orders.id} AS orderId, ${orders.orderNumber} AS orderNumber, ${orders.statusStage} AS detail, ${placedAt} AS since
        FROM ${orders}
       WHERE ${orders.sellerId} = ${seller} AND ${orders.statusStage} = ${stage} AND ${orders.statusException} IS NULL
         AND EXISTS (SELECT 1 FROM ${trackingEvents} WHERE ${trackingEvents.orderId} = ${orders.id} AND ${trackingEvents.occurredAt} <= ${cutoff})
       ORDER BY ${orders.createdAt} DESC LIMIT ${take})`;
  return {
    // One row per order: its newest open report (SQLite takes `detail` from the max() row).
    report: sql`
      SELECT ${problemReports.orderId} AS orderId, ${orders.orderNumber} AS orderNumber, ${problemReports.problem} AS detail, max(${problemReports.createdAt}) AS since
        FROM ${problemReports} JOIN ${orders} ON ${orders.id} = ${problemReports.orderId} AND ${orders.sellerId} = ${problemReports.sellerId}
       WHERE ${problemReports.sellerId} = ${seller} AND ${problemReports.status} = 'open'
       GROUP BY ${problemReports.orderId} ${newest}`,
    // Every stage is listed so the index's (seller, stage, exception) prefix is searched, not skipped.
    exception: sql`
      SELECT ${orders.id} AS orderId, ${orders.orderNumber} AS orderNumber, ${orders.statusException} AS detail, ${orders.lastEventAt} AS since
        FROM ${orders}
       WHERE ${orders.sellerId} = ${seller} AND ${orders.statusStage} IN (${list(MAIN_STAGES)})
         AND ${orders.statusException} IN (${list([...OPEN_EXCEPTIONS, ...FINAL_EXCEPTIONS])})
         AND (${orders.statusException} IN (${list(OPEN_EXCEPTIONS)}) OR ${orders.lastEventAt} >= ${now - FINAL_NEWS_FOR_MS})
       ${newest}`,
    // Feedback can only change within FEEDBACK_EDIT_DAYS of its creation: that bounds the index range.
    low_rating: sql`
      SELECT ${feedback.orderId} AS orderId, ${orders.orderNumber} AS orderNumber, ${feedback.rating} AS detail, ${feedback.updatedAt} AS since
        FROM ${feedback} JOIN ${orders} ON ${orders.id} = ${feedback.orderId} AND ${orders.sellerId} = ${feedback.sellerId}
       WHERE ${feedback.sellerId} = ${seller} AND ${feedback.createdAt} >= ${now - LOW_RATING_FOR_MS - FEEDBACK_EDIT_DAYS * DAY_MS}
         AND ${feedback.updatedAt} >= ${now - LOW_RATING_FOR_MS} AND ${feedback.rating} <= ${LOW_RATING_MAX}
       ${newest}`,
    stalled: sql`
      SELECT ${orders.id} AS orderId, ${orders.orderNumber} AS orderNumber, ${orders.statusStage} AS detail, ${orders.lastEventAt} AS since
        FROM ${orders}
       WHERE ${orders.sellerId} = ${seller} AND ${orders.statusStage} IN (${list(STALLING)}) AND ${orders.statusException} IS NULL
         AND ${orders.lastEventAt} <= ${now - STALLED_AFTER_MS}
       ${newest}`,
    not_shipped: sql`SELECT * FROM (${unshipped(UNSHIPPED[0])} UNION ALL ${unshipped(UNSHIPPED[1])}) ${newest}`,
  };
}

interface Row {
  orderId: number;
  orderNumber: string;
  detail: string | number;
  since: number;
}

function item(reason: AttentionReason, r: Row): AttentionItem {
  const base = { orderId: Number(r.orderId), orderNumber: r.orderNumber, since: new Date(Number(r.since)) };
  switch (reason) {
    case 'report': return { ...base, reason, problem: r.detail as Problem };
    case 'exception': return { ...base, reason, exception: r.detail as ExceptionType };
    case 'low_rating': return { ...base, reason, rating: Number(r.detail) };
    case 'stalled': return { ...base, reason, stage: r.detail as (typeof STALLING)[number] };
    case 'not_shipped': return { ...base, reason, stage: r.detail as (typeof UNSHIPPED)[number] };
  }
}

/**
 * Orders that need the seller now, one row per order under its most urgent reason; within a
 * reason the newest news first. `hasMore`: more orders need attention than `limit` shows.
 */
export async function needsAttention({ ctx, input }: { ctx: SellerContext; input: z.input<typeof attentionInput> }): Promise<{ items: AttentionItem[]; hasMore: boolean }> {
  const { limit } = attentionInput.parse(input);
  // limit + 1 from each reason: enough to fill the list after dropping orders a more urgent reason
  // already shows, and to know whether there is more.
  const queries = attentionQueries(ctx, ctx.now().getTime(), limit + 1);
  const seen = new Set<number>();
  const items: AttentionItem[] = [];
  for (const reason of ATTENTION_REASONS) {
    for (const row of await readAll<Row>(ctx, queries[reason])) {
      if (seen.has(Number(row.orderId))) continue;
      seen.add(Number(row.orderId));
      items.push(item(reason, row));
    }
  }
  return { items: items.slice(0, limit), hasMore: items.length > limit };
}
