import { randomUUID } from 'node:crypto';
import type { OutboundMessage } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { pruneOrderContacts } from './klaviyo-queue';
import { queueStalledOrders } from './stalled';
import { claimOutbound, markAttemptFailed, markCancelled, markDelivered, markParked, releaseLapsedLeases } from './store';

// The outbound worker of one server process: keeps up to `concurrency` sends in flight, claiming
// due messages under a lease as slots free up. Leases and outcomes live in the database, so any
// number of processes can run it; a message is settled delivered once and never sent again.

/** One attempt's outcome, from the sender of the message's kind. */
export type SendOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; message: string; retryAfterMs?: number; permanent?: boolean }
  | { ok: 'gone' }
  /** its endpoint is disabled: it waits until the seller turns it back on */
  | { ok: 'parked' };

export type Sender = (msg: OutboundMessage) => Promise<SendOutcome>;

export interface OutboundWorkerOptions {
  ctx: ServiceContext;
  senders: Record<OutboundMessage['kind'], Sender>;
  concurrency?: number;
  /** sends to one target in flight at once (per process) */
  perTarget?: number;
  /** the same for an endpoint in a run of failures (a hanging receiver holds this many slots at most) */
  perFailingTarget?: number;
  leaseMs?: number;
  idleMs?: number;
  /** the wait before the next attempt after `attempt` failed ones */
  backoff?: (attempt: number) => number;
  log?: (line: string) => void;
}

// Standard Webhooks' suggested schedule, within a day: 5 s, 5 min, 30 min, 2 h, 5 h, then every 8 h.
const STALLED_SCAN_MS = 10 * 60_000;

const SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 28_800_000];

/** The schedule with ±20% jitter, so retries to a receiver that came back do not arrive together. */
export function retryDelayMs(attempt: number, random = Math.random): number {
  const base = SCHEDULE_MS[Math.min(Math.max(attempt, 1), SCHEDULE_MS.length) - 1]!;
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function outboundWorker(o: OutboundWorkerOptions) {
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const { ctx } = o;
  const concurrency = o.concurrency ?? 128;
  const perTarget = o.perTarget ?? 32;
  const perFailingTarget = Math.min(perTarget, o.perFailingTarget ?? 4);
  // longer than any send can take (the timeout, plus the settling): a live send never loses its lease
  const leaseMs = o.leaseMs ?? 60_000;
  const backoff = o.backoff ?? retryDelayMs;
  const log = o.log ?? ((line) => console.error(line));
  const inFlight = new Map<string, number>();
  let active = 0;

  async function deliver(msg: OutboundMessage): Promise<void> {
    // A process that stalled past its lease must not send: another one may have taken it.
    if (msg.leaseUntil && ctx.now() >= msg.leaseUntil) return;
    const outcome = await o.senders[msg.kind](msg).catch((e: unknown): SendOutcome => ({ ok: false, status: null, message: (e as Error).message }));
    if (outcome.ok === 'gone') return markCancelled({ ctx, input: { msg, owner } });
    if (outcome.ok === 'parked') return markParked({ ctx, input: { msg, owner } });
    if (outcome.ok) {
      if (!(await markDelivered({ ctx, input: { msg, owner, status: outcome.status } }))) log(`outbound: message ${msg.id} was delivered but had been settled meanwhile (lease lost?)`);
      return;
    }
    const retryAt = new Date(ctx.now().getTime() + Math.max(outcome.retryAfterMs ?? 0, backoff(msg.attempts)));
    const { disabled } = await markAttemptFailed({ ctx, input: { msg, owner, status: outcome.status, error: outcome.message, retryAt, permanent: outcome.permanent } });
    if (disabled) log(`outbound: endpoint ${msg.targetId} failed for a day and was disabled`);
  }

  function start(msg: OutboundMessage): Promise<void> {
    active++;
    inFlight.set(msg.targetId, (inFlight.get(msg.targetId) ?? 0) + 1);
    return deliver(msg)
      .catch((e: unknown) => log(`outbound: message ${msg.id} not settled: ${(e as Error).message}`))
      .finally(() => {
        active--;
        const n = (inFlight.get(msg.targetId) ?? 1) - 1;
        if (n > 0) inFlight.set(msg.targetId, n);
        else inFlight.delete(msg.targetId);
        wake();
      });
  }

  /** Claims as many as there are free slots and starts them; how many it started. */
  async function fill(): Promise<number> {
    const free = concurrency - active;
    if (free <= 0) return 0;
    const claimed = await claimOutbound({ ctx, input: { owner, limit: free, leaseMs, perTarget, perFailingTarget, inFlight: Object.fromEntries(inFlight) } });
    for (const msg of claimed) void start(msg);
    return claimed.length;
  }

  /** Claims and sends until nothing is due, then waits for every send (tests and the CLI drain with this). */
  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await fill();
      total += n;
      if (n === 0 && active === 0) return total;
      if (n === 0 || active >= concurrency) await new Promise<void>((r) => waiters.push(r));
    }
  }

  const waiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let filling = false;
  let lastRelease = 0;
  let lastStalledScan = 0;

  function wake(): void {
    for (const w of waiters.splice(0)) w();
    if (!stopped && !filling && active < concurrency / 2) void tick();
  }

  async function tick(): Promise<void> {
    if (stopped || filling) return;
    filling = true;
    if (timer) clearTimeout(timer);
    let started = 0;
    try {
      const t = ctx.now().getTime();
      if (t - lastRelease > 5_000) [lastRelease] = [t, await releaseLapsedLeases({ ctx })];
      if (t - lastStalledScan > STALLED_SCAN_MS) {
        lastStalledScan = t;
        // housekeeping that fails is logged and tried next time; it never holds up deliveries
        await queueStalledOrders({ ctx }).catch((e: unknown) => log(`outbound: stalled orders not looked at: ${(e as Error).message}`));
        await pruneOrderContacts({ ctx }).catch((e: unknown) => log(`outbound: old contacts not pruned: ${(e as Error).message}`));
      }
      started = await fill();
    } catch (e) {
      log(`outbound: ${(e as Error).message}`);
    } finally {
      filling = false;
    }
    if (!stopped) timer = setTimeout(() => void tick(), started > 0 ? 0 : (o.idleMs ?? 500));
  }

  return {
    owner,
    drain,
    start() {
      stopped = false;
      void tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (active > 0) await new Promise<void>((r) => waiters.push(r));
    },
  };
}
