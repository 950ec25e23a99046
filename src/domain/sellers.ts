import { eq, like } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { z } from 'zod';
import { sellers } from '../../db/schema';
import { insertApiKey } from './api-keys';
import { displayText } from './text';
import type { ServiceContext } from './context';
import type { Tx } from './sms/rate-limits';

export const LOGO_TYPES = ['image/svg+xml', 'image/png', 'image/webp'] as const;
const MAX_LOGO_BYTES = 64 * 1024;

export const sellerInput = z.object({
  name: displayText(80),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f6feb').optional(),
  supportEmail: z.email().optional(),
  supportPhone: z.string().regex(/^\+?[0-9 ().-]{7,20}$/, 'a phone number').optional(),
  supportUrl: z.url({ protocol: /^https?$/ }).optional(),
  publicFeedbackUrl: z.url({ protocol: /^https$/ }).optional(),
  logo: z
    .object({ type: z.enum(LOGO_TYPES), data: z.instanceof(Buffer).refine((b) => b.length <= MAX_LOGO_BYTES, 'logo must be 64 KiB or smaller') })
    .optional(),
});
export type SellerInput = z.infer<typeof sellerInput>;

export function slugify(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return slug.slice(0, 40) || 'seller';
}

/**
 * Creates a seller with a unique slug and its first API key (returned once, stored hashed).
 * `demo` is set only by the demo seed: the home page lists a demo seller's demo orders.
 */
export async function createSeller({ ctx, input }: { ctx: ServiceContext; input: { seller: SellerInput; demo?: boolean } }) {
  const made = await ctx.db.transaction((tx) => insertSeller(tx, input, ctx.now()));
  return { ...made, apiKey: made.apiKey! };
}

/** createSeller inside the caller's transaction (sign-up makes the seller and its owner together). */
export async function insertSeller(tx: Tx, input: { seller: SellerInput; demo?: boolean; /** false: no first API key (a dashboard sign-up makes keys on its keys page) */ withKey?: boolean }, now: Date) {
  const { seller: sellerData } = input;
  const base = slugify(sellerData.name);
  const taken = new Set((await tx.select({ slug: sellers.slug }).from(sellers).where(like(sellers.slug, `${base}%`))).map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const [seller] = await tx
    .insert(sellers)
    .values({
      slug,
      name: sellerData.name,
      accentColor: sellerData.accentColor?.toLowerCase() ?? '#1f6feb',
      supportEmail: sellerData.supportEmail ?? null,
      supportPhone: sellerData.supportPhone ?? null,
      supportUrl: sellerData.supportUrl ?? null,
      publicFeedbackUrl: sellerData.publicFeedbackUrl ?? null,
      logo: sellerData.logo?.data ?? null,
      logoType: sellerData.logo?.type ?? null,
      logoVersion: sellerData.logo ? encodeHexLowerCase(sha256(sellerData.logo.data)).slice(0, 12) : null,
      isDemo: input.demo === true,
      createdAt: now,
    })
    .returning({ id: sellers.id, slug: sellers.slug, name: sellers.name });
  const apiKey = input.withKey === false ? null : (await insertApiKey(tx, seller!.id, 'default', now)).apiKey;
  return { sellerId: seller!.id, slug: seller!.slug, name: seller!.name, apiKey };
}

/** A seller's logo by the seller's public slug (served from our origin). */
export async function loadLogo({ ctx, input }: { ctx: ServiceContext; input: { slug: string } }) {
  const [row] = await ctx.db.select({ logo: sellers.logo, type: sellers.logoType, version: sellers.logoVersion }).from(sellers).where(eq(sellers.slug, input.slug)).limit(1);
  return row?.logo && row.type ? { data: row.logo, type: row.type, version: row.version } : null;
}
