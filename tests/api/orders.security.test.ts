import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, newSeller, sampleOrder, startHarness, tokenOf, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('seller API: keys and isolation', () => {
  it('no key, a malformed header and a wrong key are each a 401 with the envelope', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer pl_live_notarealkey' }] as Record<string, string>[]) {
      const res = await call(h, 'GET', '/api/v1/orders/SO-1001', { headers });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
  });

  it('API keys are stored only as hashes', async () => {
    const { apiKey } = await newSeller(h);
    const rows = await h.database.client.execute('SELECT * FROM api_keys');
    expect(JSON.stringify(rows.rows)).not.toContain(apiKey);
    expect(JSON.stringify(rows.rows)).not.toContain(apiKey.slice(12));
  });

  it("another seller's order is a 404, for reading and for adding events", async () => {
    const a = await newSeller(h, 'Seller A');
    const b = await newSeller(h, 'Seller B');
    await call(h, 'POST', '/api/v1/orders', { key: a.apiKey, body: sampleOrder() });
    expect((await call(h, 'GET', '/api/v1/orders/SO-1001', { key: b.apiKey })).status).toBe(404);
    const ev = await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key: b.apiKey, body: { type: 'delivered', occurredAt: '2026-11-27T10:00:00Z' } });
    expect(ev.status).toBe(404);
    const order = await (await call(h, 'GET', '/api/v1/orders/SO-1001', { key: a.apiKey })).json();
    expect(order.status.stage).toBe('order_placed');
  });

  it('two sellers may use the same order number without touching each other', async () => {
    const a = await newSeller(h, 'Seller A');
    const b = await newSeller(h, 'Seller B');
    const ra = await (await call(h, 'POST', '/api/v1/orders', { key: a.apiKey, body: sampleOrder() })).json();
    const rb = await call(h, 'POST', '/api/v1/orders', { key: b.apiKey, body: sampleOrder() });
    expect(rb.status).toBe(201);
    expect((await rb.json()).trackingUrl).not.toBe(ra.trackingUrl);
  });

  it('the stored order and the customer JSON never hold the street, last name or anything else not asked for', async () => {
    const { apiKey } = await newSeller(h);
    const order = await (await call(h, 'POST', '/api/v1/orders', { key: apiKey, body: sampleOrder() })).json();
    const dump = JSON.stringify((await h.database.client.execute('SELECT * FROM orders')).rows);
    expect(dump).not.toContain('Secret Street');
    expect(dump).not.toContain('Privatename');
    const customer = await (await call(h, 'GET', `/api/t/${tokenOf(order.trackingUrl)}`)).text();
    for (const secret of ['Secret Street', 'Privatename', '48084']) expect(customer).not.toContain(secret);
  });

  it('tracking tokens are not stored, only their hashes', async () => {
    const { apiKey } = await newSeller(h);
    const order = await (await call(h, 'POST', '/api/v1/orders', { key: apiKey, body: sampleOrder() })).json();
    const dump = JSON.stringify((await h.database.client.execute('SELECT * FROM tracking_links')).rows);
    expect(dump).not.toContain(tokenOf(order.trackingUrl));
  });
});
