import { and, eq, ne } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import sharp from 'sharp';
import { z } from 'zod';
import { sellers } from '../../db/schema';
import { requireOwner } from './accounts/team';
import { contrast } from './brand-colors';
import type { MemberContext, SellerContext } from './context';
import { Conflict, Invalid, NotFound } from './errors';
import { displayText } from './text';
import { isValidTimeZone } from './time-zone';

// A store's settings, from the dashboard (owners only): who it is, how its pages look, how its
// customers reach it, when texts may go, which numbers may sign up, how long links work.

const optional = <T extends z.ZodType>(schema: T) => z.union([z.literal('').transform(() => null), schema]).nullable().default(null);
const minuteOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 20:00').transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3)));

export const settingsInput = z.object({
  name: displayText(80),
  slug: z.string().trim().toLowerCase().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'letters, digits and dashes, up to 40 characters'),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f6feb').transform((s) => s.toLowerCase()),
  supportEmail: optional(z.email()),
  supportPhone: optional(z.string().regex(/^\+?[0-9 ().-]{7,20}$/, 'a phone number')),
  supportUrl: optional(z.url({ protocol: /^https?$/ })),
  publicFeedbackUrl: optional(z.url({ protocol: /^https$/ })),
  defaultTimeZone: optional(z.string().refine(isValidTimeZone, 'an IANA time zone such as America/Chicago')),
  quietStart: minuteOfDay,
  quietEnd: minuteOfDay,
  smsCountries: optional(z.string().regex(/^[A-Za-z]{2}(\s*,\s*[A-Za-z]{2})*$/, 'ISO country codes, e.g. US,CA').transform((s) => s.split(',').map((c) => c.trim().toUpperCase()).join(','))),
  linkTtlDays: optional(z.coerce.number().int().min(1).max(3650)),
});
export type SettingsInput = z.input<typeof settingsInput>;

export async function loadSettings({ ctx }: { ctx: SellerContext }) {
  const [row] = await ctx.db
    .select({
      name: sellers.name, slug: sellers.slug, accentColor: sellers.accentColor, supportEmail: sellers.supportEmail, supportPhone: sellers.supportPhone,
      supportUrl: sellers.supportUrl, publicFeedbackUrl: sellers.publicFeedbackUrl, defaultTimeZone: sellers.defaultTimeZone,
      quietStartMinute: sellers.quietStartMinute, quietEndMinute: sellers.quietEndMinute, smsCountries: sellers.smsCountries, linkTtlDays: sellers.linkTtlDays,
      logoVersion: sellers.logoVersion,
    })
    .from(sellers)
    .where(eq(sellers.id, ctx.sellerId))
    .limit(1);
  if (!row) throw NotFound('Seller');
  return row;
}

/** WCAG AA for the accent as text on white (4.5:1); the pages darken a lighter one for text and lines. */
export const accentCheck = (accent: string) => {
  const ratio = contrast(accent, '#ffffff');
  return { ratio: Math.round(ratio * 100) / 100, passesAA: ratio >= 4.5 };
};

export async function saveSettings({ ctx, input }: { ctx: MemberContext; input: SettingsInput }) {
  requireOwner(ctx);
  const s = settingsInput.parse(input);
  await ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: sellers.id }).from(sellers).where(and(eq(sellers.slug, s.slug), ne(sellers.id, ctx.sellerId))).limit(1);
    if (taken) throw Conflict(`slug: ${s.slug} is taken by another store`);
    await tx
      .update(sellers)
      .set({
        name: s.name, slug: s.slug, accentColor: s.accentColor, supportEmail: s.supportEmail, supportPhone: s.supportPhone, supportUrl: s.supportUrl,
        publicFeedbackUrl: s.publicFeedbackUrl, defaultTimeZone: s.defaultTimeZone, quietStartMinute: s.quietStart, quietEndMinute: s.quietEnd,
        smsCountries: s.smsCountries, linkTtlDays: s.linkTtlDays,
      })
      .where(eq(sellers.id, ctx.sellerId));
  });
}

export const MAX_LOGO_UPLOAD_BYTES = 200 * 1024;
const RASTER = new Set(['png', 'jpeg', 'webp']);

/**
 * A new logo: PNG, JPEG or WebP up to 200 KB, decoded and re-encoded (at most 256 px, PNG) so no
 * metadata or trailing bytes of the upload are served. SVG is refused: it can carry scripts.
 */
export async function uploadLogo({ ctx, input }: { ctx: MemberContext; input: { data: Buffer } }) {
  requireOwner(ctx);
  if (input.data.length > MAX_LOGO_UPLOAD_BYTES) throw Invalid('logo: at most 200 KB');
  let format: string | undefined;
  try {
    format = (await sharp(input.data).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !RASTER.has(format)) throw Invalid('logo: a PNG, JPEG or WebP image (SVG is not accepted)');
  const png = await sharp(input.data).rotate().resize(256, 256, { fit: 'inside', withoutEnlargement: true }).png().toBuffer();
  await ctx.db.transaction((tx) =>
    tx.update(sellers).set({ logo: png, logoType: 'image/png', logoVersion: encodeHexLowerCase(sha256(png)).slice(0, 12) }).where(eq(sellers.id, ctx.sellerId)),
  );
}
