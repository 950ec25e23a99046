import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { claimOutboundRows } from '../../../db/queries/outbound';
import { outboundMessages, webhookEndpoints, type OutboundMessage } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { DAY_MS } from '../zoned-time';

// The outbound outbox's storage side: pending → leased → delivered | failed (a day of retries),
// or cancelled when its endpoint is deleted. Settling needs the lease: a lapsed one means hands off.

type Verb<I> = { ctx: ServiceContext; input: I };

/** An endpoint failing this long without one success is switched off (the seller turns it back on). */
export const DISABLE_AFTER_MS = DAY_MS;
/** Messages of a disabled endpoint wait here until it is turned back on. */
const PARKED = new Date('9999-01-01T00:00:00Z');

export async function claimOutbound({ ctx, input }: Verb<{ owner: string; limit: number; leaseMs: number; perTarget: number; perFailingTarget: number; inFlight: Readonly<Record<string, number>> }>): Promise<OutboundMessage[]> {
  const now = ctx.now().getTime();
  return ctx.db.transaction((tx) => claimOutboundRows(tx, { ...input, now }));
}

const held = (msg: OutboundMessage, owner: string) =>
  and(eq(outboundMessages.id, msg.id), eq(outboundMessages.state, 'leased'), eq(outboundMessages.leaseOwner, owner));

/**
 * The receiver took it: never sent again (unless the seller resends it by hand). Recorded even if
 * our lease lapsed meanwhile and the message was released or taken by another process: the
 * receiver has it, so what is true is stored (that process's own outcome then changes nothing).
 */
export async function markDelivered({ ctx, input: { msg, status } }: Verb<{ msg: OutboundMessage; owner: string; status: number }>): Promise<boolean> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.update(outboundMessages)
      .set({ state: 'delivered', deliveredAt: now, lastStatus: status, lastError: null, leaseOwner: null, leaseUntil: null })
      .where(and(eq(outboundMessages.id, msg.id), inArray(outboundMessages.state, ['leased', 'pending']))).returning({ id: outboundMessages.id });
    if (msg.kind === 'webhook') {
      // written only when it changes something: not a write per delivery to a healthy endpoint
      await tx.update(webhookEndpoints).set({ failingSince: null, lastSuccessAt: now })
        .where(and(eq(webhookEndpoints.id, msg.targetId), or(sql`${webhookEndpoints.failingSince} is not null`, isNull(webhookEndpoints.lastSuccessAt), lt(webhookEndpoints.lastSuccessAt, new Date(now.getTime() - 60_000)))));
    }
    return rows.length > 0;
  });
}

/**
 * Not taken: tried again at `retryAt` (never past the message's retry window; after it, failed).
 * A webhook endpoint is disabled (its waiting messages parked) when it has failed for a day
 * without a success: its run of failures is a day old, or a message gave up after its day of
 * retries with no success at the endpoint since it was queued. A run with a day's gap between
 * two failures starts again (a failure a week after the last one is not a day of failing).
 */
export async function markAttemptFailed(
  { ctx, input: { msg, owner, status, error, retryAt, permanent } }: Verb<{ msg: OutboundMessage; owner: string; status: number | null; error: string; retryAt: Date; permanent?: boolean }>,
): Promise<{ disabled: boolean }> {
  const now = ctx.now();
  const giveUp = permanent || now >= msg.retryUntil;
  const dueAt = new Date(Math.min(retryAt.getTime(), msg.retryUntil.getTime()));
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.update(outboundMessages)
      .set({ state: giveUp ? 'failed' : 'pending', dueAt, lastStatus: status, lastError: error.slice(0, 500), leaseOwner: null, leaseUntil: null })
      .where(held(msg, owner)).returning({ id: outboundMessages.id });
    if (!rows.length || msg.kind !== 'webhook') return { disabled: false };
    const t = now.getTime();
    const [ep] = await tx.update(webhookEndpoints)
      .set({
        failingSince: sql`case when ${webhookEndpoints.lastFailureAt} > ${t - DISABLE_AFTER_MS} then coalesce(${webhookEndpoints.failingSince}, ${t}) else ${t} end`,
        lastFailureAt: now,
      })
      .where(eq(webhookEndpoints.id, msg.targetId))
      .returning({ failingSince: webhookEndpoints.failingSince, disabledAt: webhookEndpoints.disabledAt, lastSuccessAt: webhookEndpoints.lastSuccessAt });
    if (!ep || ep.disabledAt) return { disabled: false };
    const runIsADay = !!ep.failingSince && t - ep.failingSince.getTime() >= DISABLE_AFTER_MS;
    const dayOfRetriesFailed = giveUp && !permanent && (!ep.lastSuccessAt || ep.lastSuccessAt < msg.createdAt);
    if (!runIsADay && !dayOfRetriesFailed) return { disabled: false };
    await tx.update(webhookEndpoints).set({ disabledAt: now }).where(eq(webhookEndpoints.id, msg.targetId));
    await tx.update(outboundMessages).set({ dueAt: PARKED }).where(and(eq(outboundMessages.targetId, msg.targetId), eq(outboundMessages.state, 'pending')));
    return { disabled: true };
  });
}

/** A message whose target is gone (endpoint deleted, connector switched off) is not sent. */
export async function markCancelled({ ctx, input: { msg, owner } }: Verb<{ msg: OutboundMessage; owner: string }>): Promise<void> {
  await ctx.db.transaction((tx) => tx.update(outboundMessages).set({ state: 'cancelled', leaseOwner: null, leaseUntil: null }).where(held(msg, owner)));
}

/**
 * Its endpoint looked disabled: back to waiting, not counted as an attempt, until the seller turns
 * it on again. Checked again in the same transaction (the sender's view of the endpoint can be a
 * few seconds old): an endpoint already back on gets the message again now, not parked forever.
 */
export async function markParked({ ctx, input: { msg, owner } }: Verb<{ msg: OutboundMessage; owner: string }>): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction((tx) =>
    tx.update(outboundMessages)
      .set({
        state: 'pending', attempts: Math.max(0, msg.attempts - 1), leaseOwner: null, leaseUntil: null,
        dueAt: sql`case when exists (select 1 from ${webhookEndpoints} where ${webhookEndpoints.id} = ${msg.targetId} and ${webhookEndpoints.disabledAt} is not null) then ${PARKED.getTime()} else ${now.getTime()} end`,
      })
      .where(held(msg, owner)));
}

/** Leases that ran out belong to a process that died mid-send: the message goes again (same webhook-id). */
export async function releaseLapsedLeases({ ctx }: { ctx: ServiceContext }): Promise<number> {
  const now = ctx.now();
  const rows = await ctx.db.transaction((tx) =>
    tx.update(outboundMessages).set({ state: 'pending', dueAt: now, leaseOwner: null, leaseUntil: null })
      .where(and(eq(outboundMessages.state, 'leased'), lte(outboundMessages.leaseUntil, now)))
      .returning({ id: outboundMessages.id }),
  );
  return rows.length;
}
