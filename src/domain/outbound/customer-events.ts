import { eq } from 'drizzle-orm';
import { orders, type Feedback, type ProblemReport, type SmsSubscription } from '../../../db/schema';
import type { Tx } from '../sms/rate-limits';
import { queueWebhookEvent } from './queue';

// What customers do that a seller's systems may act on, queued in the same transaction.

async function orderNumberOf(tx: Tx, orderId: number): Promise<string | null> {
  const [row] = await tx.select({ n: orders.orderNumber }).from(orders).where(eq(orders.id, orderId)).limit(1);
  return row?.n ?? null;
}

export async function queueFeedbackCreated(tx: Tx, f: Feedback, now: Date): Promise<void> {
  const feedback = { rating: f.rating, comment: f.comment, arrivedOk: f.arrivedOk, language: f.language, createdAt: f.createdAt.toISOString() };
  await queueWebhookEvent(tx, { sellerId: f.sellerId, type: 'feedback.created', data: { orderNumber: await orderNumberOf(tx, f.orderId), feedback }, now });
}

export async function queueReportCreated(tx: Tx, r: ProblemReport, now: Date): Promise<void> {
  const report = {
    id: r.id, problem: r.problem, missing: r.packageId ? 'package' : 'order', note: r.note,
    contact: r.contact, contactKind: r.contactKind, language: r.language, createdAt: r.createdAt.toISOString(),
  };
  await queueWebhookEvent(tx, { sellerId: r.sellerId, type: 'report.created', data: { orderNumber: await orderNumberOf(tx, r.orderId), report }, now });
}

/** A customer stopped an order's texts (the page's button) or all of them (STOP): one event per order's seller. */
export async function queueOptedOut(tx: Tx, subs: readonly SmsSubscription[], via: 'page' | 'stop_keyword', now: Date): Promise<void> {
  for (const s of subs) {
    const data = { orderNumber: await orderNumberOf(tx, s.orderId), phoneLast4: s.phone.slice(-4), via };
    await queueWebhookEvent(tx, { sellerId: s.sellerId, type: 'sms.opted_out', data, now });
  }
}
