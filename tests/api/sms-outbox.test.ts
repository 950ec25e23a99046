import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { smsOptOuts } from '../../db/schema';
import { twilioTransport } from '../../src/server/sms/twilio-transport';
import { outboxWorker, type WorkerOptions } from '../../src/domain/sms/worker';
import { newSeller, startHarness, type Harness } from '../support/harness';
import { waitFor } from '../support/ports';
import { optInPhone, outbox, placeOrder, replyYes, scan, subscription } from '../support/outbox-fixtures';
import { twilioPost } from '../support/sms-api';
import { startTwilioSink, twilioEnv, type TwilioSink } from '../support/twilio-sink';

// The outbox worker of one process with the real twilio transport, against our Twilio sink, on a
// real database file; the clock is the harness's, so backoff, leases and quiet hours are exact.

let sink: TwilioSink;
beforeAll(async () => void (sink = await startTwilioSink()));
afterAll(() => sink?.stop());

let h: Harness;
let logs: string[];
let sellerId: number;
beforeEach(async () => {
  sink.clear();
  h = await startHarness(twilioEnv(sink.baseUrl));
  sink.now = () => h.clock.now;
  logs = [];
  sellerId = (await newSeller(h)).sellerId;
});
afterEach(() => h.close());

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const advance = (ms: number) => void (h.clock.now = new Date(h.clock.now.getTime() + ms));

function worker(o: Partial<WorkerOptions> = {}) {
  return outboxWorker({
    ctx: h.ctx, transport: twilioTransport(h.config.sms), dailyBudget: 1_000,
    log: (line) => logs.push(line), ...o,
  });
}

/** An order whose customer opted in and replied YES; the "reply YES" text has gone out. */
async function subscribedOrder(w: ReturnType<typeof worker>, orderNumber = 'SO-1001', phone = '+12485550100') {
  const orderId = await placeOrder(h, sellerId, orderNumber);
  await optInPhone(h, orderId, phone);
  await w.runOnce();
  await replyYes(h, phone);
  sink.clear();
  return orderId;
}

const only = async () => {
  const rows = (await outbox(h)).filter((m) => m.kind !== 'confirmed');
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

describe('sending', () => {
  it('sends each due text once and records it submitted with Twilio’s sid', async () => {
    const w = worker();
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-2'), '+12485550102');

    expect(await w.runOnce()).toBe(2);
    advance(60 * MINUTE);
    await w.reconcile();
    expect(await w.runOnce()).toBe(0);

    const rows = await outbox(h);
    expect(sink.sends.map((s) => s.messageId).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const row of rows) {
      const sent = sink.sends.find((s) => s.messageId === row.id)!;
      expect(row).toMatchObject({ state: 'submitted', providerSid: sent.sid, providerStatus: 'queued', attempts: 1 });
      expect([sent.to, sent.body]).toEqual([row.toPhone, row.body]);
    }
  });

  it('tries again after a 500, after a backoff, and sends once', async () => {
    const w = worker();
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    sink.failNext({ kind: 'status', status: 500 });

    await w.runOnce();
    const waiting = await only();
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1, errorCode: '20500' });
    const delay = waiting.dueAt.getTime() - h.clock.now.getTime();
    expect(delay).toBeGreaterThanOrEqual(1 * SECOND);
    expect(delay).toBeLessThanOrEqual(2 * SECOND);

    expect(await w.runOnce()).toBe(0); // not before the backoff
    advance(delay);
    expect(await w.runOnce()).toBe(1);
    expect(await only()).toMatchObject({ state: 'submitted', attempts: 2, providerSid: sink.sends[0]!.sid });
    expect(sink.createAttempts).toHaveLength(2);
    expect(sink.sends).toHaveLength(1);
  });

  it('backs off longer each time and marks the text failed after the last attempt', async () => {
    const w = worker({ maxAttempts: 3 });
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    sink.failWhen(() => ({ kind: 'status', status: 503 }));

    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await w.runOnce();
      const row = await only();
      if (row.state === 'pending') delays.push(row.dueAt.getTime() - h.clock.now.getTime());
      advance(10 * MINUTE);
    }
    expect(sink.createAttempts).toHaveLength(3);
    expect(await only()).toMatchObject({ state: 'failed', attempts: 3, errorCode: '20500' });
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeLessThanOrEqual(2 * SECOND);
    expect(delays[1]).toBeGreaterThanOrEqual(2 * SECOND);
  });

  it('waits out a 429 and sends the text afterwards', async () => {
    const w = worker();
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    sink.failNext({ kind: 'rate-limit', retryAfterSeconds: 1 });
    await w.runOnce();
    expect(await only()).toMatchObject({ state: 'pending', errorCode: '20429' });
    advance(10 * MINUTE);
    await w.runOnce();
    expect(await only()).toMatchObject({ state: 'submitted' });
    expect(sink.sends).toHaveLength(1);
  });
});

