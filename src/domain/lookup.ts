import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { orders, sellers } from '../../db/schema';
import type { ServiceContext } from './context';
import { forSeller } from './context';
import { currentTrackingUrl } from './links';
import { takeHit } from './sms/rate-limits';
import { hashToken } from './tokens';
import { HOUR_MS } from './zoned-time';

// A customer who lost the link: order number + destination postal code on the seller's public page
// → that order's tracking link. Every miss (no such store, order or postal code) is the same
// answer after the same work; tries are limited per network and per order number.

export const LOOKUP_LIMITS = {
  perIp: { bucket: 'lookup_ip', limit: 20, windowMs: HOUR_MS, message: 'Too many tries. Please wait a while and try again.' },
  perOrder: { bucket: 'lookup_order', limit: 5, windowMs: HOUR_MS, message: 'Too many tries. Please wait a while and try again.' },
} as const;

export const lookupInput = z.object({
  orderNumber: z.string().trim().max(64).default(''),
  postalCode: z.string().max(20).default(''),
});

/** "48084-1234", "48084 1234", "k1a 0b1": compared as their letters and digits, upper-cased; a ZIP+4 by its first five. */
export function samePostalCode(stored: string | null, typed: string): boolean {
  const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!stored) return false;
  const a = norm(stored), b = norm(typed);
  if (!a || !b) return false;
  const zip5 = (s: string) => (/^\d{9}$/.test(s) ? s.slice(0, 5) : s);
  return zip5(a) === zip5(b);
}

/** The seller's public brand for the lookup page, or null for an unknown slug. */
export async function lookupSeller({ ctx, input }: { ctx: ServiceContext; input: { slug: string } }) {
  const [row] = await ctx.db.select({ id: sellers.id, name: sellers.name, accentColor: sellers.accentColor, slug: sellers.slug, logoVersion: sellers.logoVersion }).from(sellers).where(eq(sellers.slug, input.slug)).limit(1);
  return row ?? null;
}

/** The tracking link of the seller's order with that number and postal code, or null (a miss, whatever kind). */
export async function lookupOrder({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof lookupInput> & { sellerId: number; ip: string } }): Promise<string | null> {
  const { orderNumber, postalCode } = lookupInput.parse(input);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await takeHit(tx, LOOKUP_LIMITS.perIp, input.ip, now);
    await takeHit(tx, LOOKUP_LIMITS.perOrder, `${input.sellerId}:${orderNumber.toUpperCase()}`, now);
  });
  const [order] = orderNumber
    ? await ctx.db.select({ id: orders.id, postalCode: orders.destPostalCode }).from(orders).where(and(eq(orders.sellerId, input.sellerId), eq(orders.orderNumber, orderNumber))).limit(1)
    : [];
  const match = !!order && samePostalCode(order.postalCode, postalCode);
  // The work a hit does (deriving its link) is done for a miss too, so neither answers faster.
  const url = await currentTrackingUrl(forSeller(ctx, input.sellerId), match ? order!.id : -1);
  if (!match) hashToken(`${input.sellerId}:${orderNumber}:${postalCode}`);
  return match ? url : null;
}
