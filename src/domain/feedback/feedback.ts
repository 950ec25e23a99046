import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { feedback, type Feedback } from '../../../db/schema';
import { DomainError } from '../errors';
import { takeHit } from '../sms/rate-limits';
import type { FeedbackInput } from './inputs';

export const FEEDBACK_EDIT_DAYS = 14;
const DAY_MS = 86_400_000;

// Abuse limits (per network and per order), counted in the database like the opt-in limits.
export const FEEDBACK_LIMITS = {
  perIp: { bucket: 'feedback_ip', limit: 30, windowMs: 3_600_000, message: 'Too many submissions from this network. Try again later.' },
  perOrder: { bucket: 'feedback_order', limit: 20, windowMs: 86_400_000, message: 'This feedback has been changed too many times today.' },
} as const;

/**
 * Feedback on a delivered order: the first is created, later ones within 14 days edit it. Every
 * customer is asked, and thanked, the same way whatever the rating (no review gating).
 */
export async function giveFeedback(
  db: Db,
  input: { orderId: number; sellerId: number; delivered: boolean; feedback: FeedbackInput; lang: 'en' | 'es'; ip: string; now: Date },
): Promise<{ feedback: Feedback; created: boolean }> {
  if (!input.delivered) throw new DomainError('conflict', 'Feedback opens once your order is delivered', 'not_delivered');
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(feedback).where(eq(feedback.orderId, input.orderId)).limit(1);
    if (existing && input.now.getTime() - existing.createdAt.getTime() > FEEDBACK_EDIT_DAYS * DAY_MS) {
      throw new DomainError('conflict', `Feedback can be changed for ${FEEDBACK_EDIT_DAYS} days`, 'edit_window_closed');
    }
    await takeHit(tx, FEEDBACK_LIMITS.perIp, input.ip, input.now);
    await takeHit(tx, FEEDBACK_LIMITS.perOrder, String(input.orderId), input.now);
    const values = { rating: input.feedback.rating, comment: input.feedback.comment ?? null, arrivedOk: input.feedback.arrivedOk ?? null, language: input.lang, updatedAt: input.now };
    if (existing) {
      const [row] = await tx.update(feedback).set(values).where(and(eq(feedback.id, existing.id))).returning();
      return { feedback: row!, created: false };
    }
    const [row] = await tx.insert(feedback).values({ ...values, orderId: input.orderId, sellerId: input.sellerId, createdAt: input.now }).returning();
    return { feedback: row!, created: true };
  });
}

/** Whether feedback given at `createdAt` can still be changed at `now`. */
export const feedbackEditable = (createdAt: Date, now: Date) => now.getTime() - createdAt.getTime() <= FEEDBACK_EDIT_DAYS * DAY_MS;
