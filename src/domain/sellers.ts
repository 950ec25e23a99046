import { eq, like } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { sellers } from '../../db/schema';
import { createApiKey } from './api-keys';

export const LOGO_TYPES = ['image/svg+xml', 'image/png', 'image/webp'] as const;
const MAX_LOGO_BYTES = 64 * 1024;

export const sellerInput = z.object({
  name: z.string().trim().min(1).max(80),
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

/** Creates a seller with a unique slug and its first API key (returned once, stored hashed). */
export async function createSeller(db: Db, input: SellerInput, now: Date) {
  return db.transaction(async (tx) => {
    const base = slugify(input.name);
    const taken = new Set((await tx.select({ slug: sellers.slug }).from(sellers).where(like(sellers.slug, `${base}%`))).map((r) => r.slug));
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    const [seller] = await tx
      .insert(sellers)
      .values({
        slug,
        name: input.name,
        accentColor: input.accentColor?.toLowerCase() ?? '#1f6feb',
        supportEmail: input.supportEmail ?? null,
        supportPhone: input.supportPhone ?? null,
        supportUrl: input.supportUrl ?? null,
        publicFeedbackUrl: input.publicFeedbackUrl ?? null,
        logo: input.logo?.data ?? null,
        logoType: input.logo?.type ?? null,
        logoVersion: input.logo ? encodeHexLowerCase(sha256(input.logo.data)).slice(0, 12) : null,
        createdAt: now,
      })
      .returning({ id: sellers.id, slug: sellers.slug, name: sellers.name });
    const { apiKey } = await createApiKey(tx, { sellerId: seller!.id, name: 'default', now });
    return { sellerId: seller!.id, slug: seller!.slug, name: seller!.name, apiKey };
  });
}

export async function loadLogo(db: Db, slug: string) {
  const [row] = await db.select({ logo: sellers.logo, type: sellers.logoType, version: sellers.logoVersion }).from(sellers).where(eq(sellers.slug, slug)).limit(1);
  return row?.logo && row.type ? { data: row.logo, type: row.type, version: row.version } : null;
}
