import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { integrations, linkWritebacks } from '../../../db/schema';
import { forSeller, type SellerContext, type ServiceContext } from '../context';
import { currentTrackingUrl } from '../links';
import type { Tx } from '../sms/rate-limits';
import { openIntegration } from './connect';
import { setTrackingLink, type WriteOutcome } from './shopify-admin';
import type { StoreShipment } from './types';

// The Porchlight tracking link written back into the seller's Shopify fulfillments (when the seller
// turned it on), so Shopify's order status page and its later shipping emails carry it. Queued in
// the transaction that stores the fulfillment, sent by every server's worker under a lease (a
// claimed row is one process's until its lease lapses), retried with backoff for a day. Trade-offs:
// shopify.md.

const LEASE_MS = 60_000;
const GIVE_UP_MS = 24 * 3_600_000;
const MAX_WRITES = 3;
const BATCH = 20;

/** What a Shopify connector's settings (JSON) say of the write-back: whether to, and which shop. */
const shopSettings = (settings: string) => {
  const s = JSON.parse(settings) as { writeBack?: unknown; shopDomain?: unknown };
  return { writeBack: s.writeBack === true, shopDomain: String(s.shopDomain ?? '') };
};

/** Whether the connector's settings ask for the write-back. */
export const writesBack = (settings: string): boolean => shopSettings(settings).writeBack;

/**
 * Queues (or re-arms) the write-back of a shipment's link, in the caller's transaction. A shipment
 * already carrying Porchlight links (the store echoing our own write) adds nothing; one whose link
 * the store replaced is written again, at most MAX_WRITES times in all.
 */
export async function queueWriteBack(tx: Tx, ctx: SellerContext, input: { integrationId: string; orderId: number; shipment: StoreShipment; now: Date }): Promise<void> {
  const { shipment, now } = input;
  if (shipment.urls.length && shipment.urls.every((u) => u.startsWith(`${ctx.baseUrl}/t/`))) return;
  const tracking = JSON.stringify({ numbers: shipment.trackingNumbers.slice(0, 20), carrier: shipment.carrier });
  await tx
    .insert(linkWritebacks)
    .values({ integrationId: input.integrationId, sellerId: ctx.sellerId, orderId: input.orderId, shipmentId: shipment.id, tracking, nextAttemptAt: now, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [linkWritebacks.integrationId, linkWritebacks.shipmentId],
      set: { state: 'pending', tracking, attempts: 0, nextAttemptAt: now, lastError: null, createdAt: now, updatedAt: now },
      setWhere: sql`${linkWritebacks.writes} < ${MAX_WRITES}`,
    });
}

export interface WriteBackRound { written: number; retrying: number; failed: number }

/** Claims the due write-backs (any seller's) for `owner` and sends each; what happened, counted. */
export async function writeBackLinks({ ctx, input }: { ctx: ServiceContext; input: { owner: string; adminBaseUrl: string | null } }): Promise<WriteBackRound> {
  const now = ctx.now();
  const round: WriteBackRound = { written: 0, retrying: 0, failed: 0 };
  const dueIds = (q: Pick<Tx, 'select'>) => q.select({ id: linkWritebacks.id }).from(linkWritebacks)
    .where(and(eq(linkWritebacks.state, 'pending'), lte(linkWritebacks.nextAttemptAt, now), or(isNull(linkWritebacks.leaseExpiresAt), lte(linkWritebacks.leaseExpiresAt, now))))
    .orderBy(linkWritebacks.nextAttemptAt)
    .limit(BATCH);
  // a read first: an idle round (the usual one, every 15 s in every process) takes no write lock
  if (!(await dueIds(ctx.db)).length) return round;
  const claimed = await ctx.db.transaction(async (tx) => {
    const due = await dueIds(tx);
    if (!due.length) return [];
    const ids = due.map((r) => r.id);
    await tx.update(linkWritebacks).set({ leaseOwner: input.owner, leaseExpiresAt: new Date(now.getTime() + LEASE_MS) }).where(inArray(linkWritebacks.id, ids));
    return tx.select({ task: linkWritebacks, connector: integrations }).from(linkWritebacks)
      .innerJoin(integrations, eq(integrations.id, linkWritebacks.integrationId))
      .where(inArray(linkWritebacks.id, ids));
  });
  for (const { task, connector } of claimed) {
    const outcome = await send(ctx, task, connector, input.adminBaseUrl);
    const settled = await settle(ctx, task, input.owner, outcome, ctx.now());
    if (settled === 'done') round.written++;
    else if (settled === 'pending') round.retrying++;
    else if (settled === 'failed') round.failed++;
  }
  return round;
}

type Task = typeof linkWritebacks.$inferSelect;

async function send(ctx: ServiceContext, task: Task, connector: typeof integrations.$inferSelect, adminBaseUrl: string | null): Promise<WriteOutcome> {
  const open = openIntegration(ctx.secrets.appSecret, connector);
  const { writeBack, shopDomain } = shopSettings(connector.settings);
  if (!open || !writeBack) return { ok: false, retry: false, message: 'the Shopify connector or its write-back was switched off first' };
  const url = await currentTrackingUrl(forSeller(ctx, task.sellerId), task.orderId);
  if (!url) return { ok: false, retry: false, message: 'the order’s tracking link was revoked' };
  const tracking = JSON.parse(task.tracking) as { numbers: string[]; carrier: string | null };
  try {
    return await setTrackingLink({ shopDomain, accessToken: open.credentials.accessToken ?? '', fulfillmentId: task.shipmentId, numbers: tracking.numbers, company: tracking.carrier, url }, adminBaseUrl);
  } catch (e) {
    return { ok: false, retry: true, message: (e instanceof Error ? e.message : String(e)).slice(0, 200) };
  }
}

/** Records a send's outcome, if this owner still holds the task's lease: done, later (backoff) or failed. */
async function settle(ctx: ServiceContext, task: Task, owner: string, outcome: WriteOutcome, now: Date): Promise<Task['state'] | null> {
  const attempts = task.attempts + 1;
  const lapsed = now.getTime() - task.createdAt.getTime() >= GIVE_UP_MS;
  const state: Task['state'] = outcome.ok ? 'done' : outcome.retry && !lapsed ? 'pending' : 'failed';
  const wait = outcome.ok ? 0 : Math.max(backoffMs(attempts), outcome.retryAfterMs ?? 0);
  return ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(linkWritebacks)
      .set({
        state, attempts, updatedAt: now, leaseOwner: null, leaseExpiresAt: null,
        nextAttemptAt: new Date(now.getTime() + wait),
        lastError: outcome.ok ? null : outcome.message.slice(0, 300),
        ...(outcome.ok ? { writes: sql`${linkWritebacks.writes} + 1` } : {}),
      })
      .where(and(eq(linkWritebacks.id, task.id), eq(linkWritebacks.leaseOwner, owner)))
      .returning({ id: linkWritebacks.id });
    if (!done.length) return null; // the lease lapsed and another process has it
    // a write-back given up on is the connector's last problem, in plain words on the Integrations page
    if (state === 'failed' && !outcome.ok) {
      await tx.update(integrations).set({ lastError: `Tracking link not written back to Shopify: ${outcome.message}`.slice(0, 500), lastErrorAt: now })
        .where(eq(integrations.id, task.integrationId));
    }
    return state;
  });
}

/** 30 s, doubling to an hour, jittered by ±20% so many shops do not retry in step. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1)) * (0.8 + Math.random() * 0.4);
}
