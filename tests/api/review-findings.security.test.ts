import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey, listApiKeys, revokeApiKey } from '../../src/domain/api-keys';
import { forSeller } from '../../src/domain/context';
import { demoLinks, seedDemo, DEMO_SELLER } from '../../src/domain/demo/seed';
import { call, newSeller, sampleOrder, startHarness, tokenOf, type Harness } from '../support/harness';
import { newShop, orderToken, PHONE, smsFootprint } from '../support/sms-api';

// Findings of the review of the customer side, each pinned by a test that failed before its fix.

let h: Harness;
afterEach(() => h.close());

describe('the home page lists only the seeded demo, never a real order (finding 1)', () => {
  beforeEach(async () => void (h = await startHarness()));

  it('an order created with the demo seller’s own API key is not a demo order', async () => {
    const demo = await seedDemo({ ctx: h.ctx });
    const res = await call(h, 'POST', '/api/v1/orders', { key: demo.apiKey!, body: sampleOrder('REAL-1') });
    expect(res.status).toBe(201);
    const realUrl = (await res.json()).trackingUrl;
    const links = await demoLinks({ ctx: h.ctx });
    expect(links.map((l) => l.orderNumber)).toEqual(demo.links.map((l) => l.orderNumber));
    expect(links).toHaveLength(10);
    expect(links.map((l) => l.url)).not.toContain(realUrl);
  });

  it('a seller who takes the demo seller’s name lists nothing, seeded demo or not', async () => {
    const impostor = await newSeller(h, DEMO_SELLER);
    expect((await call(h, 'POST', '/api/v1/orders', { key: impostor.apiKey, body: sampleOrder('JO-1001') })).status).toBe(201);
    expect(await demoLinks({ ctx: h.ctx })).toEqual([]);
    await seedDemo({ ctx: h.ctx });
    const listed = await demoLinks({ ctx: h.ctx });
    const impostorOrder = await call(h, 'GET', '/api/v1/orders/JO-1001', { key: impostor.apiKey });
    expect(listed.map((l) => l.url)).not.toContain((await impostorOrder.json()).trackingUrl);
  });
});

describe('form posts are checked against PUBLIC_BASE_URL’s origin, never the Host header (finding 6)', () => {
  const postOptIn = (token: string, url: string, headers: Record<string, string>) =>
    h.app.request(`${url}/api/t/${token}/sms`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ phone: PHONE, consent: true }) });

  it('a request to another host carrying that host’s Origin is refused and stores nothing', async () => {
    h = await startHarness();
    const token = await orderToken(h, await newShop(h));
    const res = await postOptIn(token, 'http://evil.example', { origin: 'http://evil.example', host: 'evil.example' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
    expect(await smsFootprint(h)).toEqual({ subscriptions: 0, ledger: 0, texts: 0, hits: 0 });
  });

  it('a same-site but cross-origin post (Sec-Fetch-Site: same-site) is refused', async () => {
    h = await startHarness();
    const token = await orderToken(h, await newShop(h));
    const res = await postOptIn(token, 'https://track.example.test', { origin: 'https://track.example.test', 'sec-fetch-site': 'same-site' });
    expect(res.status).toBe(403);
  });

  it('in development (a loopback PUBLIC_BASE_URL), 127.0.0.1 on the same port passes; another port or a look-alike host does not', async () => {
    h = await startHarness({ PUBLIC_BASE_URL: 'http://localhost:4321' });
    const token = await orderToken(h, await newShop(h));
    expect((await postOptIn(token, 'http://127.0.0.1:4321', { origin: 'http://127.0.0.1:4321', 'sec-fetch-site': 'same-origin' })).status).toBe(202);
    expect((await postOptIn(token, 'http://127.0.0.1:9999', { origin: 'http://127.0.0.1:9999' })).status).toBe(403);
    expect((await postOptIn(token, 'http://localhost.evil.example:4321', { origin: 'http://localhost.evil.example:4321' })).status).toBe(403);
    expect((await postOptIn(token, 'https://localhost:4321', { origin: 'https://localhost:4321' })).status).toBe(403);
  });
});

describe('text updates go only to numbers that can receive texts as a person’s phone (finding 7)', () => {
  beforeEach(async () => void (h = await startHarness()));

  it.each([
    ['a premium-rate +1 900 number', '+1 900 225 5555'],
    ['a toll-free +1 800 number', '+1 800 225 5288'],
    ['a toll-free +1 888 number', '+1 888 225 5322'],
  ])('%s → 422 phone_not_mobile, nothing stored', async (_what, phone) => {
    const token = await orderToken(h, await newShop(h));
    const res = await call(h, 'POST', `/api/t/${token}/sms`, { body: { phone, consent: true } });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('phone_not_mobile');
    expect(body.error.message).toMatch(/mobile/);
    expect(await smsFootprint(h)).toEqual({ subscriptions: 0, ledger: 0, texts: 0, hits: 0 });
  });

  it('an ordinary US number (mobile or fixed-line, which the US numbering plan does not tell apart) is accepted', async () => {
    const token = await orderToken(h, await newShop(h));
    expect((await call(h, 'POST', `/api/t/${token}/sms`, { body: { phone: PHONE, consent: true } })).status).toBe(202);
  });
});

