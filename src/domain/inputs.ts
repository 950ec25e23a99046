import { z } from 'zod';
import { DAY_MS } from './zoned-time';
import { EVENT_TYPES, DELIVERED_TO } from '../../db/schema/tracking-events';
import { LANGUAGES } from '../../db/schema/orders';
import { normalizeCarrier } from './carriers';
import { Invalid } from './errors';
import { displayText } from './text';
import { isValidTimeZone } from './time-zone';

// The seller API's input shapes (product.md §7). Unknown keys are dropped, so a street address,
// last name or phone a seller sends along is never stored (an email only for Klaviyo, sealed).

// Identifiers and codes (an event id, a carrier name to normalize); text people read uses displayText.
const text = (max: number) => z.string().trim().min(1).max(max);

// Plausible times: nothing a seller sends happened before 2000 or is planned more than a year ahead
// (a typo'd year would otherwise sort first or last for ever). The floor needs no clock, so the
// schemas check it; the ceiling needs `now`, so checkInstantRange does, once the caller has the clock.
const EARLIEST_INSTANT = new Date('2000-01-01T00:00:00Z');
const EARLIEST_DATE = EARLIEST_INSTANT.toISOString().slice(0, 10);
const MAX_AHEAD_MS = 366 * DAY_MS; // a year, leap or not
const RANGE_MESSAGE = 'must be between 2000-01-01 and one year from now';

const isoDate = z.iso
  .date()
  .refine((d) => !Number.isNaN(Date.parse(d)), 'must be a real calendar date')
  .refine((d) => d >= EARLIEST_DATE, RANGE_MESSAGE);
const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => d >= EARLIEST_INSTANT, RANGE_MESSAGE);

export const orderNumberSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:#-]{0,63}$/, 'letters, digits and . _ : # - only, at most 64 characters');

const trackingNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,64}$/, 'letters, digits and dashes, 4 to 64 characters')
  .transform((s) => s.toUpperCase());

const carrier = text(40).transform(normalizeCarrier);

const place = z.object({
  city: displayText(80).optional(),
  region: displayText(40).optional(),
  country: z.string().trim().regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2 code').transform((s) => s.toUpperCase()).optional(),
});

export const createOrderInput = z.object({
  orderNumber: orderNumberSchema,
  customer: z.object({
    firstName: displayText(60).optional(),
    language: z.enum(LANGUAGES).optional(),
    // kept (sealed) only when the seller has Klaviyo connected, for its events; otherwise dropped like the rest
    // (one that is not an address is dropped, not refused: the order matters more than its Klaviyo event)
    email: z.unknown().transform((e) => (typeof e === 'string' && e.length <= 254 && z.email().safeParse(e.trim()).success ? e.trim().toLowerCase() : undefined)).optional(),
  }).optional(),
  destination: place.extend({
    country: z.string().trim().regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2 code').transform((s) => s.toUpperCase()),
    postalCode: z.string().trim().regex(/^[A-Za-z0-9 -]{2,12}$/, 'a postal code').optional(),
    timeZone: z.string().refine(isValidTimeZone, 'an IANA time zone such as America/Chicago').optional(),
  }),
  items: z
    .array(z.object({
      name: displayText(200), quantity: z.int().min(1).max(9999).default(1), sku: displayText(64).optional(),
      /** the package this item ships in, when the order ships in several (one of `packages`) */
      trackingNumber: trackingNumber.optional(),
    }))
    .max(100)
    .default([]),
  promisedDate: isoDate.optional(),
  placedAt: instant.optional(),
  packages: z
    .array(z.object({ carrier, trackingNumber }))
    .max(20)
    .default([])
    .refine((ps) => new Set(ps.map((p) => p.trackingNumber)).size === ps.length, 'tracking numbers must be unique'),
}).superRefine((order, check) => {
  const known = new Set(order.packages.map((p) => p.trackingNumber));
  order.items.forEach((item, i) => {
    if (item.trackingNumber && !known.has(item.trackingNumber)) {
      check.addIssue({ code: 'custom', path: ['items', i, 'trackingNumber'], message: 'must be the tracking number of one of this order’s packages' });
    }
  });
});
export type CreateOrderInput = z.infer<typeof createOrderInput>;

export const trackingEventInput = z
  .object({
    id: text(128).optional(),
    type: z.enum(EVENT_TYPES),
    occurredAt: instant,
    trackingNumber: trackingNumber.optional(),
    carrier: carrier.optional(),
    location: place.optional(),
    stopsAway: z.int().min(0).max(999).optional(),
    deliveryWindow: z.object({ start: instant, end: instant }).refine((w) => w.end > w.start && +w.end - +w.start <= DAY_MS, 'end must be after start, within 24 hours').optional(),
    deliveredTo: z.enum(DELIVERED_TO).optional(),
    signatureRequired: z.boolean().optional(),
    note: displayText(500).optional(),
    /** the carrier's expected delivery date as of this event (a delay's new date), destination-local */
    estimatedDelivery: isoDate.optional(),
    /** available_for_pickup: the pickup point, its opening hours as the carrier writes them, the last day to collect */
    pickup: z.object({ location: displayText(120).optional(), hours: displayText(120).optional(), by: isoDate.optional() }).optional(),
  });
export type TrackingEventInput = z.infer<typeof trackingEventInput>;

/**
 * Every instant (and the promised date) in an order or an event, checked against the clock: from
 * 2000-01-01 to a year after `now`. Call it where `now` is known, after parsing; a value out of
 * range is a 422 naming the field, like any other validation failure.
 */
export function checkInstantRange(
  input: Partial<Pick<CreateOrderInput, 'placedAt' | 'promisedDate'> & Pick<TrackingEventInput, 'occurredAt' | 'deliveryWindow' | 'estimatedDelivery' | 'pickup'>>,
  now: Date,
): void {
  const latest = new Date(now.getTime() + MAX_AHEAD_MS);
  const instants: [string, Date | undefined][] = [
    ['placedAt', input.placedAt],
    ['occurredAt', input.occurredAt],
    ['deliveryWindow.start', input.deliveryWindow?.start],
    ['deliveryWindow.end', input.deliveryWindow?.end],
  ];
  const wrong = instants.filter(([, at]) => at && (at < EARLIEST_INSTANT || at > latest)).map(([field]) => field);
  // A calendar date is the same day somewhere within a day of UTC: compare it with the UTC date, a day's grace.
  const latestDate = new Date(latest.getTime() + DAY_MS).toISOString().slice(0, 10);
  const dates: [string, string | undefined][] = [
    ['promisedDate', input.promisedDate],
    ['estimatedDelivery', input.estimatedDelivery],
    ['pickup.by', input.pickup?.by],
  ];
  for (const [field, date] of dates) if (date && (date < EARLIEST_DATE || date > latestDate)) wrong.push(field);
  if (wrong.length) throw Invalid(wrong.map((field) => `${field}: ${RANGE_MESSAGE}`).join('; '));
}
