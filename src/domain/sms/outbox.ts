import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { budgetUsedUp, claimDueRows } from '../../../db/queries/outbox';
import { feedback, orders, sellers, smsMessages, smsOptOuts, smsSubscriptions, type SmsMessage } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { DAY_MS } from '../zoned-time';
import { nextSendTime } from './quiet-hours';

// The outbox's storage side. Rows move pending → leased → submitted | failed; a lease that ran
// out, or a send whose answer was lost, becomes unknown and is reconciled, never blindly re-sent.

type Verb<I> = { ctx: ServiceContext; input: I };

export const utcDayStart = (now: Date) => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);

/** Claims due texts for `owner` with a lease (see db/queries/outbox.ts), within the daily budget. */
export async function claimDue({ ctx, input }: Verb<{ owner: string; limit: number; leaseMs: number; dailyBudget: number }>): Promise<SmsMessage[]> {
  const now = ctx.now();
  return ctx.db.transaction((tx) => claimDueRows(tx, { ...input, now: now.getTime(), dayStart: utcDayStart(now).getTime() }));
}

/** Whether the daily budget now holds back due texts (for the alert). */
export async function budgetExhausted({ ctx, input }: Verb<{ dailyBudget: number }>): Promise<boolean> {
  const now = ctx.now();
  return budgetUsedUp(ctx.db, { now: now.getTime(), dayStart: utcDayStart(now).getTime(), dailyBudget: input.dailyBudget });
}

/** A claimed text should no longer go: its subscription ended or the number opted out. */
export async function stillWanted({ ctx: { db }, input: msg }: Verb<SmsMessage>): Promise<boolean> {
  const [out] = await db.select({ p: smsOptOuts.phone }).from(smsOptOuts).where(eq(smsOptOuts.phone, msg.toPhone)).limit(1);
  if (out) return false;
  if (!msg.subscriptionId) return true;
  const [sub] = await db.select({ status: smsSubscriptions.status, orderId: smsSubscriptions.orderId }).from(smsSubscriptions).where(eq(smsSubscriptions.id, msg.subscriptionId)).limit(1);
  if (!sub) return false;
  // Asking for feedback the customer already gave on the page would only nag.
  if (msg.kind === 'feedback_request') {
    const [given] = await db.select({ id: feedback.id }).from(feedback).where(eq(feedback.orderId, sub.orderId)).limit(1);
    if (given) return false;
  }
  // Until YES, the confirmation request is the only text a subscription may get.
  return sub.status === 'active' || (sub.status === 'pending' && msg.kind === 'confirm_request');
}

// These answer the customer's own action at the moment they acted; everything else is news.
const ANSWERS: ReadonlySet<string> = new Set(['confirm_request', 'subscribed']);

/**
 * When a claimed text may go, checked again at send time: a retry, a re-queue or the budget's
 * midnight can land in the recipient's quiet hours. null: now.
 */
export async function quietUntil({ ctx, input: msg }: Verb<SmsMessage>): Promise<Date | null> {
  const { db } = ctx;
  const now = ctx.now();
  if (!msg.subscriptionId || ANSWERS.has(msg.kind)) return null;
  const [row] = await db
    .select({ zone: orders.timeZone, start: sellers.quietStartMinute, end: sellers.quietEndMinute })
    .from(smsSubscriptions)
    .innerJoin(orders, eq(orders.id, smsSubscriptions.orderId))
    .innerJoin(sellers, eq(sellers.id, orders.sellerId))
    .where(eq(smsSubscriptions.id, msg.subscriptionId))
    .limit(1);
  if (!row) return null;
  const at = nextSendTime(now, row.zone, { startMinute: row.start, endMinute: row.end });
  return at > now ? at : null;
}

/** Provider ids recorded for texts to a number: a reconciliation must not take a twin's. */
export async function knownSids({ ctx: { db }, input: { phone } }: Verb<{ phone: string }>): Promise<Set<string>> {
  const rows = await db.select({ sid: smsMessages.providerSid }).from(smsMessages).where(and(eq(smsMessages.toPhone, phone), sql`${smsMessages.providerSid} is not null`));
  return new Set(rows.map((r) => r.sid!));
}

type Patch = Partial<typeof smsMessages.$inferInsert>;