describe('the customer page never shows a control character (finding 8)', () => {
  beforeEach(async () => void (h = await startHarness()));

  it('text stored before input was cleaned (a NUL, a bell, an escape) reaches the page without them', async () => {
    const { apiKey: key } = await newSeller(h);
    const token = tokenOf((await (await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() })).json()).trackingUrl);
    await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: { type: 'delayed', occurredAt: '2026-11-27T10:00:00Z', note: 'Weather', trackingNumber: 'TBA312345678000' } });
    // as an older version stored them
    await h.database.client.execute("UPDATE orders SET customer_first_name = 'Da' || char(0) || 'na', dest_city = char(84, 114, 111, 121, 0)");
    await h.database.client.execute("UPDATE tracking_events SET note = 'Wea' || char(7) || 'ther' || char(27) WHERE type = 'delayed'");
    await h.database.client.execute("UPDATE items SET name = 'Mug' || char(0)");
    const text = await (await call(h, 'GET', `/api/t/${token}`)).text();
    expect(text).not.toMatch(/\\u00(0[0-9a-f]|1[0-9a-f])/i);
    const page = JSON.parse(text);
    expect(page.order.city).toBe('Troy');
    expect(page.order.items[0].name).toBe('Mug');
    expect(page.timeline.find((e: { type: string }) => e.type === 'delayed').note).toBe('Weather');
  });
});

describe('an order has one "placed" step (finding 9)', () => {
  beforeEach(async () => void (h = await startHarness()));

  it('a seller’s order_placed event replaces the automatic one: the timeline shows "placed" once, at the seller’s time', async () => {
    const { apiKey: key } = await newSeller(h);
    const created = await call(h, 'POST', '/api/v1/orders', { key, body: { ...sampleOrder(), placedAt: undefined } });
    const token = tokenOf((await created.json()).trackingUrl);
    const placed = await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: { id: 'p-1', type: 'order_placed', occurredAt: '2026-11-24T09:30:00Z' } });
    expect(placed.status).toBe(201);
    const order = await (await call(h, 'GET', '/api/v1/orders/SO-1001', { key })).json();
    expect(order.events.filter((e: { type: string }) => e.type === 'order_placed')).toEqual([
      expect.objectContaining({ id: 'p-1', occurredAt: '2026-11-24T09:30:00.000Z' }),
    ]);
    const page = await (await call(h, 'GET', `/api/t/${token}`)).json();
    expect(page.timeline.filter((e: { type: string }) => e.type === 'order_placed')).toHaveLength(1);
  });

  it('a corrected order_placed (another id) is the one step the page shows; retries of either stay retries (200)', async () => {
    const { apiKey: key } = await newSeller(h);
    const token = tokenOf((await (await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() })).json()).trackingUrl);
    const first = { id: 'p-1', type: 'order_placed', occurredAt: '2026-11-24T09:30:00Z' };
    const second = { ...first, id: 'p-2', occurredAt: '2026-11-24T10:00:00Z' };
    expect((await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: first })).status).toBe(201);
    expect((await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: first })).status).toBe(200);
    expect((await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: second })).status).toBe(201);
    expect((await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: first })).status).toBe(200);
    expect((await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: { ...first, occurredAt: '2026-11-24T08:00:00Z' } })).status).toBe(409);
    const page = await (await call(h, 'GET', `/api/t/${token}`)).json();
    expect(page.timeline.filter((e: { type: string }) => e.type === 'order_placed').map((e: { at: string }) => e.at)).toEqual(['2026-11-24T10:00:00.000Z']);
  });
});

describe('API keys can be revoked (finding 11)', () => {
  beforeEach(async () => void (h = await startHarness()));

  it('a revoked key is a 401 at once; the seller’s other key keeps working', async () => {
    const seller = await newSeller(h);
    const ctx = forSeller(h.ctx, seller.sellerId);
    const second = await createApiKey({ ctx, input: { name: 'shop sync' } });
    const [first] = await listApiKeys({ ctx });
    await revokeApiKey({ ctx, input: { id: first!.id } });
    expect((await call(h, 'GET', '/api/v1/orders/NONE', { key: seller.apiKey })).status).toBe(401);
    expect((await call(h, 'GET', '/api/v1/orders/NONE', { key: second.apiKey })).status).toBe(404);
  });

  it('another seller cannot revoke a key it does not own (404), and the key keeps working', async () => {
    const a = await newSeller(h, 'A Goods');
    const b = await newSeller(h, 'B Goods');
    const [aKey] = await listApiKeys({ ctx: forSeller(h.ctx, a.sellerId) });
    await expect(revokeApiKey({ ctx: forSeller(h.ctx, b.sellerId), input: { id: aKey!.id } })).rejects.toMatchObject({ code: 'not_found' });
    expect((await call(h, 'GET', '/api/v1/orders/NONE', { key: a.apiKey })).status).toBe(404);
  });

  it('revoking an already revoked key is a 404 (nothing left to revoke)', async () => {
    const seller = await newSeller(h);
    const ctx = forSeller(h.ctx, seller.sellerId);
    const [key] = await listApiKeys({ ctx });
    await revokeApiKey({ ctx, input: { id: key!.id } });
    await expect(revokeApiKey({ ctx, input: { id: key!.id } })).rejects.toMatchObject({ code: 'not_found' });
  });
});
