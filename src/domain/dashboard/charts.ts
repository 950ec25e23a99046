import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { orders } from '../../../db/schema';
import type { SellerContext } from '../context';
import { feedbackSummary, notReceivedRates, type NotReceivedRate } from '../feedback/stats';
import { localDate } from '../zoned-time';
import { dayBounds, lastDays, sellerZone, type DayWindow } from './days';
import { readAll } from './read';
import { pageOpenStats, type PageOpenStats } from './page-open-stats';

// The dashboard's charts as plain data over the last CHART_DAYS local days of the seller
// (days.ts). An order counts as delivered when every package is (orders.status_stage, kept from
// orderStatus), at its newest scan (orders.last_event_at): the day its last package arrived.

export const CHART_DAYS = 30;

export const chartWindowInput = z.object({ days: z.int().min(1).max(366).default(CHART_DAYS) });

/** The last `days` (30) local days of the seller, today last. */
export async function chartWindow({ ctx, input = {} }: { ctx: SellerContext; input?: z.input<typeof chartWindowInput> }): Promise<DayWindow> {
  return lastDays(ctx.now(), await sellerZone(ctx), chartWindowInput.parse(input).days);
}

const deliveredIn = (ctx: SellerContext, w: DayWindow) => sql`${orders.sellerId} = ${ctx.sellerId}
  AND ${orders.statusStage} = 'delivered' AND ${orders.statusException} IS NULL
  AND ${orders.lastEventAt} >= ${w.from.getTime()} AND ${orders.lastEventAt} < ${w.to.getTime()}`;

/**
 * Delivered orders per local day. The day's index is found in SQL by a binary search over the
 * window's midnights (local days are 23 to 25 hours long, so no fixed division would do).
 */
export function deliveriesQuery(ctx: SellerContext, w: DayWindow): SQL {
  const midnights = w.dates.map((d) => dayBounds(d, w.timeZone).start.getTime());
  const day = (lo: number, hi: number): SQL => {
    if (lo === hi) return sql.raw(String(lo));
    const mid = (lo + hi + 1) >> 1;
    return sql`CASE WHEN ${orders.lastEventAt} < ${midnights[mid]!} THEN ${day(lo, mid - 1)} ELSE ${day(mid, hi)} END`;
  };
  return sql`SELECT ${day(0, midnights.length - 1)} AS day, count(*) AS n FROM ${orders} WHERE ${deliveredIn(ctx, w)} GROUP BY day`;
}

/** One point per day of the window, oldest first, days without deliveries as 0. */
export async function deliveriesPerDay({ ctx, input: w }: { ctx: SellerContext; input: DayWindow }): Promise<{ date: string; count: number }[]> {
  const counts = new Map((await readAll<{ day: number; n: number }>(ctx, deliveriesQuery(ctx, w))).map((r) => [Number(r.day), Number(r.n)]));
  return w.dates.map((date, i) => ({ date, count: counts.get(i) ?? 0 }));
}

export interface OnTimeCounts {
  /** delivered on or before the promised date, in the order's own zone */
  onTime: number;
  late: number;
  /** onTime / (onTime + late); null when nothing promised was delivered */
  rate: number | null;
}
export interface OnTime extends OnTimeCounts {
  /** delivered orders that had no promised date: in neither count */
  noPromise: number;
  /** the same counts by 7-day span of the seller's days, oldest first, the last ending today (the oldest may be shorter) */
  weeks: ({ from: string; to: string } & OnTimeCounts)[];
}

const rateOf = (onTime: number, late: number) => (onTime + late ? onTime / (onTime + late) : null);

/** The window's days in 7-day spans counted back from today. */
export function weekSpans(w: DayWindow): { from: string; to: string }[] {
  const spans = [];
  for (let end = w.dates.length - 1; end >= 0; end -= 7) spans.unshift({ from: w.dates[Math.max(0, end - 6)]!, to: w.dates[end]! });
  return spans;
}

export const onTimeQuery = (ctx: SellerContext, w: DayWindow): SQL =>
  sql`SELECT ${orders.lastEventAt} AS at, ${orders.promisedDate} AS promised, ${orders.timeZone} AS zone FROM ${orders} WHERE ${deliveredIn(ctx, w)}`;

/**
 * On-time deliveries among the orders delivered in the window, over the whole window: delivered
 * on or before the promised date as the order's own zone counts days. One row per delivered order
 * (the local date needs the order's zone), so this costs what the window's deliveries number.
 */
export async function onTimeRate({ ctx, input: w }: { ctx: SellerContext; input: DayWindow }): Promise<OnTime> {
  let noPromise = 0;
  const weeks = weekSpans(w).map((span) => ({ ...span, onTime: 0, late: 0 }));
  for (const r of await readAll<{ at: number; promised: string | null; zone: string }>(ctx, onTimeQuery(ctx, w))) {
    if (!r.promised) {
      noPromise++;
      continue;
    }
    const at = new Date(Number(r.at));
    // on time by the order's own calendar; its week by the seller's, like every other chart
    const week = weeks.findLast((span) => span.from <= localDate(at, w.timeZone))!;
    if (localDate(at, r.zone) <= r.promised) week.onTime++;
    else week.late++;
  }
  const onTime = weeks.reduce((n, week) => n + week.onTime, 0);
  const late = weeks.reduce((n, week) => n + week.late, 0);
  return { onTime, late, noPromise, rate: rateOf(onTime, late), weeks: weeks.map((week) => ({ ...week, rate: rateOf(week.onTime, week.late) })) };
}

/** Ratings given in the window, 1 to 5 stars (feedback/stats.ts). */
export async function ratingDistribution({ ctx, input: w }: { ctx: SellerContext; input: DayWindow }) {
  const s = await feedbackSummary({ ctx, input: { from: w.from, to: w.to } });
  return { bars: ([1, 2, 3, 4, 5] as const).map((rating) => ({ rating, count: s.distribution[rating] })), count: s.count, average: s.average };
}

/** Not-received rates of the packages delivered in the window, by carrier and by ZIP3 (feedback/stats.ts). */
export const notReceivedChart = ({ ctx, input: w }: { ctx: SellerContext; input: DayWindow }) =>
  notReceivedRates({ ctx, input: { from: w.from, to: w.to } });

export interface DashboardCharts {
  window: DayWindow;
  deliveries: { date: string; count: number }[];
  onTime: OnTime;
  ratings: Awaited<ReturnType<typeof ratingDistribution>>;
  notReceived: { byCarrier: NotReceivedRate[]; byZip3: NotReceivedRate[] };
  pageOpens: PageOpenStats;
}

/** Every chart over the same window. */
export async function dashboardCharts({ ctx }: { ctx: SellerContext }): Promise<DashboardCharts> {
  const window = await chartWindow({ ctx });
  return {
    window,
    deliveries: await deliveriesPerDay({ ctx, input: window }),
    onTime: await onTimeRate({ ctx, input: window }),
    ratings: await ratingDistribution({ ctx, input: window }),
    notReceived: await notReceivedChart({ ctx, input: window }),
    pageOpens: await pageOpenStats({ ctx, input: { window } }),
  };
}
