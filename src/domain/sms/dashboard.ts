import { and, desc, eq, inArray } from 'drizzle-orm';
import { smsMessages, smsSubscriptions } from '../../../db/schema';
import type { SellerContext } from '../context';

// Texts as the seller's dashboard shows them: who signed up (the number masked to its last four
// digits), and each text with how far it got.

export const maskPhone = (e164: string) => `•••• ${e164.slice(-4)}`;

/** One order's subscribers and texts, newest first (another seller's order id shows nothing). */
export async function orderTexts({ ctx, input }: { ctx: SellerContext; input: { orderId: number } }) {
  const subs = await ctx.db
    .select({ id: smsSubscriptions.id, phone: smsSubscriptions.phone, status: smsSubscriptions.status, language: smsSubscriptions.language, createdAt: smsSubscriptions.createdAt, endReason: smsSubscriptions.endReason })
    .from(smsSubscriptions)
    .where(and(eq(smsSubscriptions.orderId, input.orderId), eq(smsSubscriptions.sellerId, ctx.sellerId)))
    .orderBy(desc(smsSubscriptions.id));
  const texts = subs.length
    ? await ctx.db
        .select({ id: smsMessages.id, subscriptionId: smsMessages.subscriptionId, kind: smsMessages.kind, state: smsMessages.state, providerStatus: smsMessages.providerStatus, errorCode: smsMessages.errorCode, dueAt: smsMessages.dueAt, submittedAt: smsMessages.submittedAt })
        .from(smsMessages)
        .where(inArray(smsMessages.subscriptionId, subs.map((s) => s.id)))
        .orderBy(desc(smsMessages.id))
    : [];
  return { subscribers: subs.map(({ phone, ...s }) => ({ ...s, phone: maskPhone(phone) })), texts };
}

/** The seller's subscribers across orders, newest first (masked). */
export async function listSubscribers({ ctx, input }: { ctx: SellerContext; input: { limit: number } }) {
  const rows = await ctx.db
    .select({ id: smsSubscriptions.id, orderId: smsSubscriptions.orderId, phone: smsSubscriptions.phone, status: smsSubscriptions.status, createdAt: smsSubscriptions.createdAt })
    .from(smsSubscriptions)
    .where(eq(smsSubscriptions.sellerId, ctx.sellerId))
    .orderBy(desc(smsSubscriptions.id))
    .limit(input.limit);
  return rows.map(({ phone, ...r }) => ({ ...r, phone: maskPhone(phone) }));
}
