import type { ExpectedArrival } from '../domain/delivery-window';
import { CARRIER_HOURS, CARRIER_NAMES } from '../domain/carriers';
import type { Stage } from '../domain/status';
import { zonedInstant } from '../domain/zoned-time';
import type { Carrier } from '../../db/schema/packages';
import type { EventView, PackageView, TrackingView } from '../domain/tracking-view';
import type { Lang, Translate } from '../i18n';
import { formatDay, formatInstantDay, formatStamp, formatTime, zoneName } from './format';

// Turns the tracking view into the sentences the page shows; templates only place them.

export interface Present {
  t: Translate;
  lang: Lang;
  zone: string;
  now: Date;
  seller: string;
}

export const STEPS = ['order_placed', 'ready_to_ship', 'shipped', 'out_for_delivery', 'delivered'] as const;

/** Index of the current touchpoint; "in transit" is still the shipped step; waiting at a pickup point is the fourth. */
export function currentStep(stage: Stage, pickup = false): number {
  if (pickup && stage !== 'delivered') return STEPS.indexOf('out_for_delivery');
  return stage === 'in_transit' ? 2 : STEPS.indexOf(stage as (typeof STEPS)[number]);
}

/** The steps' names: an order waiting at a pickup point is "ready for pickup", then "picked up". */
export function stepLabel(step: (typeof STEPS)[number], p: Present, pickup = false): string {
  if (pickup && step === 'out_for_delivery') return p.t('step.ready_for_pickup');
  if (pickup && step === 'delivered') return p.t('step.picked_up');
  return p.t(`step.${step}`);
}

export function headline(view: TrackingView, p: Present): string {
  const { status } = view;
  if (status.exception) return p.t(`headline.${status.exception}`, { seller: p.seller });
  if (status.packageCount > 1 && status.deliveredCount > 0 && status.deliveredCount < status.packageCount) {
    return p.t('headline.partial', { delivered: status.deliveredCount, total: status.packageCount });
  }
  return p.t(`headline.${status.stage}`);
}

export function packageHeadline(pkg: PackageView, p: Present): string {
  return pkg.exception ? p.t(`headline.${pkg.exception}`, { seller: p.seller }) : p.t(`headline.${pkg.stage}`);
}

/**
 * The expected-arrival line and its notes, or null when there is nothing honest to promise. A delay
 * says what the date was and what it is now, or that the new date is not known yet.
 */
export function eta(expected: ExpectedArrival | null, p: Present, delay: PackageView['delay'] = null): { main: string; notes: string[] } | null {
  const was = delay?.was && delay.was !== delay.now ? [p.t('eta.was', { day: formatDay(delay.was, p.now, p.zone, p.lang, p.t, 'mid') })] : [];
  if (delay && (!delay.now || !expected)) return { main: p.t('eta.new_date_unknown'), notes: was };
  if (!expected) return null;
  const day = (position: 'start' | 'mid') => formatDay(expected.date, p.now, p.zone, p.lang, p.t, position);
  if (expected.kind === 'by_date') return { main: p.t(expected.late ? 'eta.late' : 'eta.by_date', { day: day('mid') }), notes: was };
  const vars = { day: day(expected.late ? 'mid' : 'start'), start: formatTime(expected.start, p.zone, p.lang), end: formatTime(expected.end, p.zone, p.lang) };
  const notes: string[] = [...was];
  if (expected.stillToday) notes.push(p.t('eta.still_today', { time: formatTime(expected.extendedEnd ?? expected.end, p.zone, p.lang) }));
  else if (expected.extendedEnd) notes.push(p.t('eta.extended', { time: formatTime(expected.extendedEnd, p.zone, p.lang) }));
  if (expected.source === 'carrier') notes.push(p.t('eta.carrier_window'));
  return { main: p.t(expected.late ? 'eta.late_window' : 'eta.window', vars), notes };
}

