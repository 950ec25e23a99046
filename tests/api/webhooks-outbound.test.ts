import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { outboundMessages, webhookEndpoints } from '../../db/schema';
import { forSeller } from '../../src/domain/context';
import { deleteWebhookEndpoint, enableWebhookEndpoint } from '../../src/domain/outbound/endpoints';
import { listOutbound, resendOutbound } from '../../src/domain/outbound/messages';
import { queueStalledOrders } from '../../src/domain/outbound/stalled';
import { outboundWorker } from '../../src/domain/outbound/worker';
import { outboundSenders } from '../../src/server/outbound';
import { call, newSeller, sampleOrder, startHarness, tokenOf, type Harness } from '../support/harness';
import { devReply, optIn, PHONE } from '../support/sms-api';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

// Outbound webhooks end to end: registered through the API, queued with the change they report,
// sent by the worker to a real local receiver, verified there with the standardwebhooks library.

let h: Harness;
let key: string;
let receiver: Receiver;
let senders: ReturnType<typeof outboundSenders>;
beforeEach(async () => {
  h = await startHarness({ WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_SECONDS: '1' });
  key = (await newSeller(h)).apiKey;
  receiver = await startReceiver();
  senders = outboundSenders(h.ctx, h.config);
});
afterEach(async () => {
  senders.close();
  await receiver.close();
  await h.close();
});

const worker = () => outboundWorker({ ctx: h.ctx, senders: senders.byKind, log: () => {} });
const drain = () => worker().drain();
const advance = (ms: number) => (h.clock.now = new Date(h.clock.now.getTime() + ms));

