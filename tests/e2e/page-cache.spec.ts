import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { E2E } from './env';

// The tracking-page cache across processes: three server processes on one database (two with the
// cache, one without), each standing for a machine. A cached page is the uncached render byte for
// byte with every header; a change acknowledged by one process shows at once on the other; a
// conditional request gets a 304; no page is ever served for another order.

test.describe.configure({ mode: 'serial' });

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PORTS = { cachedA: 4411, cachedB: 4412, uncached: 4413 } as const;
const BASE = `http://127.0.0.1:${PORTS.cachedA}`;
let dir: string;
let demo: { apiKey: string; links: { key: string; orderNumber: string; url: string }[] };
const children: ChildProcess[] = [];

interface Got { status: number; headers: http.IncomingHttpHeaders; raw: Buffer; body: string }
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', data?: string): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const enc = res.headers['content-encoding'];
        const body = (enc === 'br' ? brotliDecompressSync(raw) : enc === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, raw, body });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}
const post = (port: number, path: string, body: object) =>
  get(port, path, { authorization: `Bearer ${demo.apiKey}`, 'content-type': 'application/json' }, 'POST', JSON.stringify(body));

async function healthy(port: number) {
  for (let i = 0; i < 200; i++) {
    const ok = await get(port, '/api/health').then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} did not start`);
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  dir = mkdtempSync(join(tmpdir(), 'porchlight-cache-'));
  const db = join(dir, 'cache.db');
  const env = { ...process.env, ...E2E.env, PUBLIC_BASE_URL: BASE, SEED_DEMO: 'false' };
  demo = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'tests/e2e/seed-demo.ts', db], { cwd: ROOT, env }).toString());
  for (const [port, mb] of [[PORTS.cachedA, '64'], [PORTS.cachedB, '64'], [PORTS.uncached, '0']] as const) {
    children.push(spawn(process.execPath, ['--import', 'tsx', 'src/cli/http-server.ts'], {
      cwd: ROOT, stdio: 'inherit', env: { ...env, PORT: String(port), DATABASE_URL: `file:${db}`, PAGE_CACHE_MB: mb },
    }));
  }
  await Promise.all(Object.values(PORTS).map(healthy));
});
test.afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const pathOf = (url: string) => new URL(url).pathname;
const QUARTER_HOUR = 15 * 60_000;
// what may differ between two answers of the same page: when it was sent, and the tag the cache adds
const comparable = (h: http.IncomingHttpHeaders) => Object.fromEntries(Object.entries(h).filter(([k]) => !['date', 'etag', 'connection', 'keep-alive'].includes(k)));

test('every demo state in both languages: the cached page is the uncached render byte for byte, with every header, in every encoding', async () => {
  for (const link of demo.links) {
    for (const lang of ['en', 'es']) {
      const path = `${pathOf(link.url)}?lang=${lang}`;
      for (let attempt = 0; ; attempt++) {
        const started = Date.now();
        const first = await get(PORTS.cachedA, path, { 'accept-encoding': 'gzip, br' });
        const again = await get(PORTS.cachedA, path, { 'accept-encoding': 'gzip, br' });
        const uncached = await get(PORTS.uncached, path, { 'accept-encoding': 'gzip, br' });
        const gzip = await get(PORTS.cachedA, path, { 'accept-encoding': 'gzip' });
        const plain = await get(PORTS.cachedA, path, { 'accept-encoding': 'identity' });
        // the page may change on a quarter hour: a run across one is run again
        if (Math.floor(started / QUARTER_HOUR) !== Math.floor(Date.now() / QUARTER_HOUR) && attempt === 0) continue;
        expect(first.status, path).toBe(200);
        expect(first.body, path).toContain(link.orderNumber);
        expect(again.raw.equals(first.raw), path).toBe(true);
        expect(uncached.raw.equals(first.raw), path).toBe(true);
        expect(gzip.body, path).toBe(first.body);
        expect(plain.raw.toString('utf8'), path).toBe(first.body);
        expect(comparable(again.headers), path).toEqual(comparable(uncached.headers));
        expect(comparable(first.headers), path).toEqual(comparable(uncached.headers));
        expect(again.headers.etag, path).toBe(first.headers.etag);
        expect(again.headers['content-security-policy'], path).toMatch(/style-src 'sha256-/);
        expect(uncached.headers.etag).toBeUndefined();
        break;
      }
    }
  }
});

test('one order’s page is never served for another: every demo page, asked for in turn on a warm cache, names only its own order', async () => {
  for (let round = 0; round < 2; round++) {
    for (const link of demo.links) {
      const page = await get(PORTS.cachedB, pathOf(link.url));
      const others = demo.links.filter((l) => l.orderNumber !== link.orderNumber).map((l) => l.orderNumber);
      expect(page.body).toContain(link.orderNumber);
      for (const other of others) expect(page.body, `${link.orderNumber} page`).not.toContain(`${other}<`);
    }
  }
});

test('an event acknowledged by one server shows at once on the other, whose cache held the old page; its tag changes and 304s stop', async () => {
  const orderNumber = `PC-${Date.now()}`;
  const trackingNumber = `TBA3${String(Date.now()).slice(-11)}`;
  const created = await post(PORTS.cachedA, '/api/v1/orders', {
    orderNumber, customer: { firstName: 'Robin' }, destination: { city: 'Troy', region: 'MI', postalCode: '48084', country: 'US' },
    packages: [{ carrier: 'AMZL', trackingNumber }], placedAt: new Date(Date.now() - 86_400_000).toISOString(),
  });
  expect(created.status).toBe(201);
  const path = pathOf(JSON.parse(created.body).trackingUrl);
  const before = await get(PORTS.cachedB, path);
  const etag = before.headers.etag!;
  expect((await get(PORTS.cachedB, path, { 'if-none-match': etag })).status).toBe(304);
  expect((await get(PORTS.cachedB, path, { 'if-none-match': etag })).raw.length).toBe(0);
  expect(before.body).not.toContain('Out for delivery</h1>');

  const event = await post(PORTS.cachedA, `/api/v1/orders/${orderNumber}/events`, { type: 'out_for_delivery', occurredAt: new Date(Date.now() - 60_000).toISOString(), trackingNumber });
  expect(event.status).toBe(201);
  const after = await get(PORTS.cachedB, path, { 'if-none-match': etag });
  expect(after.status).toBe(200);
  expect(after.body).toContain('Out for delivery</h1>');
  expect(after.headers.etag).not.toBe(etag);
  expect((await get(PORTS.uncached, path)).body).toBe((await get(PORTS.cachedB, path)).body);
});
