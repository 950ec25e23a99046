import type { Carrier } from '../../db/schema/packages';
import { CARRIER_HOURS } from './carriers';
import { HOUR_MS, localDate, zonedInstant } from './zoned-time';

export type NotReceivedPhase = 'before_window_closes' | 'within_48h' | 'after_48h';

export interface NotReceivedGuidance {
  phase: NotReceivedPhase;
  deliveredAt: Date;
  /** when the delivery day's window closes, late deliveries included */
  windowClosesAt: Date;
  /** 48 hours after the delivery scan: from then, reporting it to the seller is the main action */
  reportFrom: Date;
}

const EARLY_SCAN_GRACE_MS = 48 * HOUR_MS;

/**
 * Amazon: a package may show delivered up to 48 hours before it arrives. So before the window
 * closes it may simply still be coming; within 48 hours the checklist comes first; after 48
 * hours the report to the seller is the main action.
 */
export function notReceivedGuidance(input: { deliveredAt: Date; carrier: Carrier | null; zone: string; now: Date }): NotReceivedGuidance {
  const hours = CARRIER_HOURS[input.carrier ?? 'OTHER'];
  const day = localDate(input.deliveredAt, input.zone);
  const closeHour = hours ? (hours.extendedEnd ?? hours.end) : 22;
  const windowClosesAt = zonedInstant(day, closeHour, 0, input.zone);
  const reportFrom = new Date(input.deliveredAt.getTime() + EARLY_SCAN_GRACE_MS);
  const phase: NotReceivedPhase =
    input.now < windowClosesAt ? 'before_window_closes' : input.now < reportFrom ? 'within_48h' : 'after_48h';
  return { phase, deliveredAt: input.deliveredAt, windowClosesAt, reportFrom };
}
