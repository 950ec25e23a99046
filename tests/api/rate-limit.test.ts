import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/domain/api-keys';
import { forSeller } from '../../src/domain/context';
import { call, newSeller, sampleOrder, startHarness, type Harness } from '../support/harness';

// Per-key limits on the seller API (API_RATE_LIMIT_PER_MINUTE), counted in the database.

let h: Harness;
let key: string;
let sellerId: number;
beforeEach(async () => {
  h = await startHarness({ API_RATE_LIMIT_PER_MINUTE: '3' });
  h.clock.now = new Date('2026-11-27T15:00:20Z'); // 40 s left of this minute's window
  ({ apiKey: key, sellerId } = await newSeller(h));
});
afterEach(() => h.close());

const headersOf = (res: Response) => ({ policy: res.headers.get('ratelimit-policy'), left: res.headers.get('ratelimit'), retryAfter: res.headers.get('retry-after') });

describe('per-key rate limits', () => {
  it('every answer says the policy and what is left; the call past the limit is a 429 with Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await call(h, 'GET', '/api/v1/feedback', { key }));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers.map((r) => headersOf(r).left)).toEqual(['"per-key";r=2;t=40', '"per-key";r=1;t=40', '"per-key";r=0;t=40']);
    expect(headersOf(answers[0]!).policy).toBe('"per-key";q=3;w=60');
    expect(headersOf(answers[0]!).retryAfter).toBeNull();

    h.clock.now = new Date('2026-11-27T15:00:58.200Z');
    const refused = await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder() });
    expect(refused.status).toBe(429);
    expect(headersOf(refused)).toEqual({ policy: '"per-key";q=3;w=60', left: '"per-key";r=0;t=2', retryAfter: '2' });
    const body = await refused.json();
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toBe('This API key made more than 3 requests in 60 seconds: try again in 2 seconds');
    // nothing was done: the order does not exist once the window resets
    h.clock.now = new Date('2026-11-27T15:01:00Z');
    const missing = await call(h, 'GET', '/api/v1/orders/SO-1001', { key });
    expect(missing.status).toBe(404);
    expect(headersOf(missing).left).toBe('"per-key";r=2;t=60');
  });

  it('error answers carry the headers too, and a refused call still counts', async () => {
    const bad = await call(h, 'POST', '/api/v1/orders', { key, body: { orderNumber: '' } });
    expect(bad.status).toBe(422);
    expect(headersOf(bad).left).toBe('"per-key";r=2;t=40');
    for (let i = 0; i < 3; i++) await call(h, 'GET', '/api/v1/feedback', { key });
    const again = await call(h, 'GET', '/api/v1/feedback', { key });
    expect(again.status).toBe(429);
    expect(headersOf(again).retryAfter).toBe('40');
  });

  it('each key has its own count, shared by every app on the same database', async () => {
    const other = await createApiKey({ ctx: forSeller(h.ctx, sellerId), input: { name: 'second' } });
    for (let i = 0; i < 3; i++) await call(h, 'GET', '/api/v1/feedback', { key });
    expect((await call(h, 'GET', '/api/v1/feedback', { key })).status).toBe(429);
    expect((await call(h, 'GET', '/api/v1/feedback', { key: other.apiKey })).status).toBe(200);
    // a second app (as another process would be) on the same file sees the same count
    const { createApp } = await import('../../src/server/app');
    const second = createApp({ ctx: h.ctx, config: h.config });
    const res = await second.request('/api/v1/feedback', { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(429);
  });

  it('a process whose clock is behind counts into the newer window instead of resetting it', async () => {
    for (let i = 0; i < 3; i++) await call(h, 'GET', '/api/v1/feedback', { key });
    h.clock.now = new Date('2026-11-27T15:01:00.500Z'); // the next window: a fresh count
    expect((await call(h, 'GET', '/api/v1/feedback', { key })).headers.get('ratelimit')).toBe('"per-key";r=2;t=60');
    h.clock.now = new Date('2026-11-27T15:00:59.900Z'); // another process, 0.6 s behind
    const behind = await call(h, 'GET', '/api/v1/feedback', { key });
    expect(behind.status).toBe(200);
    expect(behind.headers.get('ratelimit')).toBe('"per-key";r=1;t=61');
    h.clock.now = new Date('2026-11-27T15:01:01Z');
    expect((await call(h, 'GET', '/api/v1/feedback', { key })).headers.get('ratelimit')).toBe('"per-key";r=0;t=59');
    expect((await call(h, 'GET', '/api/v1/feedback', { key })).status).toBe(429);
  });

  it('a replayed Idempotency-Key answer counts and carries the headers', async () => {
    const headers = { 'idempotency-key': 'k-1' };
    const first = await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder(), headers });
    const replay = await call(h, 'POST', '/api/v1/orders', { key, body: sampleOrder(), headers });
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(headersOf(replay).left).toBe('"per-key";r=1;t=40');
  });

  it('a bad key is a 401 and counts against nothing; customer endpoints carry no limit headers', async () => {
    const res = await call(h, 'GET', '/api/v1/feedback', { key: 'pl_live_nope' });
    expect(res.status).toBe(401);
    expect(headersOf(res).policy).toBeNull();
    expect(headersOf(await call(h, 'GET', '/api/t/not-a-token')).policy).toBeNull();
  });
});

describe('no limit', () => {
  it('API_RATE_LIMIT_PER_MINUTE=0 turns it off (no headers, no 429)', async () => {
    const off = await startHarness({ API_RATE_LIMIT_PER_MINUTE: '0' });
    try {
      const { apiKey } = await newSeller(off);
      for (let i = 0; i < 5; i++) {
        const res = await call(off, 'GET', '/api/v1/feedback', { key: apiKey });
        expect(res.status).toBe(200);
        expect(res.headers.get('ratelimit')).toBeNull();
      }
    } finally {
      await off.close();
    }
  });
});
