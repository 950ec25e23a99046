import type { Lang } from '../i18n';
import type { TrackingView } from './tracking-view';

// How long a rendered tracking page stays true. Its words change with the clock only (1) at local
// clock times: midnight ("today" becomes "yesterday"), a carrier's hours ("still today", "late"),
// a daylight-saving change (the zone's name); or (2) at instants of the order's own: a carrier's
// window ending, the 48 hours after a delivery scan, the feedback's edit window, the link's expiry.
// Every zone's offset is a whole number of quarter hours, so every local clock time of (1) falls
// on a quarter hour of UTC: the page is stable until the next quarter hour or the next instant of
// (2), whichever comes first.

const QUARTER_HOUR_MS = 15 * 60_000;

/** What a rendered tracking page says of itself when it may be kept (the page cache's entry). */
export interface RenderedPage {
  /** the order's and seller's page versions its own query read */
  version: string;
  /** the first instant it may read differently (pageStableUntil) */
  stableUntil: Date;
  lang: Lang;
  /** the instant it was rendered at */
  now: Date;
}

/** The first quarter hour of UTC after `now`. */
export const nextQuarterHour = (now: Date): Date => new Date((Math.floor(now.getTime() / QUARTER_HOUR_MS) + 1) * QUARTER_HOUR_MS);

/**
 * The first instant after `now` at which the page of `view` may read differently; `instants` are
 * the page's other time limits (the first instant past each: the link's expiry, the feedback's
 * last editable moment plus one millisecond).
 */
export function pageStableUntil(view: TrackingView, now: Date, instants: readonly (Date | null)[] = []): Date {
  const windows = [view.expected, ...view.packages.map((p) => p.expected)].flatMap((e) =>
    e?.kind === 'window' ? [e.start, e.end, e.extendedEnd] : []);
  const candidates = [
    nextQuarterHour(now),
    ...instants,
    ...windows,
    view.notReceived?.windowClosesAt ?? null,
    view.notReceived?.reportFrom ?? null,
  ];
  let until = candidates[0]!;
  for (const c of candidates) if (c && c.getTime() > now.getTime() && c.getTime() < until.getTime()) until = c;
  return until;
}
