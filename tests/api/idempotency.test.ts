import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, newSeller, sampleOrder, startHarness, type Harness } from '../support/harness';

// Idempotency-Key on the seller API's POSTs: the same request again gets the first answer back
// instead of a second effect; another request with the key is refused; a key held by a request
// still running is a 409; answers are kept for 24 hours.

let h: Harness;
let key: string;
beforeEach(async () => {
  h = await startHarness();
  key = (await newSeller(h)).apiKey;
});
afterEach(() => h.close());

const createWith = (idempotencyKey: string | undefined, body: unknown = sampleOrder('IK-1'), apiKey = key) =>
  call(h, 'POST', '/api/v1/orders', { key: apiKey, body, headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey } });
const orderCount = async () => Number((await h.database.client.execute('SELECT count(*) FROM orders')).rows[0]![0]);
const later = (ms: number) => void (h.clock.now = new Date(h.clock.now.getTime() + ms));

describe('Idempotency-Key on seller POSTs', () => {
  it('the same key and body again: the first answer (status and body) comes back, marked as replayed, and one order exists', async () => {
    const first = await createWith('order-IK-1');
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    const again = await createWith('order-IK-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toContain('application/json');
    expect(await again.text()).toBe(firstBody);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await orderCount()).toBe(1);
    // without a key the same body is the API's own rule: the order with that number, answered 200
    const plain = await createWith(undefined);
    expect([plain.status, plain.headers.get('idempotent-replayed')]).toEqual([200, null]);
  });

  it('the same key with another body is refused with 422 and changes nothing', async () => {
    await createWith('k-1');
    const other = await createWith('k-1', sampleOrder('IK-2'));
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe('idempotency_key_reused');
    expect(await orderCount()).toBe(1);
    // another path with the key is another request too
    const event = await call(h, 'POST', '/api/v1/orders/IK-1/events', { key, body: { type: 'shipped', occurredAt: '2026-11-26T10:00:00Z' }, headers: { 'idempotency-key': 'k-1' } });
    expect(event.status).toBe(422);
  });

  it('a refused request is kept too: the same one again gets the same 422, replayed', async () => {
    const bad = await createWith('bad-1', { orderNumber: '' });
    expect(bad.status).toBe(422);
    const again = await createWith('bad-1', { orderNumber: '' });
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([422, 'true']);
  });

  it('keys are per seller: another seller’s same key is its own', async () => {
    const other = (await newSeller(h, 'Other Goods')).apiKey;
    expect((await createWith('shared-key')).status).toBe(201);
    const theirs = await createWith('shared-key', sampleOrder('IK-1'), other);
    expect([theirs.status, theirs.headers.get('idempotent-replayed')]).toEqual([201, null]);
    expect(await orderCount()).toBe(2);
  });

  it('an answer is kept 24 hours: a minute before, another body is still refused; after, the key is new again', async () => {
    await createWith('day-key');
    later(24 * 3_600_000 - 60_000);
    expect((await createWith('day-key', sampleOrder('IK-2'))).status).toBe(422);
    later(60_000);
    const fresh = await createWith('day-key', sampleOrder('IK-2'));
    expect([fresh.status, fresh.headers.get('idempotent-replayed')]).toEqual([201, null]);
    expect(await orderCount()).toBe(2);
  });

  it('a key held by a request still running is a 409; one left by a process that died is taken over after a minute', async () => {
    const body = JSON.stringify(sampleOrder('IK-1'));
    const hash = createHash('sha256').update('POST /api/v1/orders\n').update(body).digest('hex');
    const [seller] = (await h.database.client.execute('SELECT id FROM sellers')).rows;
    await h.database.client.execute({ sql: 'INSERT INTO idempotency_keys (seller_id, key, request_hash, created_at) VALUES (?, ?, ?, ?)', args: [Number(seller!.id), 'running', hash, h.clock.now.getTime()] });
    const busy = await createWith('running');
    expect(busy.status).toBe(409);
    expect((await busy.json()).error.code).toBe('idempotency_key_in_use');
    later(59_999);
    expect((await createWith('running')).status).toBe(409);
    later(1);
    expect((await createWith('running')).status).toBe(201);
    expect(await orderCount()).toBe(1);
  });

  it('a request that fails on our side (500) lets go of its key: the retry runs again instead of replaying the failure', async () => {
    await h.database.client.execute('DROP TABLE items'); // the order's items cannot be stored: a 500
    const failed = await createWith('fails');
    expect(failed.status).toBe(500);
    expect((await h.database.client.execute("SELECT count(*) FROM idempotency_keys WHERE key = 'fails'")).rows[0]![0]).toBe(0);
    const retried = await createWith('fails');
    expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([500, null]);
  });

  it('a key must be 1 to 255 visible ASCII characters', async () => {
    expect((await createWith('x'.repeat(255))).status).toBe(201);
    for (const bad of ['x'.repeat(256), 'has space', '', 'tab\there']) {
      const res = await createWith(bad, sampleOrder('IK-9'));
      expect(res.status, bad).toBe(400);
    }
    expect(await orderCount()).toBe(1);
  });

  it('ten of the same request at once: one order, and every answer is it or “still running”', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => createWith('burst')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const r of answers.filter((a) => a.status === 409)) expect((await r.json()).error.code).toBe('idempotency_key_in_use');
    expect(await orderCount()).toBe(1);
  });

  it('GET ignores the header', async () => {
    await createWith('get-key');
    const res = await call(h, 'GET', '/api/v1/orders/IK-1', { key, headers: { 'idempotency-key': 'get-key' } });
    expect([res.status, res.headers.get('idempotent-replayed')]).toEqual([200, null]);
  });
});