describe('refusals', () => {
  it('stops texting a number Twilio reports unsubscribed (21610) and records the opt-out', async () => {
    const w = worker();
    const orderId = await subscribedOrder(w);
    await scan(h, orderId, 'shipped', h.clock.now);
    sink.failNext({ kind: 'refuse', code: 21610 });

    await w.runOnce();
    const shipped = (await outbox(h)).find((m) => m.kind === 'shipped')!;
    expect(shipped).toMatchObject({ state: 'failed', errorCode: '21610' });
    expect(await h.database.db.select().from(smsOptOuts).where(eq(smsOptOuts.phone, '+12485550100'))).toEqual([
      { phone: '+12485550100', at: h.clock.now, source: 'carrier' },
    ]);
    expect(await subscription(h, orderId)).toMatchObject({ status: 'stopped', endReason: 'carrier_opt_out' });

    advance(MINUTE);
    await scan(h, orderId, 'out_for_delivery', h.clock.now);
    advance(60 * MINUTE);
    await w.runOnce();
    expect(sink.createAttempts).toHaveLength(1); // nothing more went to that number
  });

  it.each([21211, 21408])('gives up on error %i at once, without opting the number out', async (code) => {
    const w = worker();
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    sink.failNext({ kind: 'refuse', code });
    await w.runOnce();
    advance(60 * MINUTE);
    await w.runOnce();
    expect(await only()).toMatchObject({ state: 'failed', attempts: 1, errorCode: String(code) });
    expect(sink.createAttempts).toHaveLength(1);
    expect(await h.database.db.select().from(smsOptOuts)).toEqual([]);
  });
});

