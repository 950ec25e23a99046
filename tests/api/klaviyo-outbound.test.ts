import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { outboundMessages, orderContacts } from '../../db/schema';
import { forSeller } from '../../src/domain/context';
import { listIntegrations } from '../../src/domain/integrations/connect';
import { KLAVIYO_REVISION } from '../../src/domain/outbound/klaviyo';
import { CONTACT_KEEP_MS, pruneOrderContacts } from '../../src/domain/outbound/klaviyo-queue';
import { outboundWorker } from '../../src/domain/outbound/worker';
import { outboundSenders } from '../../src/server/outbound';
import { call, newSeller, sampleOrder, startHarness, type Harness } from '../support/harness';
import { startKlaviyoServer, type KlaviyoServer } from '../support/klaviyo-server';

// Touchpoints into the seller's Klaviyo: the key entered under Integrations, each touchpoint queued in
// the outbound outbox and sent through the official SDK to a local stand-in that checks the request.

const KEY = 'pk_live_0123456789abcdef0123456789abcdef01';
let h: Harness;
let key: string;
let klaviyo: KlaviyoServer;
let senders: ReturnType<typeof outboundSenders>;
beforeEach(async () => {
  klaviyo = await startKlaviyoServer({ privateKey: KEY });
  h = await startHarness({ KLAVIYO_BASE_URL: klaviyo.url, WEBHOOK_TIMEOUT_SECONDS: '1' });
  key = (await newSeller(h)).apiKey;
  senders = outboundSenders(h.ctx, h.config);
});
afterEach(async () => {
  senders.close();
  await h.close();
  await klaviyo.stop();
});

const drain = () => outboundWorker({ ctx: h.ctx, senders: senders.byKind, log: () => {} }).drain();
const connect = (privateKey = KEY) => call(h, 'PUT', '/api/v1/integrations/klaviyo', { key, body: { privateKey } });
const order = (extra: object = {}) => call(h, 'POST', '/api/v1/orders', { key, body: { ...sampleOrder(), customer: { firstName: 'Dana', email: 'Dana@Example.com', language: 'es' }, ...extra } });
const scan = (type: string, at: string) => call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: { type, occurredAt: at, trackingNumber: 'TBA312345678000' } });
const events = () => klaviyo.requests.filter((r) => r.path === '/api/events' && r.status === 202).map((r) => r.body as { data: { attributes: Record<string, any> } });

