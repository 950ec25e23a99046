import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { ServiceContext } from '../context';
import { smsMessages, smsOptOuts, smsSubscriptions } from '../../../db/schema';
import { nextStatus, type ProviderStatus } from './delivery-status';
import { recordConsent } from './ledger';

const CARRIER_OPT_OUT = '21610';

/**
 * A Twilio status callback for our message `messageId`. Statuses only move forward, so replays
 * and out-of-order callbacks change nothing. A callback for a message whose send outcome we lost
 * settles it: Twilio has it, so it must not be sent again.
 */
export async function applyStatusCallback({ ctx, input: cb }: {
  ctx: ServiceContext;
  input: { messageId: number; sid: string; status: string; errorCode: string | null };
}): Promise<'updated' | 'ignored'> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [msg] = await tx.select().from(smsMessages).where(eq(smsMessages.id, cb.messageId)).limit(1);
    if (!msg || (msg.providerSid && msg.providerSid !== cb.sid)) return 'ignored';
    const status = nextStatus(msg.providerStatus as ProviderStatus | null, cb.status);
    // Any genuine callback means Twilio has the text: whatever we thought, it must not go again.
    const settles = msg.state === 'leased' || msg.state === 'unknown' || msg.state === 'pending';
    if (!status && !settles) return 'ignored';
    await tx
      .update(smsMessages)
      .set({
        providerSid: cb.sid,
        ...(status ? { providerStatus: status } : {}),
        ...(settles ? { state: 'submitted' as const, submittedAt: msg.submittedAt ?? now } : {}),
        ...(cb.errorCode ? { errorCode: cb.errorCode } : {}),
        updatedAt: now,
      })
      .where(eq(smsMessages.id, msg.id));
    if (cb.errorCode === CARRIER_OPT_OUT) await recordCarrierOptOut(tx, msg.toPhone, now);
    return 'updated';
  });
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Twilio 21610: the handset has opted out at the carrier. No more texts to it, from anyone. */
export async function recordCarrierOptOut(tx: Tx, phone: string, now: Date): Promise<void> {
  const added = await tx.insert(smsOptOuts).values({ phone, at: now, source: 'carrier' }).onConflictDoNothing().returning();
  if (!added.length) return;
  const live = await tx
    .update(smsSubscriptions)
    .set({ status: 'stopped', endedAt: now, endReason: 'carrier_opt_out' })
    .where(and(eq(smsSubscriptions.phone, phone), inArray(smsSubscriptions.status, ['pending', 'active'])))
    .returning();
  await tx.update(smsMessages).set({ state: 'cancelled', updatedAt: now }).where(and(eq(smsMessages.toPhone, phone), eq(smsMessages.state, 'pending')));
  for (const s of live.length ? live : [null]) {
    await recordConsent(tx, {
      at: now, event: 'stop', source: 'carrier', phone, sellerId: s?.sellerId ?? null, orderId: s?.orderId ?? null, subscriptionId: s?.id ?? null,
    });
  }
}
