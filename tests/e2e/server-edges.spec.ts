import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { demo, pathOf } from './demo';
import { E2E } from './env';

// What the real server (our HTTP server in front of the built app) answers at its edges: methods
// browsers' fetch cannot send, malformed addresses, compression and character set.

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request exactly as written (no fetch normalisation), and the bytes that came back. */
function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: E2E.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const envelope = (r: Raw) => JSON.parse(r.body.toString()) as { error: { code: string; message: string } };

function expectSecurityHeaders(r: Raw) {
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['referrer-policy']).toBe('same-origin');
  expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
}

test.describe('the server’s edges', () => {
  test('TRACE, TRACK and made-up methods get a 405 with the envelope under /api, a 405 elsewhere, and no 500', async () => {
    for (const method of ['TRACE', 'TRACK', 'BREW']) {
      const api = await raw(method, '/api/health');
      expect(api.status, method).toBe(405);
      expect(envelope(api).error.code).toBe('method_not_allowed');
      expectSecurityHeaders(api);
      const page = await raw(method, pathOf('delivered'));
      expect(page.status, method).toBe(405);
      expectSecurityHeaders(page);
    }
    // and the server is still fine
    expect((await raw('GET', '/api/health')).status).toBe(200);
  });

  test('a malformed %-escape in an /api path or query is a 400 with the envelope and the headers', async () => {
    const token = pathOf('delivered').split('/t/')[1];
    for (const path of ['/api/v1/orders/%ff', `/api/t/${token}?lang=%ED%A0%80`, '/api/t/%E0%A4%A']) {
      const r = await raw('GET', path, { authorization: `Bearer ${demo().apiKey}` });
      expect(r.status, path).toBe(400);
      expect(r.headers['content-type']).toContain('application/json');
      expect(envelope(r).error.code).toBe('bad_request');
      expectSecurityHeaders(r);
    }
    const page = await raw('GET', `${pathOf('delivered')}?lang=%ff`);
    expect(page.status).toBe(400);
    expectSecurityHeaders(page);
  });

  test('public files: served with their type, a validator, ranges and 304s; a page’s path is never a file', async () => {
    const icon = await raw('GET', '/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['x-content-type-options']).toBe('nosniff');
    expect(icon.body.toString()).toContain('<svg');
    expect((await raw('GET', '/favicon.svg', { 'if-none-match': icon.headers.etag! })).status).toBe(304);
    const head = await raw('HEAD', '/%66avicon.svg?v=2');
    expect([head.status, head.body.length, head.headers['content-length']]).toEqual([200, 0, String(icon.body.length)]);
    const part = await raw('GET', '/samples/orders.csv', { range: 'bytes=0-9' });
    expect([part.status, part.body.length, part.headers['content-type']]).toEqual([206, 10, 'text/csv; charset=utf-8']);
    expect((await raw('GET', '/samples/orders.csv', { range: 'bytes=999999-' })).status).toBe(416);
    // a folder, a way out of the folder, a file's name under a page's path: the app's 404 page
    for (const path of ['/js/', '/js', '/..%2Fpackage.json', '/js/..%2F..%2Fpackage.json', `${pathOf('delivered')}/favicon.svg`]) {
      const r = await raw('GET', path);
      expect(r.status, path).toBe(404);
      expect(r.headers['content-type'], path).toContain('text/html');
      expectSecurityHeaders(r);
    }
    // only GET and HEAD read a file: a form posted to one meets the app's origin check
    expect((await raw('POST', '/favicon.svg')).status).toBe(403);
  });

  test('Astro’s image endpoint is off: /_image answers 404 for any input, never 500', async () => {
    for (const path of ['/_image', '/_image/', '/_image/?href=%2Ffavicon.svg&w=10&f=png', '/_image?href=%2Ffavicon.svg&w=10', '/_image?href=http%3A%2F%2Fevil.example%2Fx.png', '/_image?f=svg&href=..%2F..%2Fetc%2Fpasswd']) {
      expect((await raw('GET', path)).status, path).toBe(404);
    }
  });

  test('pages say charset=utf-8 and come brotli-compressed when asked, gzip otherwise, plain when neither is accepted', async () => {
    const path = pathOf('out_for_delivery');
    const br = await raw('GET', path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const html = brotliDecompressSync(br.body).toString();
    expect(html).toContain('</html>');
    expect(br.body.length).toBeLessThan(html.length / 2);
    expect((await raw('GET', path, { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    const plain = await raw('GET', path, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('</html>');
  });

  test('the home page lists the seeded demo, but not an order created with the demo seller’s key', async ({ request }) => {
    const res = await request.post('/api/v1/orders', {
      headers: { authorization: `Bearer ${demo().apiKey}` },
      data: { orderNumber: 'E2E-REAL-1', destination: { country: 'US', region: 'WA' } },
    });
    expect(res.status()).toBe(201);
    const realPath = new URL((await res.json()).trackingUrl).pathname;
    const home = await (await request.get('/')).text();
    expect(home).toContain(pathOf('delivered'));
    expect(home).not.toContain(realPath);
    expect(home).not.toContain('E2E-REAL-1');
  });
});

test.describe('a server process and APP_SECRET', () => {
  /** Starts one more server process on the built app and returns what it printed by the time it was ready (or exited). */
  function startServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const { APP_SECRET: _drop, NODE_ENV: _env, ...inherited } = process.env;
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/http-server.ts'], {
        env: { ...inherited, HOST: '127.0.0.1', PORT: '4398', DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), 'pl-secret-')), 'x.db')}`, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const done = (code: number | null) => resolve({ code, output });
      for (const stream of [child.stdout, child.stderr]) stream.on('data', (d: Buffer) => (output += d.toString()));
      child.on('exit', (code) => done(code));
      const ready = setInterval(() => {
        if (!/APP_SECRET/.test(output)) return;
        clearInterval(ready);
        setTimeout(() => (child.kill('SIGKILL'), done(null)), 500);
      }, 100);
      setTimeout(() => (clearInterval(ready), child.kill('SIGKILL')), 30_000);
    });
  }

  test('without APP_SECRET in local development every server process warns that the development secret is in use', async () => {
    const { output } = await startServer({ PUBLIC_BASE_URL: 'http://localhost:4398' });
    expect(output).toMatch(/APP_SECRET is not set: using a development secret/);
  });

  test('without APP_SECRET under NODE_ENV=production or a public https address a server process refuses to start, exit 1', async () => {
    const envs: Record<string, string>[] = [{ NODE_ENV: 'production', PORT: '4397', PUBLIC_BASE_URL: 'http://localhost:4397' }, { PORT: '4397', PUBLIC_BASE_URL: 'https://track.example.com' }];
    for (const env of envs) {
      const { code, output } = await startServer(env);
      expect(code, JSON.stringify(env)).toBe(1);
      expect(output).toMatch(/APP_SECRET: is required/);
    }
  });
});
