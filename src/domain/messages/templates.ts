import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { messageTemplates, TOUCHPOINTS, type Touchpoint } from '../../../db/schema/message-templates';
import { LANGUAGES } from '../../../db/schema/orders';
import type { SellerContext } from '../context';
import { DEFAULT_TEMPLATES, type TemplateText } from './defaults';
import { parseTemplate } from './template';

// A seller's message templates: its saved wording where it has some, Porchlight's default elsewhere.

export type MessageLanguage = (typeof LANGUAGES)[number];

export interface TemplateEntry extends TemplateText {
  touchpoint: Touchpoint;
  language: MessageLanguage;
  /** the seller's own wording (false: Porchlight's default) */
  customized: boolean;
  /** when the seller last saved it; null for the default */
  updatedAt: Date | null;
}

export const templateKeyInput = z.object({ touchpoint: z.enum(TOUCHPOINTS), language: z.enum(LANGUAGES) });
export const saveTemplateInput = templateKeyInput.extend({
  subject: z.string().transform((s) => parseTemplate(s, 'subject')),
  body: z.string().transform((s) => parseTemplate(s, 'body')),
});

const defaultEntry = (touchpoint: Touchpoint, language: MessageLanguage): TemplateEntry => ({
  touchpoint, language, ...DEFAULT_TEMPLATES[touchpoint][language], customized: false, updatedAt: null,
});

const ofSeller = (ctx: SellerContext, touchpoint: Touchpoint, language: MessageLanguage) =>
  and(eq(messageTemplates.sellerId, ctx.sellerId), eq(messageTemplates.touchpoint, touchpoint), eq(messageTemplates.language, language));

/** Every touchpoint in every language, in touchpoint order: saved or default. */
export async function listTemplates({ ctx }: { ctx: SellerContext }): Promise<TemplateEntry[]> {
  const saved = await ctx.db.select().from(messageTemplates).where(eq(messageTemplates.sellerId, ctx.sellerId));
  return TOUCHPOINTS.flatMap((touchpoint) =>
    LANGUAGES.map((language) => {
      const row = saved.find((r) => r.touchpoint === touchpoint && r.language === language);
      return row ? { touchpoint, language, subject: row.subject, body: row.body, customized: true, updatedAt: row.updatedAt } : defaultEntry(touchpoint, language);
    }),
  );
}

/** The wording one touchpoint and language sends now: saved or default. */
export async function templateFor(ctx: SellerContext, touchpoint: Touchpoint, language: MessageLanguage): Promise<TemplateEntry> {
  const [row] = await ctx.db.select().from(messageTemplates).where(ofSeller(ctx, touchpoint, language)).limit(1);
  return row ? { touchpoint, language, subject: row.subject, body: row.body, customized: true, updatedAt: row.updatedAt } : defaultEntry(touchpoint, language);
}

/**
 * Saves the seller's wording (validated, then stored as cleaned). Saving exactly the default
 * wording is a reset: the seller keeps getting Porchlight's wording, and its later improvements.
 */
export async function saveTemplate({ ctx, input }: { ctx: SellerContext; input: z.input<typeof saveTemplateInput> }): Promise<TemplateEntry> {
  const { touchpoint, language, subject, body } = saveTemplateInput.parse(input);
  const fallback = DEFAULT_TEMPLATES[touchpoint][language];
  if (subject === fallback.subject && body === fallback.body) return resetTemplate({ ctx, input: { touchpoint, language } });
  const now = ctx.now();
  // every write through db.transaction(): the embedded driver's rule (db/client.ts)
  const [row] = await ctx.db.transaction((tx) => tx
    .insert(messageTemplates)
    .values({ sellerId: ctx.sellerId, touchpoint, language, subject, body, updatedAt: now })
    .onConflictDoUpdate({ target: [messageTemplates.sellerId, messageTemplates.touchpoint, messageTemplates.language], set: { subject, body, updatedAt: now } })
    .returning());
  return { touchpoint, language, subject: row!.subject, body: row!.body, customized: true, updatedAt: row!.updatedAt };
}

/** Back to Porchlight's default wording for one touchpoint and language. */
export async function resetTemplate({ ctx, input }: { ctx: SellerContext; input: z.input<typeof templateKeyInput> }): Promise<TemplateEntry> {
  const { touchpoint, language } = templateKeyInput.parse(input);
  await ctx.db.transaction((tx) => tx.delete(messageTemplates).where(ofSeller(ctx, touchpoint, language)));
  return defaultEntry(touchpoint, language);
}