/** Updates a text this process still holds the lease on (a lost lease means hands off). */
async function settle({ db }: ServiceContext, msg: SmsMessage, owner: string, patch: Patch): Promise<boolean> {
  const res = await db.transaction((tx) =>
    tx.update(smsMessages).set(patch)
      .where(and(eq(smsMessages.id, msg.id), eq(smsMessages.state, 'leased'), eq(smsMessages.leaseOwner, owner)))
      .returning({ id: smsMessages.id }),
  );
  return res.length > 0;
}

/** The provider took it. Recorded even if our lease lapsed meanwhile (the row is then unknown). */
export async function markSubmitted({ ctx, input: { msg, owner, sid, status } }: Verb<Held & { sid: string; status: string }>): Promise<boolean> {
  const now = ctx.now();
  const res = await ctx.db.transaction((tx) =>
    tx.update(smsMessages)
      .set({ state: 'submitted', providerSid: sid, providerStatus: status, submittedAt: now, updatedAt: now, leaseUntil: null })
      .where(and(eq(smsMessages.id, msg.id), or(and(eq(smsMessages.state, 'leased'), eq(smsMessages.leaseOwner, owner)), eq(smsMessages.state, 'unknown'))))
      .returning({ id: smsMessages.id }),
  );
  return res.length > 0;
}

/** A text this worker holds the lease on. */
type Held = { msg: SmsMessage; owner: string };
type SendError = { code: string; message: string };

export const markRetry = ({ ctx, input: { msg, owner, dueAt, error } }: Verb<Held & { dueAt: Date; error: SendError }>) =>
  settle(ctx, msg, owner, { state: 'pending', dueAt, errorCode: error.code, errorMessage: error.message.slice(0, 500), leaseOwner: null, leaseUntil: null, updatedAt: ctx.now() });

export const markFailed = ({ ctx, input: { msg, owner, error } }: Verb<Held & { error: SendError }>) =>
  settle(ctx, msg, owner, { state: 'failed', errorCode: error.code, errorMessage: error.message.slice(0, 500), leaseUntil: null, updatedAt: ctx.now() });

export const markUnknown = ({ ctx, input: { msg, owner, message } }: Verb<Held & { message: string }>) =>
  settle(ctx, msg, owner, { state: 'unknown', errorMessage: message.slice(0, 500), updatedAt: ctx.now() });

/** Back to waiting until `dueAt` (quiet hours), without counting the claim as an attempt. */
export const markDeferred = ({ ctx, input: { msg, owner, dueAt } }: Verb<Held & { dueAt: Date }>) =>
  settle(ctx, msg, owner, { state: 'pending', dueAt, attempts: Math.max(0, msg.attempts - 1), leaseOwner: null, leaseUntil: null, updatedAt: ctx.now() });

export const markCancelled = ({ ctx, input: { msg, owner } }: Verb<Held>) =>
  settle(ctx, msg, owner, { state: 'cancelled', leaseUntil: null, updatedAt: ctx.now() });

/** Leases that ran out belong to a process that died mid-send: their outcome is unknown. */
export async function expireLeases({ ctx }: { ctx: ServiceContext }): Promise<number> {
  const now = ctx.now();
  const rows = await ctx.db.transaction((tx) =>
    tx.update(smsMessages).set({ state: 'unknown', updatedAt: now })
      .where(and(eq(smsMessages.state, 'leased'), lt(smsMessages.leaseUntil, now)))
      .returning({ id: smsMessages.id }),
  );
  return rows.length;
}

export async function unknownMessages({ ctx, input: { limit } }: Verb<{ limit: number }>): Promise<SmsMessage[]> {
  return ctx.db.select().from(smsMessages).where(eq(smsMessages.state, 'unknown')).orderBy(smsMessages.id).limit(limit);
}

/** Reconciliation found what happened to an unknown text (or that it never left). */
export async function resolveUnknown({ ctx, input: { msg, found } }: Verb<{ msg: SmsMessage; found: { sid: string; status: string } | null }>): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction((tx) =>
    tx.update(smsMessages)
      .set(found
        ? { state: 'submitted', providerSid: found.sid, providerStatus: found.status, submittedAt: msg.submittedAt ?? now, updatedAt: now }
        : { state: 'pending', dueAt: now, leaseOwner: null, leaseUntil: null, updatedAt: now })
      .where(and(eq(smsMessages.id, msg.id), inArray(smsMessages.state, ['unknown']))),
  );
}