describe('lost answers', () => {
  it('does not resend a text whose answer was lost while Twilio has it', async () => {
    const w = worker();
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    sink.failNext({ kind: 'reset', record: true });

    await w.runOnce();
    expect(await only()).toMatchObject({ state: 'unknown' });
    expect(await w.runOnce()).toBe(0);
    advance(10 * SECOND);
    await w.reconcile();
    advance(10 * MINUTE);
    await w.reconcile();
    expect(await w.runOnce()).toBe(0);

    expect(sink.sends).toHaveLength(1);
    expect(await only()).toMatchObject({ state: 'submitted', providerSid: sink.sends[0]!.sid });
  });

  it('sends a lost text again only after Twilio has had no trace of it for the grace period', async () => {
    const w = worker({ reconcileGraceMs: 2 * MINUTE });
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    sink.failNext({ kind: 'reset', record: false });

    await w.runOnce();
    advance(MINUTE);
    await w.reconcile();
    expect(await w.runOnce()).toBe(0);
    expect(await only()).toMatchObject({ state: 'unknown' });

    advance(MINUTE + SECOND);
    await w.reconcile();
    expect(await w.runOnce()).toBe(1);
    expect(sink.createAttempts).toHaveLength(2);
    expect(sink.sends).toHaveLength(1);
    expect(await only()).toMatchObject({ state: 'submitted', attempts: 2, providerSid: sink.sends[0]!.sid });
  });

  it('keeps a lost text waiting while Twilio cannot be asked about it', async () => {
    const w = worker({ reconcileGraceMs: 2 * MINUTE });
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    sink.failNext({ kind: 'reset', record: false });
    sink.failWhen((r) => (r.route === 'list' ? { kind: 'status', status: 503 } : undefined));

    await w.runOnce();
    advance(30 * MINUTE);
    await w.reconcile();
    expect(await w.runOnce()).toBe(0);
    expect(await only()).toMatchObject({ state: 'unknown' });

    sink.failWhen(null);
    await w.reconcile();
    expect(await w.runOnce()).toBe(1);
    expect(sink.sends).toHaveLength(1);
  });

  it('settles a lost text from Twilio’s status callback, and never resends it', async () => {
    const w = worker({ reconcileGraceMs: 2 * MINUTE });
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    sink.failNext({ kind: 'reset', record: true });
    sink.failWhen((r) => (r.route === 'create' ? undefined : { kind: 'status', status: 503 })); // lookups fail

    await w.runOnce();
    advance(10 * MINUTE);
    await w.reconcile();
    const lost = await only();
    expect(lost.state).toBe('unknown');

    const callback = await twilioPost(h, `/api/twilio/status?m=${lost.id}`, { MessageSid: sink.sends[0]!.sid, MessageStatus: 'delivered' }, { authToken: h.config.sms.authToken });
    expect(callback.status).toBe(204);
    expect(await only()).toMatchObject({ state: 'submitted', providerSid: sink.sends[0]!.sid, providerStatus: 'delivered' });

    sink.failWhen(null);
    advance(10 * MINUTE);
    await w.reconcile();
    expect(await w.runOnce()).toBe(0);
    expect(sink.createAttempts).toHaveLength(1);
  });
  it('finds a lost text still waiting in Twilio’s queue (no date_sent yet) instead of sending it twice', async () => {
    const w = worker({ reconcileGraceMs: 2 * MINUTE });
    sink.queuedMs = 30 * MINUTE;
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    sink.failNext({ kind: 'reset', record: true });

    await w.runOnce();
    advance(10 * MINUTE);
    await w.reconcile();
    expect(await w.runOnce()).toBe(0);
    expect(sink.sends).toHaveLength(1);
    expect(await only()).toMatchObject({ state: 'submitted', providerSid: sink.sends[0]!.sid });
  });

  it('does not mistake an identical twin text for the lost one, and keeps reconciling the rest', async () => {
    const w = worker({ reconcileGraceMs: 2 * MINUTE });
    const orderId = await subscribedOrder(w);
    // Two packages out for delivery at once: two texts with the same words to one number.
    await h.database.client.execute({
      sql: `INSERT INTO sms_messages (subscription_id, kind, to_phone, body, segments, state, due_at, created_at, updated_at)
            SELECT id, 'out_for_delivery', phone, 'Acme: out for delivery', 1, 'pending', ?, ?, ? FROM sms_subscriptions WHERE order_id = ?`,
      args: [h.clock.now.getTime(), h.clock.now.getTime(), h.clock.now.getTime(), orderId],
    });
    await h.database.client.execute({
      sql: `INSERT INTO sms_messages (subscription_id, kind, to_phone, body, segments, state, due_at, created_at, updated_at)
            SELECT id, 'out_for_delivery_2', phone, 'Acme: out for delivery', 1, 'pending', ?, ?, ? FROM sms_subscriptions WHERE order_id = ?`,
      args: [h.clock.now.getTime(), h.clock.now.getTime(), h.clock.now.getTime(), orderId],
    });
    await w.runOnce(); // the first twin goes out and is recorded
    sink.failNext({ kind: 'reset', record: false }); // the second's request never reaches Twilio
    await w.runOnce();
    advance(3 * MINUTE);
    await w.reconcile();
    expect(logs.filter((l) => l.includes('could not reconcile'))).toEqual([]);
    expect(await w.runOnce()).toBe(1);
    const twins = (await outbox(h)).filter((m) => m.body === 'Acme: out for delivery');
    expect(twins.map((m) => m.state)).toEqual(['submitted', 'submitted']);
    expect(new Set(twins.map((m) => m.providerSid)).size).toBe(2);
    expect(sink.sends.filter((s) => s.body === 'Acme: out for delivery')).toHaveLength(2);
  });
});

