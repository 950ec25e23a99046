import { and, eq } from 'drizzle-orm';
import { feedback, type Feedback } from '../../../db/schema';
import type { LinkContext } from '../context';
import { DAY_MS, HOUR_MS } from '../zoned-time';
import { Conflict } from '../errors';
import { takeHit } from '../sms/rate-limits';
import { feedbackOpen } from '../tracking-view';
import type { FeedbackInput } from './inputs';
import { queueFeedbackCreated } from '../outbound/customer-events';

export const FEEDBACK_EDIT_DAYS = 14;

/** The last moment feedback given at `createdAt` can still be changed. */
export const feedbackEditableUntil = (createdAt: Date) => new Date(createdAt.getTime() + FEEDBACK_EDIT_DAYS * DAY_MS);
/** Whether feedback given at `createdAt` can still be changed at `now` (the 14 days count from the first feedback). */
export const feedbackEditable = (createdAt: Date, now: Date) => now.getTime() <= feedbackEditableUntil(createdAt).getTime();

// Abuse limits (per network and per order), counted in the database like the opt-in limits.
export const FEEDBACK_LIMITS = {
  perIp: { bucket: 'feedback_ip', limit: 30, windowMs: HOUR_MS, message: 'Too many submissions from this network. Try again later.' },
  perOrder: { bucket: 'feedback_order', limit: 20, windowMs: DAY_MS, message: 'This feedback has been changed too many times today.' },
} as const;

/**
 * Feedback on a delivered order: the first is created, later ones within 14 days edit it. Every
 * customer is asked, and thanked, the same way whatever the rating (no review gating).
 */
export async function giveFeedback({ ctx, input }: {
  ctx: LinkContext;
  input: { feedback: FeedbackInput; lang: 'en' | 'es'; ip: string };
}): Promise<{ feedback: Feedback; created: boolean }> {
  const { link } = ctx;
  const now = ctx.now();
  if (!feedbackOpen(link.view)) throw Conflict('Feedback opens once everything in your order has arrived', 'not_delivered');
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(feedback).where(eq(feedback.orderId, link.orderId)).limit(1);
    if (existing && !feedbackEditable(existing.createdAt, now)) {
      throw Conflict(`Feedback can be changed for ${FEEDBACK_EDIT_DAYS} days`, 'edit_window_closed');
    }
    await takeHit(tx, FEEDBACK_LIMITS.perIp, input.ip, now);
    await takeHit(tx, FEEDBACK_LIMITS.perOrder, String(link.orderId), now);
    const values = { rating: input.feedback.rating, comment: input.feedback.comment ?? null, arrivedOk: input.feedback.arrivedOk ?? null, language: input.lang, updatedAt: now };
    if (existing) {
      const [row] = await tx.update(feedback).set(values).where(and(eq(feedback.id, existing.id))).returning();
      return { feedback: row!, created: false };
    }
    const [row] = await tx.insert(feedback).values({ ...values, orderId: link.orderId, sellerId: link.sellerId, createdAt: now }).returning();
    await queueFeedbackCreated(tx, row!, now);
    return { feedback: row!, created: true };
  });
}