describe('Klaviyo events', () => {
  it('each touchpoint reaches Klaviyo with the tracking link, window and order number, as the seller’s customer', async () => {
    const saved = await connect();
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ source: 'klaviyo', webhookUrl: null });
    const created = await (await order()).json();
    await scan('ready_to_ship', '2026-11-27T12:00:00Z');
    await scan('shipped', '2026-11-27T13:00:00Z');
    await scan('out_for_delivery', '2026-11-27T14:00:00Z');
    await drain();
    const sent = events();
    expect(sent.map((e) => e.data.attributes.metric.data.attributes.name)).toEqual(['Porchlight Order Placed', 'Porchlight Ready To Ship', 'Porchlight Shipped', 'Porchlight Out For Delivery']);
    const ofd = sent[3]!.data.attributes;
    expect(ofd.profile.data.attributes).toMatchObject({ email: 'dana@example.com', first_name: 'Dana' });
    expect(ofd.properties).toMatchObject({ OrderNumber: 'SO-1001', TrackingUrl: created.trackingUrl, Status: 'En reparto', Carrier: 'Amazon Logistics', TrackingNumber: 'TBA312345678000', Language: 'es' });
    expect(ofd.properties.DeliveryWindow).toMatch(/8/);
    expect(ofd.unique_id).toMatch(/^msg_/);
    expect(ofd.time).toBe('2026-11-27T14:00:00.000Z');
    const req = klaviyo.requests.find((r) => r.path === '/api/events')!;
    expect(req.headers.authorization).toBe(`Klaviyo-API-Key ${KEY}`);
    expect(req.headers.revision).toBe(KLAVIYO_REVISION);
    // the email is stored sealed, never in the clear
    const [contact] = await h.database.db.select().from(orderContacts);
    expect(contact!.sealedEmail).not.toContain('example.com');
  });

  it('without Klaviyo connected an order’s email is not kept and nothing is queued', async () => {
    await order();
    await scan('shipped', '2026-11-27T13:00:00Z');
    expect(await h.database.db.select().from(orderContacts)).toEqual([]);
    expect(await h.database.db.select().from(outboundMessages)).toEqual([]);
    // nowhere in the database
    const tables = await h.database.db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table'`);
    for (const { name } of tables) {
      const rows = await h.database.db.all(sql.raw(`SELECT * FROM "${name}"`));
      expect(JSON.stringify(rows).toLowerCase(), name).not.toContain('dana@example.com');
    }
  });

  it('a key Klaviyo refuses fails at once and shows as the connector’s problem; a 429 is retried after Retry-After', async () => {
    await connect('pk_wrong_0000000000000000000000');
    await order();
    await drain();
    const [failed] = await h.database.db.select().from(outboundMessages);
    expect(failed).toMatchObject({ state: 'failed', lastStatus: 401, attempts: 1 });
    const seller = forSeller(h.ctx, failed!.sellerId);
    const [shown] = await listIntegrations({ ctx: seller });
    expect(shown!.lastError).toMatch(/pk_ key|private API key|key/i);
    const list = await (await call(h, 'GET', '/api/v1/webhook-endpoints', { key })).json();
    expect(list.items).toEqual([]);

    await connect(); // the right key now (saving clears the problem shown)
    expect((await listIntegrations({ ctx: seller }))[0]!.lastError).toBeNull();
    klaviyo.failNext({ kind: 'status', status: 429, retryAfter: 30 });
    await scan('shipped', '2026-11-27T13:00:00Z');
    await drain();
    const pending = (await h.database.db.select().from(outboundMessages)).find((m) => m.eventType === 'shipped')!;
    expect(pending).toMatchObject({ state: 'pending', lastStatus: 429 });
    expect(pending.dueAt.getTime() - h.clock.now.getTime()).toBe(30_000);
    h.clock.now = new Date(h.clock.now.getTime() + 30_000);
    await drain();
    expect((await h.database.db.select().from(outboundMessages)).find((m) => m.eventType === 'shipped')!.state).toBe('delivered');
    // a 429 is Klaviyo being busy, not the seller's problem: nothing shown on Integrations
    expect((await listIntegrations({ ctx: seller }))[0]!.lastError).toBeNull();
  });

  it('switched off, queued events are cancelled and the kept emails forgotten; a key that is not one is refused with 422', async () => {
    await connect();
    await order();
    expect(await h.database.db.select().from(orderContacts)).toHaveLength(1);
    expect((await call(h, 'DELETE', '/api/v1/integrations/klaviyo', { key })).status).toBe(204);
    expect(await h.database.db.select().from(orderContacts)).toEqual([]);
    await drain();
    expect(events()).toEqual([]);
    expect((await h.database.db.select().from(outboundMessages))[0]!.state).toBe('cancelled');
    // connected again: an order made before has no email, so no events (only new orders have)
    await connect();
    await scan('shipped', '2026-11-27T13:00:00Z');
    expect(await h.database.db.select().from(outboundMessages)).toHaveLength(1);
    expect((await connect('sk_not_a_private_key')).status).toBe(422);
  });

  it('a kept email is deleted 60 days after it was kept, not a moment before', async () => {
    await connect();
    await order();
    const keptAt = h.clock.now.getTime();
    h.clock.now = new Date(keptAt + CONTACT_KEEP_MS);
    expect(await pruneOrderContacts({ ctx: h.ctx })).toBe(0);
    h.clock.now = new Date(keptAt + CONTACT_KEEP_MS + 1);
    expect(await pruneOrderContacts({ ctx: h.ctx })).toBe(1);
    expect(await h.database.db.select().from(orderContacts)).toEqual([]);
    // a touchpoint after that finds no email: nothing queued
    await scan('shipped', '2026-11-27T13:00:00Z');
    expect((await h.database.db.select().from(outboundMessages)).map((m) => m.eventType)).toEqual(['order_placed']);
  });
});
