import { z } from 'zod';
import { EVENT_TYPES, DELIVERED_TO } from '../../db/schema/tracking-events';
import { LANGUAGES } from '../../db/schema/orders';
import { normalizeCarrier } from './carriers';
import { displayText } from './text';
import { isValidTimeZone } from './time-zone';

// The seller API's input shapes (product.md §7). Unknown keys are dropped, so a street address,
// last name, email or phone a seller sends along is never stored.

// Identifiers and codes (an event id, a carrier name to normalize); text people read uses displayText.
const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date().refine((d) => !Number.isNaN(Date.parse(d)), 'must be a real calendar date');
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

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
  customer: z.object({ firstName: displayText(60).optional(), language: z.enum(LANGUAGES).optional() }).optional(),
  destination: place.extend({
    country: z.string().trim().regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2 code').transform((s) => s.toUpperCase()),
    postalCode: z.string().trim().regex(/^[A-Za-z0-9 -]{2,12}$/, 'a postal code').optional(),
    timeZone: z.string().refine(isValidTimeZone, 'an IANA time zone such as America/Chicago').optional(),
  }),
  items: z.array(z.object({ name: displayText(200), quantity: z.int().min(1).max(9999).default(1), sku: displayText(64).optional() })).max(100).default([]),
  promisedDate: isoDate.optional(),
  placedAt: instant.optional(),
  packages: z
    .array(z.object({ carrier, trackingNumber }))
    .max(20)
    .default([])
    .refine((ps) => new Set(ps.map((p) => p.trackingNumber)).size === ps.length, 'tracking numbers must be unique'),
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
    deliveryWindow: z.object({ start: instant, end: instant }).refine((w) => w.end > w.start && +w.end - +w.start <= 86_400_000, 'end must be after start, within 24 hours').optional(),
    deliveredTo: z.enum(DELIVERED_TO).optional(),
    signatureRequired: z.boolean().optional(),
    note: displayText(500).optional(),
  });
export type TrackingEventInput = z.infer<typeof trackingEventInput>;
