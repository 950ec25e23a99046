import { randomUUID } from 'node:crypto';
import type { SmsMessage } from '../../../db/schema';
import type { ServiceContext } from '../context';
import {
  budgetExhausted, claimDue, expireLeases, knownSids, markCancelled, markDeferred, markFailed, markRetry, markSubmitted,
  markUnknown, quietUntil, resolveUnknown, stillWanted, unknownMessages,
} from './outbox';
import { pruneHits } from './rate-limits';
import { pruneSessions } from '../accounts/sessions';
import { recordCarrierOptOut } from './status-callback';
import type { SmsTransport } from './transport';
import { HOUR_MS } from '../zoned-time';

export interface WorkerOptions {
  ctx: ServiceContext;
  transport: SmsTransport;
  /** texts per UTC day across every process (default: the context's SMS_DAILY_BUDGET) */
  dailyBudget?: number;
  /** how many texts one claim takes, and how many are in flight at once */
  batch?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** an unknown text with no trace at the provider after this long is sent again */
  reconcileGraceMs?: number;
  idleMs?: number;
  log?: (line: string) => void;
}

const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 10 * 60_000;

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffMs(attempt: number, random = Math.random): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return cap / 2 + random() * (cap / 2);
}

/**
 * The outbox worker of one server process: claims due texts with a lease, sends them, records the
 * outcome. Leases and every decision live in the database, so any number of processes can run it.
 */
export function outboxWorker(o: WorkerOptions) {
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const { ctx } = o;
  const now = ctx.now;
  const dailyBudget = o.dailyBudget ?? ctx.sms.dailyBudget;
  const batch = o.batch ?? 20;
  const leaseMs = o.leaseMs ?? 60_000;
  const maxAttempts = o.maxAttempts ?? 6;
  const graceMs = o.reconcileGraceMs ?? 120_000;
  const log = o.log ?? ((line) => console.error(line));
  let alertedDay = '';

  async function deliver(msg: SmsMessage): Promise<void> {
    const held = { msg, owner };
    if (!(await stillWanted({ ctx, input: msg }))) return void (await markCancelled({ ctx, input: held }));
    const later = await quietUntil({ ctx, input: msg });
    if (later) return void (await markDeferred({ ctx, input: { ...held, dueAt: later } }));
    // A process that stalled past its lease must not send: another one may be reconciling it.
    if (msg.leaseUntil && now() >= msg.leaseUntil) return;
    const outcome = await o.transport.send({
      messageId: msg.id, to: msg.toPhone, body: msg.body, statusCallback: `${ctx.baseUrl}/api/twilio/status?m=${msg.id}`,
    });
    switch (outcome.kind) {
      case 'sent':
        return void (await markSubmitted({ ctx, input: { ...held, sid: outcome.sid, status: outcome.status } }));
      case 'retry': {
        if (msg.attempts >= maxAttempts) return void (await markFailed({ ctx, input: { ...held, error: outcome } }));
        const dueAt = new Date(now().getTime() + Math.max(outcome.retryAfterMs ?? 0, backoffMs(msg.attempts)));
        return void (await markRetry({ ctx, input: { ...held, dueAt, error: outcome } }));
      }
      case 'failed':
        await markFailed({ ctx, input: { ...held, error: outcome } });
        if (outcome.optedOut) await ctx.db.transaction((tx) => recordCarrierOptOut(tx, msg.toPhone, now()));
        return;
      case 'unknown':
        return void (await markUnknown({ ctx, input: { ...held, message: outcome.message } }));
    }
  }

  /** One pass: claim and send a batch. Returns how many texts it handled. */
  async function runOnce(): Promise<number> {
    const at = now();
    const claimed = await claimDue({ ctx, input: { owner, limit: batch, leaseMs, dailyBudget } });
    await Promise.all(claimed.map((m) => deliver(m).catch((e) => log(`outbox: text ${m.id} not settled: ${(e as Error).message}`))));
    if (claimed.length < batch && (await budgetExhausted({ ctx, input: { dailyBudget } }))) {
      const day = at.toISOString().slice(0, 10);
      if (alertedDay !== day) log(`ALERT: daily SMS budget of ${dailyBudget} reached on ${day}; sending is paused until midnight UTC`);
      alertedDay = day;
    }
    return claimed.length;
  }

  /** Expired leases become unknown; unknown texts are looked up at the provider before any resend. */
  async function reconcile(): Promise<void> {
    const at = now();
    await expireLeases({ ctx });
    for (const msg of await unknownMessages({ ctx, input: { limit: 50 } })) {
      try {
        const skipSids = await knownSids({ ctx, input: { phone: msg.toPhone } });
        const found = await o.transport.lookup({ sid: msg.providerSid, to: msg.toPhone, body: msg.body, sentAfter: msg.leasedAt ?? msg.createdAt, skipSids });
        if (found === 'unavailable') continue;
        // Not found yet: it may still be arriving at the provider, so give it time before resending.
        if (!found && at.getTime() - (msg.leasedAt ?? msg.createdAt).getTime() < graceMs) continue;
        await resolveUnknown({ ctx, input: { msg, found } });
      } catch (e) {
        log(`outbox: could not reconcile text ${msg.id}: ${(e as Error).message}`);
      }
    }
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let lastReconcile = 0;
  let lastPrune = 0;

  async function loop(): Promise<void> {
    if (stopped) return;
    let handled = 0;
    try {
      const t = now().getTime();
      if (t - lastReconcile > 5_000) [lastReconcile] = [t, await reconcile()];
      // hourly housekeeping: old abuse-limit hits, and seller sessions past their end
      if (t - lastPrune > HOUR_MS) [lastPrune] = [t, await pruneHits({ ctx }), await pruneSessions({ ctx })];
      handled = await runOnce();
    } catch (e) {
      log(`outbox: ${(e as Error).message}`);
    }
    if (!stopped) timer = setTimeout(() => void (running = loop()), handled >= batch ? 0 : (o.idleMs ?? 500));
  }

  return {
    owner,
    runOnce,
    reconcile,
    start() {
      stopped = false;
      running = loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
