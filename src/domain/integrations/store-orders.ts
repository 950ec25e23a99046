import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Invalid } from '../errors';
import { clip } from '../text';
import type { OrderInput } from './types';

// What the two stores' connectors (shopify.ts, woocommerce.ts) share: their signature scheme, and
// reading an order's number, destination (never the street, name or contact) and lines.

/** base64(HMAC-SHA256(raw body, key)) compared in constant time; a missing or malformed header is false. */
export function verifyBase64Hmac(body: Uint8Array, header: string | undefined, key: string): boolean {
  const given = header?.trim() ?? '';
  if (!key || !/^[A-Za-z0-9+/]{43}=$/.test(given)) return false; // 32 bytes in base64, nothing else
  const expected = createHmac('sha256', key).update(body).digest();
  return timingSafeEqual(Buffer.from(given, 'base64'), expected);
}

/** Parses a payload with `schema` or throws Invalid naming the first wrong field. */
export function parsePayload<T extends z.ZodType>(schema: T, payload: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw Invalid(`${what}: ${issue.path.join('.') || 'payload'}: ${issue.message}`);
}

/** The first candidate that makes a valid order number: a leading # dropped, any other character outside [A-Za-z0-9._:#-] turned into -. */
export function orderNumberFrom(...candidates: (string | number | null | undefined)[]): string | null {
  for (const raw of candidates) {
    if (raw == null) continue;
    const s = String(raw).trim().replace(/^#+/, '').replace(/[^A-Za-z0-9._:#-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64);
    if (s) return s;
  }
  return null;
}

/** The valid, distinct tracking numbers (spaces removed, upper-cased as Porchlight stores them). */
export function trackingNumbersOf(raw: readonly (string | number | null | undefined)[]): string[] {
  const numbers = raw.map((r) => String(r ?? '').replace(/\s+/g, '').toUpperCase());
  return [...new Set(numbers.filter((n) => /^[A-Z0-9-]{4,64}$/.test(n)))];
}

/** Where the order goes, from the non-identifying parts of an address only; null without a valid country. */
export function destinationOf(a: { city?: string | null; region?: string | null; postalCode?: string | null; country?: string | null } | null | undefined): OrderInput['destination'] | null {
  const country = a?.country?.trim();
  if (!a || !country || !/^[A-Za-z]{2}$/.test(country)) return null;
  const postalCode = a.postalCode?.trim();
  return {
    city: clip(a.city, 80),
    region: clip(a.region, 40),
    postalCode: postalCode && /^[A-Za-z0-9 -]{2,12}$/.test(postalCode) ? postalCode : undefined, // a malformed one is left out, not fatal
    country: country.toUpperCase(),
  };
}

/** An order's line items as Porchlight's: name, quantity (1–9999), SKU; at most 100. */
export function itemsOf(lines: readonly { name?: string | null; quantity?: number | null; sku?: string | null }[]): NonNullable<OrderInput['items']> {
  return lines.slice(0, 100).flatMap((line) => {
    const name = clip(line.name, 200);
    if (!name) return [];
    const quantity = Number.isFinite(line.quantity) ? Math.min(9999, Math.max(1, Math.trunc(line.quantity!))) : 1;
    return [{ name, quantity, sku: clip(line.sku, 64) }];
  });
}

/** A source's status word in plain words for a note ("buyer_action_required" → "buyer action required"). */
export const plainWords = (value: string) => clip(value.replace(/[_-]+/g, ' '), 60) ?? 'unknown';

/**
 * A store's numeric id (JSON number or digit string), as the string Porchlight keys it by. Not
 * limited to safe integers: Shopify's sample payloads use ids past 2^53 (JSON.parse rounds them,
 * the same way for the order and its fulfillments); real ids are far below.
 */
export const sourceId = z
  .union([z.number().min(0).max(1e20).refine(Number.isInteger, 'a whole number'), z.string().regex(/^\d{1,20}$/)])
  .transform(String);
/** A text field a store may leave out or send as null. */
export const optionalText = z.string().nullish();
