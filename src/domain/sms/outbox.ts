import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { feedback, orders, sellers, smsMessages, smsOptOuts, smsSubscriptions, type SmsMessage } from '../../../db/schema';
import { nextSendTime } from './quiet-hours';

// The outbox's storage side. Rows move pending → leased → submitted | failed; a lease that ran
// out, or a send whose answer was lost, becomes unknown and is reconciled, never blindly re-sent.

export interface ClaimOptions {
  owner: string;
  now: Date;
  limit: number;
  leaseMs: number;
  /** texts per UTC day across every process */
  dailyBudget: number;
}

const DAY_MS = 86_400_000;
export const utcDayStart = (now: Date) => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);

/**
 * Claims due texts with a lease in one statement, so two processes can never take the same row.
 * Within a subscription texts go in order: one waits while an earlier one is still unsent. The
 * daily budget is enforced inside the same statement, so processes cannot overshoot it together.
 */
export async function claimDue(db: Db, o: ClaimOptions): Promise<SmsMessage[]> {
  const now = o.now.getTime();
  const dayStart = utcDayStart(o.now).getTime();
  return db.transaction(async (tx) => {
    const rows = await tx.all<Record<string, unknown>>(sql`
      UPDATE sms_messages
         SET state = 'leased', lease_owner = ${o.owner}, lease_until = ${now + o.leaseMs}, leased_at = ${now},
             attempts = attempts + 1, updated_at = ${now}
       WHERE id IN (
         SELECT m.id FROM sms_messages m
          WHERE m.state = 'pending' AND m.due_at <= ${now}
            AND NOT EXISTS (SELECT 1 FROM sms_messages e
                             WHERE e.subscription_id = m.subscription_id AND e.id < m.id
                               AND e.state IN ('pending', 'leased', 'unknown'))
          ORDER BY m.due_at, m.id
          LIMIT max(0, min(${o.limit}, ${o.dailyBudget} - (
            SELECT count(*) FROM sms_messages
             WHERE submitted_at >= ${dayStart} OR (state IN ('leased', 'unknown') AND leased_at >= ${dayStart}))))
       )
      RETURNING *`);
    return rows.map(fromRow);
  });
}

/** Pending texts due now that the budget holds back (for the alert). */
export async function budgetExhausted(db: Db, now: Date, dailyBudget: number): Promise<boolean> {
  const dayStart = utcDayStart(now).getTime();
  const [row] = await db.all<{ used: number; waiting: number }>(sql`
    SELECT (SELECT count(*) FROM sms_messages WHERE submitted_at >= ${dayStart}
              OR (state IN ('leased', 'unknown') AND leased_at >= ${dayStart})) AS used,
           (SELECT count(*) FROM sms_messages WHERE state = 'pending' AND due_at <= ${now.getTime()}) AS waiting`);
  return !!row && row.used >= dailyBudget && row.waiting > 0;
}

