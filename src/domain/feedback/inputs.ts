import { z } from 'zod';
import { PROBLEMS, type Problem } from '../../../db/schema/problem-reports';

export type { Problem };
import { Invalid } from '../errors';
import { optionalDisplayText } from '../text';

// A form posts strings ("5", "yes"); JSON may send numbers and booleans. Both mean the same.
const yesNo = z
  .union([z.boolean(), z.enum(['yes', 'no', 'true', 'false'])])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === true || v === 'yes' || v === 'true'));

export const feedbackInput = z.object({
  rating: z.union([z.int(), z.string().regex(/^[1-5]$/, 'a whole number from 1 to 5').transform(Number)]).pipe(z.int().min(1).max(5)),
  comment: optionalDisplayText(1000, { multiline: true }),
  arrivedOk: yesNo,
});
export type FeedbackInput = z.infer<typeof feedbackInput>;

export const reportInput = z.object({
  /** what went wrong: not there though marked delivered (the default), or there but damaged */
  problem: z.enum(PROBLEMS).default('not_received'),
  /** what is missing (or damaged): the whole order, or package N of a split shipment */
  missing: z.union([z.literal('order'), z.int().min(1).max(99), z.string().regex(/^(order|[1-9]\d?)$/).transform((s) => (s === 'order' ? 'order' as const : Number(s)))]).default('order'),
  note: optionalDisplayText(1000, { multiline: true }),
  contact: optionalDisplayText(120),
});
export type ReportInput = z.infer<typeof reportInput>;

/** Parses a posted body; an over-long comment or note gets its own code and message, not "choose a rating". */
function parseOrTooLong<S extends z.ZodType>(schema: S, raw: unknown, field: 'comment' | 'note'): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const tooLong = parsed.error.issues.some((i) => i.path[0] === field && i.code === 'too_big');
  throw tooLong ? Invalid(`${field}: at most 1000 characters`, `${field}_too_long`) : parsed.error;
}

export const parseFeedback = (raw: unknown): FeedbackInput => parseOrTooLong(feedbackInput, raw, 'comment');
export const parseReport = (raw: unknown): ReportInput => parseOrTooLong(reportInput, raw, 'note');

/** After a report form post, a damage report goes back to the damage form, whatever the outcome. */
export const reportPageQuery = (raw: unknown): Record<string, string> =>
  raw && typeof raw === 'object' && (raw as Record<string, unknown>).problem === 'damaged' ? { problem: 'damaged' } : {};
