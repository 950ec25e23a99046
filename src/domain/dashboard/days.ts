import { eq } from 'drizzle-orm';
import { sellers } from '../../../db/schema';
import type { SellerContext } from '../context';
import { isValidTimeZone } from '../time-zone/valid';
import { addDays, localDate, zonedInstant } from '../zoned-time';

// The dashboard counts days on the seller's own clock: sellers.default_time_zone (the settings
// page's zone for the shop), else UTC. A zone stored before validation existed also falls back.

export const FALLBACK_ZONE = 'UTC';

export async function sellerZone(ctx: SellerContext): Promise<string> {
  const [row] = await ctx.db.select({ zone: sellers.defaultTimeZone }).from(sellers).where(eq(sellers.id, ctx.sellerId)).limit(1);
  return row?.zone && isValidTimeZone(row.zone) ? row.zone : FALLBACK_ZONE;
}

/** A local calendar day as the UTC instants it spans: [start, end). 23 or 25 hours on DST days. */
export function dayBounds(date: string, zone: string): { start: Date; end: Date } {
  return { start: zonedInstant(date, 0, 0, zone), end: zonedInstant(addDays(date, 1), 0, 0, zone) };
}

export interface DayWindow {
  timeZone: string;
  /** 'YYYY-MM-DD', oldest first; the last one is today */
  dates: string[];
  /** the first day's midnight and the instant after the last day (tomorrow's midnight) */
  from: Date;
  to: Date;
}

/** The last `days` local days up to and including today in `zone`. */
export function lastDays(now: Date, zone: string, days: number): DayWindow {
  const today = localDate(now, zone);
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i - days + 1));
  return { timeZone: zone, dates, from: dayBounds(dates[0]!, zone).start, to: dayBounds(today, zone).end };
}