/** A claimed text should no longer go: its subscription ended or the number opted out. */
export async function stillWanted(db: Db, msg: SmsMessage): Promise<boolean> {
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
export async function quietUntil(db: Db, msg: SmsMessage, now: Date): Promise<Date | null> {
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
export async function knownSids(db: Db, phone: string): Promise<Set<string>> {
  const rows = await db.select({ sid: smsMessages.providerSid }).from(smsMessages).where(and(eq(smsMessages.toPhone, phone), sql`${smsMessages.providerSid} is not null`));
  return new Set(rows.map((r) => r.sid!));
}

type Patch = Partial<typeof smsMessages.$inferInsert>;

/** Updates a text this process still holds the lease on (a lost lease means hands off). */
async function settle(db: Db, msg: SmsMessage, owner: string, patch: Patch): Promise<boolean> {
  const res = await db.transaction((tx) =>
    tx.update(smsMessages).set(patch)
      .where(and(eq(smsMessages.id, msg.id), eq(smsMessages.state, 'leased'), eq(smsMessages.leaseOwner, owner)))
      .returning({ id: smsMessages.id }),
  );
  return res.length > 0;
}

/** The provider took it. Recorded even if our lease lapsed meanwhile (the row is then unknown). */
export async function markSubmitted(db: Db, msg: SmsMessage, owner: string, sid: string, status: string, now: Date): Promise<boolean> {
  const res = await db.transaction((tx) =>
    tx.update(smsMessages)
      .set({ state: 'submitted', providerSid: sid, providerStatus: status, submittedAt: now, updatedAt: now, leaseUntil: null })
      .where(and(eq(smsMessages.id, msg.id), or(and(eq(smsMessages.state, 'leased'), eq(smsMessages.leaseOwner, owner)), eq(smsMessages.state, 'unknown'))))
      .returning({ id: smsMessages.id }),
  );
  return res.length > 0;
}

export const markRetry = (db: Db, msg: SmsMessage, owner: string, dueAt: Date, error: { code: string; message: string }, now: Date) =>
  settle(db, msg, owner, { state: 'pending', dueAt, errorCode: error.code, errorMessage: error.message.slice(0, 500), leaseOwner: null, leaseUntil: null, updatedAt: now });

export const markFailed = (db: Db, msg: SmsMessage, owner: string, error: { code: string; message: string }, now: Date) =>
  settle(db, msg, owner, { state: 'failed', errorCode: error.code, errorMessage: error.message.slice(0, 500), leaseUntil: null, updatedAt: now });

export const markUnknown = (db: Db, msg: SmsMessage, owner: string, message: string, now: Date) =>
  settle(db, msg, owner, { state: 'unknown', errorMessage: message.slice(0, 500), updatedAt: now });

/** Back to waiting until `dueAt` (quiet hours), without counting the claim as an attempt. */
export const markDeferred = (db: Db, msg: SmsMessage, owner: string, dueAt: Date, now: Date) =>
  settle(db, msg, owner, { state: 'pending', dueAt, attempts: Math.max(0, msg.attempts - 1), leaseOwner: null, leaseUntil: null, updatedAt: now });

export const markCancelled = (db: Db, msg: SmsMessage, owner: string, now: Date) =>
  settle(db, msg, owner, { state: 'cancelled', leaseUntil: null, updatedAt: now });

/** Leases that ran out belong to a process that died mid-send: their outcome is unknown. */
export async function expireLeases(db: Db, now: Date): Promise<number> {
  const rows = await db.transaction((tx) =>
    tx.update(smsMessages).set({ state: 'unknown', updatedAt: now })
      .where(and(eq(smsMessages.state, 'leased'), lt(smsMessages.leaseUntil, now)))
      .returning({ id: smsMessages.id }),
  );
  return rows.length;
}

export async function unknownMessages(db: Db, limit: number): Promise<SmsMessage[]> {
  return db.select().from(smsMessages).where(eq(smsMessages.state, 'unknown')).orderBy(smsMessages.id).limit(limit);
}

/** Reconciliation found what happened to an unknown text (or that it never left). */
export async function resolveUnknown(db: Db, msg: SmsMessage, found: { sid: string; status: string } | null, now: Date): Promise<void> {
  await db.transaction((tx) =>
    tx.update(smsMessages)
      .set(found
        ? { state: 'submitted', providerSid: found.sid, providerStatus: found.status, submittedAt: msg.submittedAt ?? now, updatedAt: now }
        : { state: 'pending', dueAt: now, leaseOwner: null, leaseUntil: null, updatedAt: now })
      .where(and(eq(smsMessages.id, msg.id), inArray(smsMessages.state, ['unknown']))),
  );
}

function fromRow(r: Record<string, unknown>): SmsMessage {
  const d = (v: unknown) => (v == null ? null : new Date(Number(v)));
  return {
    id: Number(r.id), subscriptionId: r.subscription_id == null ? null : Number(r.subscription_id), eventId: r.event_id == null ? null : Number(r.event_id),
    kind: String(r.kind), toPhone: String(r.to_phone), body: String(r.body), segments: Number(r.segments), state: r.state as SmsMessage['state'],
    dueAt: d(r.due_at)!, attempts: Number(r.attempts), leaseOwner: (r.lease_owner as string) ?? null, leaseUntil: d(r.lease_until), leasedAt: d(r.leased_at),
    providerSid: (r.provider_sid as string) ?? null, providerStatus: (r.provider_status as string) ?? null, errorCode: (r.error_code as string) ?? null,
    errorMessage: (r.error_message as string) ?? null, createdAt: d(r.created_at)!, submittedAt: d(r.submitted_at), updatedAt: d(r.updated_at)!,
  };
}