async function register(events: string[], url = receiver.url) {
  const res = await call(h, 'POST', '/api/v1/webhook-endpoints', { key, body: { url, events } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; secret: string; url: string; events: string[]; status: string };
}

const ship = (orderNumber = 'SO-1001', type = 'shipped', at = '2026-11-27T14:00:00Z') =>
  call(h, 'POST', `/api/v1/orders/${orderNumber}/events`, { key, body: { type, occurredAt: at, trackingNumber: 'TBA312345678000' } });

const messages = () => h.database.db.select().from(outboundMessages).orderBy(outboundMessages.id);

describe('registering endpoints', () => {
  it('the secret is shown once; the list and delete are the seller’s own', async () => {
    const ep = await register(['order.shipped', 'order.delivered', 'order.shipped']);
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(ep.events).toEqual(['order.shipped', 'order.delivered']);
    expect(ep.status).toBe('enabled');
    const list = await (await call(h, 'GET', '/api/v1/webhook-endpoints', { key })).json();
    expect(list.items).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(ep.secret.slice(6));
    // stored sealed, not in the clear
    const [row] = await h.database.db.select().from(webhookEndpoints);
    expect(JSON.stringify(row)).not.toContain(ep.secret.slice(6));

    const other = (await newSeller(h, 'Other Store')).apiKey;
    expect((await call(h, 'DELETE', `/api/v1/webhook-endpoints/${ep.id}`, { key: other })).status).toBe(404);
    expect((await (await call(h, 'GET', '/api/v1/webhook-endpoints', { key: other })).json()).items).toEqual([]);
    expect((await call(h, 'DELETE', `/api/v1/webhook-endpoints/${ep.id}`, { key })).status).toBe(204);
    expect((await call(h, 'DELETE', `/api/v1/webhook-endpoints/${ep.id}`, { key })).status).toBe(404);
  });

  it('created with an Idempotency-Key, the kept answer holds the secret sealed, and the replay shows it again', async () => {
    const body = { url: receiver.url, events: ['order.shipped'] };
    const headers = { 'idempotency-key': 'ep-1' };
    const first = await (await call(h, 'POST', '/api/v1/webhook-endpoints', { key, body, headers })).json();
    const replay = await call(h, 'POST', '/api/v1/webhook-endpoints', { key, body, headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await replay.json()).secret).toBe(first.secret);
    const kept = await h.database.db.all<{ body: string }>(sql`SELECT body FROM idempotency_keys`);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.body).not.toContain(first.secret.slice(6));
    expect(kept[0]!.body).not.toContain(first.id);
  });

  it('a store has at most 20 endpoints; a deleted one makes room', async () => {
    const made = [];
    for (let i = 0; i < 20; i++) made.push(await register(['order.shipped']));
    const over = await call(h, 'POST', '/api/v1/webhook-endpoints', { key, body: { url: receiver.url, events: ['order.shipped'] } });
    expect(over.status).toBe(422);
    expect((await over.json()).error.message).toContain('at most 20');
    await call(h, 'DELETE', `/api/v1/webhook-endpoints/${made[0]!.id}`, { key });
    await register(['order.shipped']);
  });

  it('refuses unknown events, no events and a URL that is not one', async () => {
    for (const body of [{ url: receiver.url, events: ['order.lost'] }, { url: receiver.url, events: [] }, { url: 'not a url', events: ['order.shipped'] }, { url: 'ftp://x.example/', events: ['order.shipped'] }]) {
      const res = await call(h, 'POST', '/api/v1/webhook-endpoints', { key, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect(await messages()).toEqual([]);
  });
});

describe('deliveries', () => {
  it('a shipped order reaches the endpoint signed, and the receiver verifies it with standardwebhooks', async () => {
    h.clock.now = new Date(); // the receiver checks the signed timestamp against its own clock
    const ep = await register(['order.shipped']);
    const order = await (await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() })).json();
    expect((await ship()).status).toBe(201);
    expect(await drain()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    const verified = new Webhook(ep.secret).verify(got.body, got.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(verified.type).toBe('order.shipped');
    expect(verified.data).toMatchObject({ orderNumber: 'SO-1001', status: { stage: 'shipped', exception: null }, trackingUrl: order.trackingUrl, event: { type: 'shipped', occurredAt: '2026-11-27T14:00:00.000Z' } });
    expect(got.headers['webhook-id']).toMatch(/^msg_/);
    expect(got.headers['webhook-timestamp']).toBe(String(Math.floor(h.clock.now.getTime() / 1000)));
    // another secret does not verify it
    const stranger = new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    expect(() => stranger.verify(got.body, got.headers as Record<string, string>)).toThrow();
    const [msg] = await messages();
    expect(msg).toMatchObject({ state: 'delivered', lastStatus: 200, attempts: 1 });
    // never sent twice
    expect(await drain()).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it('order.shipped when the order first moves to shipped or beyond — not for ready to ship, not again for in transit', async () => {
    await register(['order.shipped']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await call(h, 'POST', '/api/v1/orders', { key, body: { ...sampleOrder('SO-2'), packages: [{ carrier: 'AMZL', trackingNumber: 'TBA399999999999' }] } });
    await ship('SO-1001', 'ready_to_ship', '2026-11-27T12:00:00Z');
    expect(await messages()).toEqual([]);
    await ship('SO-1001', 'shipped', '2026-11-27T13:00:00Z');
    await ship('SO-1001', 'in_transit', '2026-11-27T14:00:00Z');
    // another order seen first in transit: that is the news that it shipped
    await call(h, 'POST', '/api/v1/orders/SO-2/events', { key, body: { type: 'in_transit', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: 'TBA399999999999' } });
    await drain();
    expect(receiver.received.map((r) => JSON.parse(r.body)).map((b) => [b.type, b.data.orderNumber, b.data.status.stage])).toEqual([
      ['order.shipped', 'SO-1001', 'shipped'], ['order.shipped', 'SO-2', 'in_transit'],
    ]);
  });

  it('only the events an endpoint asked for, once per stage; customers’ feedback, reports and opt-outs too', async () => {
    await register(['order.delivered', 'order.exception', 'feedback.created', 'report.created']);
    const order = await (await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() })).json();
    await ship();
    await ship('SO-1001', 'delayed', '2026-11-27T14:10:00Z');
    await ship('SO-1001', 'delivered', '2026-11-27T14:20:00Z');
    await ship('SO-1001', 'out_for_delivery', '2026-11-27T13:00:00Z'); // a late, older scan: no news
    const token = tokenOf(order.trackingUrl);
    expect((await call(h, 'POST', `/api/t/${token}/feedback`, { body: { rating: 2, comment: 'Box crushed' } })).status).toBe(201);
    expect((await call(h, 'POST', `/api/t/${token}/feedback`, { body: { rating: 3 } })).status).toBe(200); // an edit is not new
    expect((await call(h, 'POST', `/api/t/${token}/not-received`, { body: { note: 'Not at the door', contact: 'dana@example.com' } })).status).toBe(201);
    await drain();
    const types = receiver.received.map((r) => JSON.parse(r.body).type);
    expect(types.sort()).toEqual(['feedback.created', 'order.delivered', 'order.exception', 'report.created']);
    const report = receiver.received.map((r) => JSON.parse(r.body)).find((b) => b.type === 'report.created');
    expect(report.data).toMatchObject({ orderNumber: 'SO-1001', report: { problem: 'not_received', note: 'Not at the door', contact: 'dana@example.com' } });
  });

  it('sms.opted_out when a customer stops texts from the page or replies STOP', async () => {
    await register(['sms.opted_out']);
    const first = tokenOf((await (await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder('SO-1') })).json()).trackingUrl);
    const second = tokenOf((await (await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder('SO-2') })).json()).trackingUrl);
    for (const t of [first, second]) expect((await optIn(h, t, { phone: PHONE, consent: true })).status).toBe(202);
    await devReply(h, PHONE, 'YES');
    expect((await call(h, 'POST', `/api/t/${first}/sms/unsubscribe`)).status).toBe(200);
    await devReply(h, PHONE, 'STOP');
    await drain();
    const got = receiver.received.map((r) => JSON.parse(r.body)).map((b) => [b.type, b.data.orderNumber, b.data.via, b.data.phoneLast4]);
    expect(got).toEqual([['sms.opted_out', 'SO-1', 'page', '2671'], ['sms.opted_out', 'SO-2', 'stop_keyword', '2671']]);
  });

  it('retries with backoff until the receiver recovers, with the same webhook-id', async () => {
    await register(['order.shipped']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await ship();
    receiver.failNext(2, 503);
    await drain();
    let [msg] = await messages();
    expect(msg).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 503 });
    const firstWait = msg!.dueAt.getTime() - h.clock.now.getTime();
    expect(firstWait).toBeGreaterThanOrEqual(4_000);
    expect(firstWait).toBeLessThanOrEqual(6_000);
    expect(await drain()).toBe(0); // not before it is due
    advance(6_000);
    await drain();
    [msg] = await messages();
    expect(msg).toMatchObject({ state: 'pending', attempts: 2, lastStatus: 503 });
    expect(msg!.dueAt.getTime() - h.clock.now.getTime()).toBeGreaterThanOrEqual(240_000);
    advance(360_000);
    await drain();
    [msg] = await messages();
    expect(msg).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200 });
    // the endpoint's run of failures ended with the success
    const [listed] = (await (await call(h, 'GET', '/api/v1/webhook-endpoints', { key })).json()).items;
    expect(listed).toMatchObject({ status: 'enabled', failingSince: null, lastSuccessAt: h.clock.now.toISOString() });
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(receiver.received.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('a receiver that never answers is timed out and tried again later', async () => {
    await register(['order.shipped']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await ship();
    receiver.hang(true);
    await drain();
    const [msg] = await messages();
    expect(msg).toMatchObject({ state: 'pending', lastStatus: null, lastError: 'no answer within 1 seconds' });
    receiver.hang(false);
    advance(10_000);
    await drain();
    expect((await messages())[0]!.state).toBe('delivered');
  });

  it('gives up after a day of retries, and an endpoint failing for a day is disabled', async () => {
    const ep = await register(['order.shipped', 'order.delivered']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await ship();
    receiver.failNext(1_000, 500);
    await drain();
    // a day of retries, following the schedule
    for (let i = 0; i < 40 && (await messages())[0]!.state === 'pending'; i++) {
      h.clock.now = new Date(Math.max(h.clock.now.getTime(), (await messages())[0]!.dueAt.getTime()));
      await drain();
    }
    const [msg] = await messages();
    expect(msg!.state).toBe('failed');
    expect(msg!.attempts).toBeGreaterThanOrEqual(6);
    expect(msg!.attempts).toBeLessThanOrEqual(10);
    const list = (await (await call(h, 'GET', '/api/v1/webhook-endpoints', { key })).json()).items;
    expect(list[0]).toMatchObject({ id: ep.id, status: 'disabled' });
    // a disabled endpoint gets nothing new until it is turned back on
    await ship('SO-1001', 'delivered', '2026-11-28T14:00:00Z');
    expect((await messages()).length).toBe(1);

    // the seller turns it back on and resends the failed one by hand: same webhook-id, delivered
    receiver.failNext(0);
    const seller = forSeller(h.ctx, (await h.database.db.select().from(webhookEndpoints))[0]!.sellerId);
    await enableWebhookEndpoint({ ctx: seller, input: { id: ep.id } });
    const other = forSeller(h.ctx, (await newSeller(h, 'Other Store')).sellerId);
    await expect(resendOutbound({ ctx: other, input: { id: msg!.id } })).rejects.toThrow('not found');
    // another seller can neither turn it on nor delete it (the dashboard's forms call these verbs)
    await h.database.db.update(webhookEndpoints).set({ disabledAt: h.clock.now }).where(eq(webhookEndpoints.id, ep.id));
    await expect(enableWebhookEndpoint({ ctx: other, input: { id: ep.id } })).rejects.toThrow('not found');
    await expect(deleteWebhookEndpoint({ ctx: other, input: { id: ep.id } })).rejects.toThrow('not found');
    expect((await listOutbound({ ctx: other, input: { limit: 50 } }))).toEqual([]);
    await enableWebhookEndpoint({ ctx: seller, input: { id: ep.id } });
    await resendOutbound({ ctx: seller, input: { id: msg!.id } });
    await expect(resendOutbound({ ctx: seller, input: { id: msg!.id } })).rejects.toThrow('not found'); // already waiting
    await drain();
    expect((await messages())[0]).toMatchObject({ state: 'delivered', attempts: 1, lastStatus: 200 });
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(msg!.messageId);
    expect((await (await call(h, 'GET', '/api/v1/webhook-endpoints', { key })).json()).items[0].status).toBe('enabled');
  });

  it('the sender checks the endpoint itself: one deleted meanwhile is cancelled, one disabled meanwhile parked, neither sent', async () => {
    const ep = await register(['order.shipped']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await ship();
    // disabled by another process after this message was queued (not parked in the database yet)
    await h.database.db.update(webhookEndpoints).set({ disabledAt: h.clock.now }).where(eq(webhookEndpoints.id, ep.id));
    await drain();
    expect(receiver.received).toEqual([]);
    expect((await messages())[0]).toMatchObject({ state: 'pending', attempts: 0 });
    expect((await messages())[0]!.dueAt.getFullYear()).toBe(9999);
    // deleted the same way (the sender's view of an endpoint is read again after 5 s)
    await h.database.db.update(outboundMessages).set({ dueAt: h.clock.now });
    await h.database.db.update(webhookEndpoints).set({ disabledAt: null, deletedAt: h.clock.now }).where(eq(webhookEndpoints.id, ep.id));
    advance(5_000);
    await drain();
    expect(receiver.received).toEqual([]);
    expect((await messages())[0]!.state).toBe('cancelled');
  });

  it('a deleted endpoint’s waiting messages are cancelled, not sent', async () => {
    const ep = await register(['order.shipped']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await ship();
    await call(h, 'DELETE', `/api/v1/webhook-endpoints/${ep.id}`, { key });
    await drain();
    expect(receiver.received).toEqual([]);
    expect((await messages())[0]!.state).toBe('cancelled');
  });

  it('a send that outlived its lease is still recorded delivered, and the process that took the message over changes nothing', async () => {
    await register(['order.shipped']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await ship();
    const [queued] = await messages();
    await h.database.db.update(outboundMessages).set({ state: 'leased', leaseOwner: 'second-process', leaseUntil: new Date(h.clock.now.getTime() + 60_000) });
    const { markAttemptFailed, markDelivered } = await import('../../src/domain/outbound/store');
    expect(await markDelivered({ ctx: h.ctx, input: { msg: queued!, owner: 'first-process', status: 200 } })).toBe(true);
    await markAttemptFailed({ ctx: h.ctx, input: { msg: queued!, owner: 'second-process', status: 500, error: 'HTTP 500', retryAt: h.clock.now } });
    expect((await messages())[0]).toMatchObject({ state: 'delivered', lastStatus: 200 });
    expect(await drain()).toBe(0);
  });

  it('a worker that stalled past its lease between claiming and sending does not send', async () => {
    await register(['order.shipped']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await ship();
    const t = h.clock.now.getTime();
    let calls = 0;
    // the claim reads the clock once; by the send the process has been frozen for over a minute
    const frozen = { ...h.ctx, now: () => new Date(calls++ === 0 ? t : t + 61_000) };
    const w = outboundWorker({ ctx: frozen, senders: senders.byKind, log: () => {} });
    await w.drain();
    expect(receiver.received).toEqual([]);
    expect((await messages())[0]).toMatchObject({ state: 'leased', attempts: 1 });
  });

  it('a lease that lapsed (its process died) is taken over at exactly its end', async () => {
    await register(['order.shipped']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await ship();
    const until = new Date(h.clock.now.getTime() + 60_000);
    await h.database.db.update(outboundMessages).set({ state: 'leased', leaseOwner: 'dead-process', leaseUntil: until, attempts: 1 });
    const round = async () => {
      const w = outboundWorker({ ctx: h.ctx, senders: senders.byKind, log: () => {} });
      w.start();
      await new Promise((r) => setTimeout(r, 50));
      await w.stop();
    };
    advance(59_999);
    await round();
    expect((await messages())[0]!.state).toBe('leased');
    advance(1);
    await round();
    expect((await messages())[0]).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(receiver.received).toHaveLength(1);
  });
});

describe('disabling an endpoint that keeps failing', () => {
  const fail = async (ep: { id: string }, at: number, exception: string) => {
    h.clock.now = new Date(at);
    expect((await ship('SO-1001', exception, new Date(at - 60_000).toISOString())).status).toBe(201);
    await drain();
    return (await (await call(h, 'GET', '/api/v1/webhook-endpoints', { key })).json()).items.find((e: { id: string }) => e.id === ep.id);
  };

  it('a message that gives up after its day with no success since it was queued disables the endpoint, even if its first try came late', async () => {
    const ep = await register(['order.shipped']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await ship();
    receiver.failNext(1_000, 500);
    advance(5_000); // the first attempt comes a little after the message was queued
    await drain();
    for (let i = 0; i < 40 && (await messages())[0]!.state === 'pending'; i++) {
      h.clock.now = new Date(Math.max(h.clock.now.getTime(), (await messages())[0]!.dueAt.getTime()));
      await drain();
    }
    expect((await messages())[0]!.state).toBe('failed');
    const [listed] = (await (await call(h, 'GET', '/api/v1/webhook-endpoints', { key })).json()).items;
    expect(listed).toMatchObject({ id: ep.id, status: 'disabled' });
  });

  it('one failure a week after the last one starts a new run: not disabled at once', async () => {
    const ep = await register(['order.exception']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    receiver.failNext(1_000, 503);
    const t0 = h.clock.now.getTime();
    expect(await fail(ep, t0, 'delayed')).toMatchObject({ status: 'enabled', failingSince: new Date(t0).toISOString() });
    // a week later (the first message long given up or still waiting), another failure
    await h.database.db.update(outboundMessages).set({ state: 'failed' });
    const later = t0 + 7 * 86_400_000;
    expect(await fail(ep, later, 'delivery_attempted')).toMatchObject({ status: 'enabled', failingSince: new Date(later).toISOString() });
  });

  it('a message parked while its endpoint looked disabled goes out when the endpoint is already back on', async () => {
    const ep = await register(['order.shipped']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await ship();
    // the sender still sees the endpoint disabled (its view is a few seconds old) but it is back on
    const [msg] = await messages();
    await h.database.db.update(outboundMessages).set({ state: 'leased', leaseOwner: 'w', leaseUntil: new Date(h.clock.now.getTime() + 60_000) });
    const { markParked } = await import('../../src/domain/outbound/store');
    await markParked({ ctx: h.ctx, input: { msg: { ...msg!, attempts: 1 }, owner: 'w' } });
    expect((await messages())[0]!.dueAt.getTime()).toBe(h.clock.now.getTime());
    await drain();
    expect((await messages())[0]!.state).toBe('delivered');
    // and one parked while it really is disabled waits
    await h.database.db.update(webhookEndpoints).set({ disabledAt: h.clock.now }).where(eq(webhookEndpoints.id, ep.id));
    await h.database.db.update(outboundMessages).set({ state: 'leased', leaseOwner: 'w' });
    await markParked({ ctx: h.ctx, input: { msg: { ...msg!, attempts: 1 }, owner: 'w' } });
    expect((await messages())[0]!.dueAt.getFullYear()).toBe(9999);
    expect((await messages())[0]!.attempts).toBe(0); // waiting for the seller is not an attempt
  });
});

describe('at scale and over time', () => {
  it('two workers at once (as two server processes would) deliver each message exactly once', async () => {
    await register(['order.shipped']);
    for (let i = 0; i < 30; i++) {
      await call(h, 'POST', '/api/v1/orders', { key, body: { ...sampleOrder(`SO-${i}`), packages: [{ carrier: 'AMZL', trackingNumber: `TBA3000000000${String(i).padStart(2, '0')}` }] } });
      await call(h, 'POST', `/api/v1/orders/SO-${i}/events`, { key, body: { type: 'shipped', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: `TBA3000000000${String(i).padStart(2, '0')}` } });
    }
    const one = outboundWorker({ ctx: h.ctx, senders: senders.byKind, concurrency: 4, log: () => {} });
    const two = outboundWorker({ ctx: h.ctx, senders: senders.byKind, concurrency: 4, log: () => {} });
    const [a, b] = await Promise.all([one.drain(), two.drain()]);
    expect(a + b).toBe(30);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect((await messages()).every((m) => m.state === 'delivered' && m.attempts === 1)).toBe(true);
  });

  it('never more than perTarget sends in flight to one endpoint, even when it hangs', async () => {
    await register(['order.shipped']);
    for (let i = 0; i < 6; i++) {
      const tn = `TBA3000000001${String(i).padStart(2, '0')}`;
      await call(h, 'POST', '/api/v1/orders', { key, body: { ...sampleOrder(`SO-${i}`), packages: [{ carrier: 'AMZL', trackingNumber: tn }] } });
      await call(h, 'POST', `/api/v1/orders/SO-${i}/events`, { key, body: { type: 'shipped', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: tn } });
    }
    receiver.hang(true);
    const w = outboundWorker({ ctx: h.ctx, senders: senders.byKind, perTarget: 2, idleMs: 10, log: () => {} });
    w.start();
    await new Promise((r) => setTimeout(r, 400));
    expect(receiver.received).toHaveLength(2);
    expect((await messages()).filter((m) => m.state === 'leased')).toHaveLength(2);
    await w.stop();
  });

  it('an endpoint in a run of failures gets fewer sends in flight than a healthy one', async () => {
    const ep = await register(['order.shipped']);
    for (let i = 0; i < 6; i++) {
      const tn = `TBA3000000002${String(i).padStart(2, '0')}`;
      await call(h, 'POST', '/api/v1/orders', { key, body: { ...sampleOrder(`SO-${i}`), packages: [{ carrier: 'AMZL', trackingNumber: tn }] } });
      await call(h, 'POST', `/api/v1/orders/SO-${i}/events`, { key, body: { type: 'shipped', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: tn } });
    }
    await h.database.db.update(webhookEndpoints).set({ failingSince: h.clock.now }).where(eq(webhookEndpoints.id, ep.id));
    receiver.hang(true);
    const w = outboundWorker({ ctx: h.ctx, senders: senders.byKind, perTarget: 5, perFailingTarget: 1, idleMs: 10, log: () => {} });
    w.start();
    await new Promise((r) => setTimeout(r, 400));
    expect(receiver.received).toHaveLength(1);
    await w.stop();
  });

  it('order.stalled goes once, three days after the last scan; a new scan that stalls again is news again', async () => {
    await register(['order.stalled']);
    await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    await ship('SO-1001', 'in_transit', '2026-11-27T14:00:00Z');
    const lastScan = new Date('2026-11-27T14:00:00Z').getTime();
    h.clock.now = new Date(lastScan + 3 * 86_400_000 - 1);
    expect(await queueStalledOrders({ ctx: h.ctx })).toBe(0);
    h.clock.now = new Date(lastScan + 3 * 86_400_000);
    expect(await queueStalledOrders({ ctx: h.ctx })).toBe(1);
    expect(await queueStalledOrders({ ctx: h.ctx })).toBe(0);
    await drain();
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'order.stalled', data: { orderNumber: 'SO-1001', lastScanAt: '2026-11-27T14:00:00.000Z', status: { stage: 'in_transit' } } });
    await ship('SO-1001', 'in_transit', '2026-11-30T15:00:00Z');
    h.clock.now = new Date(new Date('2026-11-30T15:00:00Z').getTime() + 3 * 86_400_000);
    expect(await queueStalledOrders({ ctx: h.ctx })).toBe(1);
    // an order with an exception is not "stalled": it has its own event
    await ship('SO-1001', 'delayed', '2026-12-03T15:00:00Z');
    h.clock.now = new Date(new Date('2026-12-03T15:00:00Z').getTime() + 4 * 86_400_000);
    expect(await queueStalledOrders({ ctx: h.ctx })).toBe(0);
  });
});

describe('SSRF', () => {
  it('private, loopback, link-local and plain-http targets are refused without the development setting', async () => {
    const strict = await startHarness();
    try {
      const k = (await newSeller(strict)).apiKey;
      for (const url of ['https://127.0.0.1/hook', 'https://10.1.2.3/hook', 'https://192.168.0.10/', 'https://169.254.169.254/latest', 'https://[::1]/', 'https://[fd00::1]/', 'https://[::ffff:10.0.0.1]/', 'https://localhost/hook', 'http://93.184.216.34/hook']) {
        const res = await call(strict, 'POST', '/api/v1/webhook-endpoints', { key: k, body: { url, events: ['order.shipped'] } });
        expect(res.status, url).toBe(422);
        const { message } = (await res.json()).error;
        expect(message).toMatch(/^url: /);
        expect(message).not.toMatch(/10\.1\.2\.3|127\.0\.0\.1|169\.254/); // never what a name resolved to
      }
      // a public address is accepted (no connection is made on registration)
      expect((await call(strict, 'POST', '/api/v1/webhook-endpoints', { key: k, body: { url: 'https://93.184.216.34/hook', events: ['order.shipped'] } })).status).toBe(201);
    } finally {
      await strict.close();
    }
  });
});
