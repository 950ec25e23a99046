import type { Carrier } from '../../db/schema/packages';
import { CARRIER_HOURS } from './carriers';
import type { PackageStatus } from './status';
import { addDays, localDate, localMinutes, zonedInstant } from './zoned-time';

export interface WindowInput {
  carrier: Carrier | null;
  zone: string;
  /** destination-local 'YYYY-MM-DD' the seller promised */
  promisedDate: string | null;
  status: PackageStatus;
  outForDeliveryAt: Date | null;
  attemptedAt: Date | null;
  /** from the newest event that carried one */
  carrierWindow: { start: Date; end: Date } | null;
  now: Date;
}

export type ExpectedArrival =
  | {
      kind: 'window';
      date: string;
      start: Date;
      end: Date;
      /** deliveries sometimes run on until this instant (AMZL: 10 PM) */
      extendedEnd: Date | null;
      source: 'carrier' | 'carrier_hours';
      /** out for delivery late in the day: it can still come today */
      stillToday: boolean;
      late: boolean;
    }
  | { kind: 'by_date'; date: string; late: boolean };

const DONE: ReadonlySet<string> = new Set(['returning', 'returned', 'lost', 'cancelled', 'available_for_pickup']);
const STILL_TODAY_FROM_HOURS_BEFORE_END = 2;

/** When to expect the package, in the destination zone; null when there is nothing honest to say. */
export function expectedArrival(input: WindowInput): ExpectedArrival | null {
  const { status, zone, now } = input;
  if (status.stage === 'delivered' && !status.exception) return null;
  if (status.exception && DONE.has(status.exception)) return null;

  if (input.carrierWindow && input.carrierWindow.end > now) {
    const { start, end } = input.carrierWindow;
    return { kind: 'window', date: localDate(start, zone), start, end, extendedEnd: null, source: 'carrier', stillToday: false, late: false };
  }

  const today = localDate(now, zone);
  const hours = input.carrier ? CARRIER_HOURS[input.carrier] : null;
  let date: string | null = null;
  let late = false;
  let stillToday = false;
  const minutes = localMinutes(now, zone);
  const lastCall = hours ? (hours.extendedEnd ?? hours.end) * 60 : null;
  // Past the carrier's last delivery hour, nothing not yet out for delivery arrives today.
  const todayOver = lastCall !== null && minutes >= lastCall;

  if (status.exception === 'delivery_attempted') {
    // Not home or a signature was needed: the driver tries again the next day.
    const retry = addDays(localDate(input.attemptedAt ?? now, zone), 1);
    date = retry < today ? today : retry;
    if (date === today && todayOver) date = addDays(today, 1);
  } else if (status.exception === 'delayed') {
    if (!input.promisedDate || input.promisedDate < today || (input.promisedDate === today && todayOver)) return null;
    date = input.promisedDate;
  } else if (status.stage === 'out_for_delivery') {
    date = localDate(input.outForDeliveryAt ?? now, zone);
    if (date < today) [date, late] = [today, true];
    if (hours && date === today) {
      if (todayOver) [date, late] = [addDays(today, 1), true];
      else stillToday = minutes >= (hours.end - STILL_TODAY_FROM_HOURS_BEFORE_END) * 60;
    }
  } else if (input.promisedDate) {
    date = input.promisedDate;
    late = date < today || (date === today && todayOver);
  }

  if (!date) return null;
  if (!hours || (late && status.stage !== 'out_for_delivery')) return { kind: 'by_date', date, late };
  return {
    kind: 'window',
    date,
    start: zonedInstant(date, hours.start, 0, zone),
    end: zonedInstant(date, hours.end, 0, zone),
    extendedEnd: hours.extendedEnd ? zonedInstant(date, hours.extendedEnd, 0, zone) : null,
    source: 'carrier_hours',
    stillToday,
    late,
  };
}