describe('leases', () => {
  async function hangingSendByA() {
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    const a = worker({ leaseMs: 30 * SECOND });
    const b = worker({ leaseMs: 30 * SECOND });
    sink.failNext({ kind: 'hang' });
    const aRun = a.runOnce();
    await waitFor('worker A’s send to reach Twilio', () => sink.hungCount === 1);
    return { a, b, aRun };
  }

  it('does not let worker B take a text worker A holds while the lease lasts', async () => {
    const { a, b, aRun } = await hangingSendByA();
    expect(await b.runOnce()).toBe(0);
    advance(29 * SECOND);
    await b.reconcile();
    expect(await b.runOnce()).toBe(0);
    expect(await only()).toMatchObject({ state: 'leased', leaseOwner: a.owner });

    sink.releaseHung();
    expect(await aRun).toBe(1);
    expect(await only()).toMatchObject({ state: 'submitted', providerSid: sink.sends[0]!.sid });
    expect(sink.createAttempts).toHaveLength(1);
  });

  it('looks up, and does not resend, a text whose worker went silent past its lease', async () => {
    const { b, aRun } = await hangingSendByA();
    advance(31 * SECOND);
    await b.reconcile();
    expect(await b.runOnce()).toBe(0);
    expect(await only()).toMatchObject({ state: 'submitted', providerSid: sink.sends[0]!.sid });

    sink.releaseHung(); // A's answer arrives late: the text stays sent once
    await aRun;
    expect(await only()).toMatchObject({ state: 'submitted', providerSid: sink.sends[0]!.sid });
    expect(sink.createAttempts).toHaveLength(1);
  });
});

describe('a worker that stalled past its own lease', () => {
  /** The worker's clock: its pass and its claim read now (two readings); every later reading is `ms` on, a stall. */
  const clockThatJumps = (ms: number) => {
    let readings = 0;
    return () => (++readings <= 2 ? h.clock.now : new Date(h.clock.now.getTime() + ms));
  };

  it.each([['31 s', 31 * SECOND], ['exactly 30 s (the lease ends at that instant)', 30 * SECOND]])('does not send after a stall of %s: the lease lapsed between its claim and its send, so another worker may own the text', async (_what, stall) => {
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    const stalled = { ...h.ctx, now: clockThatJumps(stall) };
    expect(await worker({ ctx: stalled, leaseMs: 30 * SECOND }).runOnce()).toBe(1);
    expect(sink.createAttempts).toHaveLength(0);
    expect(await only()).toMatchObject({ state: 'leased' });
  });

  it('a worker whose lease still holds, one millisecond before it ends, sends', async () => {
    await optInPhone(h, await placeOrder(h, sellerId, 'SO-1'), '+12485550101');
    const late = { ...h.ctx, now: clockThatJumps(30 * SECOND - 1) };
    expect(await worker({ ctx: late, leaseMs: 30 * SECOND }).runOnce()).toBe(1);
    expect(sink.createAttempts).toHaveLength(1);
  });
});

