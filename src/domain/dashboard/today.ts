import { sql, type SQL } from 'drizzle-orm';
import { orders, smsConsentEvents, smsMessages, smsSubscriptions } from '../../../db/schema';
import type { SellerContext } from '../context';
import { localDate } from '../zoned-time';
import { dayBounds, sellerZone } from './days';
import { readAll } from './read';

// Today on the seller's clock (days.ts: sellers.default_time_zone, else UTC), for the home page.

export interface TodayNumbers {
  /** today, 'YYYY-MM-DD', in `timeZone` */
  date: string;
  timeZone: string;
  /** orders out for delivery now whose out-for-delivery scan came today */
  outForDelivery: number;
  /** orders whose last package was delivered today */
  delivered: number;
  /** texts handed to the SMS provider today */
  textsSent: number;
  /** of today's texts, those the carrier reported failed or undelivered, plus those our outbox gave up on today */
  textsFailed: number;
  /** customers who signed up for texts on a tracking page today */
  smsOptIns: number;
}

/** Carrier verdicts that mean the text never reached the phone (Twilio's MessageStatus). */
export const FAILED_PROVIDER_STATUSES = ['failed', 'undelivered'] as const;

/** The queries behind todayNumbers for [start, end), exported so a test can hold their plans to index searches. */
export function todayQueries(ctx: SellerContext, start: number, end: number): { orders: SQL; texts: SQL; gaveUp: SQL; optIns: SQL } {
  const seller = ctx.sellerId;
  // Where an order stands is kept on its row (orders.status_*); last_event_at is its newest scan.
  const standing = (stage: string) => sql`(SELECT count(*) FROM ${orders}
      WHERE ${orders.sellerId} = ${seller} AND ${orders.statusStage} = ${stage} AND ${orders.statusException} IS NULL
        AND ${orders.lastEventAt} >= ${start} AND ${orders.lastEventAt} < ${end})`;
  // A text belongs to a seller through its subscription; replies to strangers (no subscription) to nobody.
  const ofSeller = sql`JOIN ${smsSubscriptions} ON ${smsSubscriptions.id} = ${smsMessages.subscriptionId} AND ${smsSubscriptions.sellerId} = ${seller}`;
  return {
    orders: sql`SELECT ${standing('out_for_delivery')} AS outForDelivery, ${standing('delivered')} AS delivered`,
    texts: sql`SELECT count(*) AS sent,
        coalesce(sum(${smsMessages.providerStatus} IN (${sql.join(FAILED_PROVIDER_STATUSES.map((s) => sql`${s}`), sql`, `)})), 0) AS carrierFailed
        FROM ${smsMessages} ${ofSeller}
       WHERE ${smsMessages.submittedAt} >= ${start} AND ${smsMessages.submittedAt} < ${end}`,
    // never submitted: retries ran out or the provider refused it outright
    gaveUp: sql`SELECT count(*) AS n FROM ${smsMessages} ${ofSeller}
       WHERE ${smsMessages.state} = 'failed' AND ${smsMessages.updatedAt} >= ${start} AND ${smsMessages.updatedAt} < ${end}`,
    optIns: sql`SELECT count(*) AS n FROM ${smsConsentEvents}
       WHERE ${smsConsentEvents.sellerId} = ${seller} AND ${smsConsentEvents.at} >= ${start} AND ${smsConsentEvents.at} < ${end}
         AND ${smsConsentEvents.event} = 'opt_in'`,
  };
}

export async function todayNumbers({ ctx }: { ctx: SellerContext }): Promise<TodayNumbers> {
  const timeZone = await sellerZone(ctx);
  const date = localDate(ctx.now(), timeZone);
  const { start, end } = dayBounds(date, timeZone);
  const q = todayQueries(ctx, start.getTime(), end.getTime());
  const [o] = await readAll<{ outForDelivery: number; delivered: number }>(ctx, q.orders);
  const [t] = await readAll<{ sent: number; carrierFailed: number }>(ctx, q.texts);
  const [g] = await readAll<{ n: number }>(ctx, q.gaveUp);
  const [i] = await readAll<{ n: number }>(ctx, q.optIns);
  return {
    date,
    timeZone,
    outForDelivery: Number(o?.outForDelivery ?? 0),
    delivered: Number(o?.delivered ?? 0),
    textsSent: Number(t?.sent ?? 0),
    textsFailed: Number(t?.carrierFailed ?? 0) + Number(g?.n ?? 0),
    smsOptIns: Number(i?.n ?? 0),
  };
}