export function zoneNote(view: TrackingView, p: Present): string {
  return p.t(view.zone.assumed ? 'zone.note.assumed' : 'zone.note', { zone: zoneName(p.zone, p.lang, p.now) });
}

export function stopsAway(pkg: PackageView | undefined, p: Present): string | null {
  if (pkg?.stopsAway == null) return null;
  if (pkg.stopsAway === 0) return p.t('stops.zero');
  return pkg.stopsAway === 1 ? p.t('stops.one') : p.t('stops.other', { count: pkg.stopsAway });
}

export function deliveredLines(pkg: PackageView, p: Present): string[] {
  if (!pkg.deliveredAt || pkg.exception) return [];
  const lines = [p.t('delivered.at', { day: formatInstantDay(pkg.deliveredAt, p.now, p.zone, p.lang, p.t, 'mid'), time: formatTime(pkg.deliveredAt, p.zone, p.lang) })];
  if (pkg.deliveredTo) lines.push(p.t('delivered.where', { where: p.t(`where.${pkg.deliveredTo}`) }));
  return lines;
}

/** What happens next for an exception: the banner under the headline. */
export function exceptionNext(pkg: PackageView | undefined, exception: TrackingView['status']['exception'], p: Present): string[] {
  if (!exception) return [];
  const vars = { seller: p.seller };
  switch (exception) {
    case 'delivery_attempted':
      return [p.t(pkg?.signatureRequired ? 'next.delivery_attempted.signature' : 'next.delivery_attempted')];
    case 'delayed':
      // The carrier's reason stays in its words, and says whose words they are.
      return [p.t('next.delayed'), ...(pkg?.latestNote ? [p.t('next.carrier_note', { note: pkg.latestNote })] : [])];
    case 'available_for_pickup': {
      const pickup = pkg?.pickup;
      const place = [pickup?.location ?? pkg?.latestNote, pkg?.latestPlace?.city].filter(Boolean).join(', ');
      return [
        ...(pickup?.by ? [p.t('next.pickup_by', { day: formatDay(pickup.by, p.now, p.zone, p.lang, p.t, 'mid') })] : []),
        ...(place ? [p.t('next.pickup_at', { place })] : []),
        ...(pickup?.hours ? [p.t('next.pickup_hours', { hours: pickup.hours })] : []),
        p.t('next.available_for_pickup'),
        ...(pkg?.carrier === 'AMZL' ? [p.t('next.available_for_pickup.amzl')] : []),
      ];
    }
    default:
      return [p.t(`next.${exception}`, vars)];
  }
}

/** "UPS usually delivers between 9 AM and 7 PM." (AMZL has its own panel.) */
export function carrierHours(carrier: Carrier, p: Present): string | null {
  const hours = carrier === 'AMZL' ? null : CARRIER_HOURS[carrier];
  if (!hours) return null;
  // Any ordinary day renders the hours in the customer's clock format.
  const at = (h: number) => formatTime(zonedInstant('2026-01-15', h, 0, p.zone), p.zone, p.lang);
  return p.t('carrier.hours', { carrier: CARRIER_NAMES[carrier], start: at(hours.start), end: at(hours.end) });
}

export function eventTitle(e: EventView, p: Present): string {
  return p.t(`event.${e.type}`);
}

export function eventDetails(e: EventView, p: Present, multiPackage: boolean): string[] {
  const out: string[] = [formatStamp(e.at, p.zone, p.lang)];
  const place = e.place ? [e.place.city, e.place.region].filter(Boolean).join(', ') : '';
  if (place) out.push(place);
  if (multiPackage && e.packageNumber) out.push(p.t('timeline.package', { n: e.packageNumber }));
  if (e.type === 'out_for_delivery' && e.stopsAway != null) {
    out.push(e.stopsAway === 1 ? p.t('stops.one') : e.stopsAway === 0 ? p.t('stops.zero') : p.t('stops.other', { count: e.stopsAway }));
  }
  if (e.deliveredTo) out.push(p.t(`where.${e.deliveredTo}`));
  if (e.note) out.push(e.note);
  return out;
}