describe('order, quiet hours and budget', () => {
  it('sends a subscription’s texts in order: a first text waiting to be retried holds back the second', async () => {
    const w = worker();
    const orderId = await subscribedOrder(w);
    await scan(h, orderId, 'shipped', new Date(h.clock.now.getTime() - 2 * MINUTE));
    await scan(h, orderId, 'out_for_delivery', new Date(h.clock.now.getTime() - MINUTE));
    const [shipped, outForDelivery] = (await outbox(h)).filter((m) => m.eventId != null);
    sink.failNext({ kind: 'status', status: 500 });

    expect(await w.runOnce()).toBe(1);
    expect(await w.runOnce()).toBe(0);
    advance(2 * SECOND);
    expect(await w.runOnce()).toBe(1);
    expect(await w.runOnce()).toBe(1);

    expect(sink.createAttempts.map((a) => a.messageId)).toEqual([shipped!.id, shipped!.id, outForDelivery!.id]);
    expect(sink.sends.map((s) => s.messageId)).toEqual([shipped!.id, outForDelivery!.id]);
  });

  it('holds news due in the customer’s quiet hours until 8 AM their time', async () => {
    const w = worker();
    h.clock.now = new Date('2026-11-28T02:30:00Z'); // 9:30 PM in Detroit
    const orderId = await subscribedOrder(w);
    await scan(h, orderId, 'shipped', new Date('2026-11-28T02:25:00Z'));

    expect(await w.runOnce()).toBe(0);
    h.clock.now = new Date('2026-11-28T12:59:59Z');
    expect(await w.runOnce()).toBe(0);
    h.clock.now = new Date('2026-11-28T13:00:00Z'); // 8:00 AM EST
    expect(await w.runOnce()).toBe(1);
    expect(sink.sends.map((s) => s.dateCreated.toISOString())).toEqual(['2026-11-28T13:00:00.000Z']);
  });

  it('does not send a retry that falls due in quiet hours: it waits for 8 AM', async () => {
    const w = worker();
    h.clock.now = new Date('2026-11-28T00:58:00Z'); // 7:58 PM in Detroit
    const orderId = await subscribedOrder(w);
    await scan(h, orderId, 'shipped', new Date('2026-11-28T00:57:00Z'));
    sink.failNext({ kind: 'status', status: 500 });
    expect(await w.runOnce()).toBe(1); // 7:58 PM: refused by a 500, retried after a backoff
    h.clock.now = new Date('2026-11-28T01:00:30Z'); // 8:00:30 PM: the retry is due, but quiet hours began
    await w.runOnce();
    expect(sink.sends).toHaveLength(0);
    h.clock.now = new Date('2026-11-28T13:00:00Z'); // 8:00 AM
    expect(await w.runOnce()).toBe(1);
    expect(sink.sends.map((s) => s.dateCreated.toISOString())).toEqual(['2026-11-28T13:00:00.000Z']);
  });

  it('stops at the daily budget across workers, alerts once, and goes on the next UTC day', async () => {
    const a = worker({ dailyBudget: 3 });
    const b = worker({ dailyBudget: 3, log: () => undefined }); // another process: its own log
    for (let i = 1; i <= 5; i++) await optInPhone(h, await placeOrder(h, sellerId, `SO-${i}`), `+1248555010${i}`);

    expect(await a.runOnce()).toBe(3);
    expect(await b.runOnce()).toBe(0);
    advance(MINUTE);
    expect(await a.runOnce()).toBe(0);
    expect(sink.sends).toHaveLength(3);
    expect(logs.filter((l) => l.startsWith('ALERT'))).toEqual([expect.stringContaining('daily SMS budget of 3 reached on 2026-11-27')]);

    h.clock.now = new Date('2026-11-28T00:00:01Z');
    expect(await a.runOnce()).toBe(2);
    expect(sink.sends).toHaveLength(5);
  });
});

describe('the feedback request', () => {
  it('is not sent the morning after delivery if the customer already gave feedback on the page', async () => {
    const w = worker();
    const orderId = await subscribedOrder(w);
    await scan(h, orderId, 'delivered', new Date(h.clock.now.getTime() - MINUTE));
    await w.runOnce(); // the "delivered" text
    const request = (await outbox(h)).find((m) => m.kind === 'feedback_request')!;
    expect(request.state).toBe('pending');
    await h.database.client.execute({
      sql: "INSERT INTO feedback (order_id, seller_id, rating, language, created_at, updated_at) VALUES (?, ?, 5, 'en', ?, ?)",
      args: [orderId, sellerId, h.clock.now.getTime(), h.clock.now.getTime()],
    });
    h.clock.now = new Date(request.dueAt.getTime() + MINUTE);
    await w.runOnce();
    expect((await outbox(h)).find((m) => m.id === request.id)!.state).toBe('cancelled');
    expect(sink.sends.filter((s) => s.messageId === request.id)).toHaveLength(0);
  });
});
