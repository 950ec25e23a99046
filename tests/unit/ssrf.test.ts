import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { httpPoster } from '../../src/domain/outbound/http-post';
import { retryAfterMs } from '../../src/domain/outbound/http-post';
import { endpointUrlProblem, isPublicAddress, NOT_PUBLIC } from '../../src/domain/outbound/ssrf';

// Webhook targets a seller types must never reach our own network: checked at registration after
// DNS, and again on every connection (a name that resolved to a public address can change).

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true], ['93.184.216.34', true], ['2606:4700:4700::1111', true], ['100.63.255.255', true], ['172.32.0.1', true],
    ['127.0.0.1', false], ['10.0.0.1', false], ['172.16.0.1', false], ['172.31.255.255', false], ['192.168.1.1', false],
    ['169.254.169.254', false], ['100.64.0.1', false], ['0.0.0.0', false], ['224.0.0.1', false], ['255.255.255.255', false],
    ['::1', false], ['::', false], ['fe80::1', false], ['fd12:3456::1', false], ['::ffff:127.0.0.1', false], ['::ffff:8.8.8.8', true],
    ['64:ff9b::a00:1', false], ['::7f00:1', false], ['::ffff:0:7f00:1', false], ['not-an-ip', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('endpointUrlProblem', () => {
  const resolve = (map: Record<string, string[]>) => async (host: string) => map[host] ?? Promise.reject(new Error('ENOTFOUND'));
  it('checks every address a name resolves to', async () => {
    const dns = resolve({ 'hooks.example.com': ['93.184.216.34'], 'sneaky.example.com': ['93.184.216.34', '10.0.0.7'] });
    expect(await endpointUrlProblem('https://hooks.example.com/in', false, dns)).toBeNull();
    // one answer for a private address and a name that does not resolve, naming no address: a refusal must not map our network
    expect(await endpointUrlProblem('https://sneaky.example.com/in', false, dns)).toBe(NOT_PUBLIC);
    expect(await endpointUrlProblem('https://nowhere.example.com/in', false, dns)).toBe(NOT_PUBLIC);
    expect(await endpointUrlProblem('https://user:pw@hooks.example.com/', false, dns)).toMatch(/user name/);
    expect(await endpointUrlProblem('https://user@hooks.example.com/', false, dns)).toMatch(/user name/);
    expect(await endpointUrlProblem('https://:pw@hooks.example.com/', false, dns)).toMatch(/user name/);
    expect(await endpointUrlProblem('http://hooks.example.com/', false, dns)).toMatch(/https/);
    // the development setting lets local receivers (and http) through
    expect(await endpointUrlProblem('http://127.0.0.1:9999/', true, dns)).toBeNull();
    expect(await endpointUrlProblem('gopher://127.0.0.1/', true, dns)).toMatch(/https/);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and nothing from the past or from noise', () => {
    const now = Date.parse('2026-11-27T15:00:00Z');
    expect(retryAfterMs('12', now)).toBe(12_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 15:01:30 GMT', now)).toBe(90_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 14:59:00 GMT', now)).toBeUndefined();
    for (const v of [undefined, '', '0', 'soon', '-5']) expect(retryAfterMs(v, now)).toBeUndefined();
  });
});

describe('every connection is checked, not only the registration', () => {
  it('a name that now resolves to loopback is refused before any byte is sent; allowed with the development setting', async () => {
    let hits = 0;
    const server = createServer((_req, res) => { hits++; res.end('ok'); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const strict = httpPoster({ allowPrivate: false });
    const dev = httpPoster({ allowPrivate: true });
    try {
      const viaName = await strict.post(`https://localhost:${port}/`, {}, '{}', 2_000);
      expect(viaName).toMatchObject({ ok: false, status: null });
      expect((viaName as { message: string }).message).toBe(`the endpoint ${NOT_PUBLIC}`);
      const viaAddress = await strict.post(`https://127.0.0.1:${port}/`, {}, '{}', 2_000);
      expect(viaAddress).toEqual({ ok: false, status: null, message: `the endpoint ${NOT_PUBLIC}` });
      // an http:// endpoint saved while the development setting was on is not sent to once it is off
      expect(await strict.post(`http://93.184.216.34/`, {}, '{}', 2_000)).toEqual({ ok: false, status: null, message: 'the endpoint must start with https://' });
      expect(hits).toBe(0);
      expect(await dev.post(`http://localhost:${port}/`, {}, '{}', 2_000)).toEqual({ ok: true, status: 200 });
      expect(hits).toBe(1);
    } finally {
      strict.close();
      dev.close();
      server.close();
    }
  });

  it('a redirect is an answer, not followed; Retry-After is read on a refusal', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/moved') res.writeHead(307, { location: 'http://169.254.169.254/latest' }).end();
      else res.writeHead(429, { 'retry-after': '12' }).end('slow down');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const dev = httpPoster({ allowPrivate: true });
    try {
      expect(await dev.post(`http://127.0.0.1:${port}/moved`, {}, '{}', 2_000)).toMatchObject({ ok: false, status: 307 });
      expect(await dev.post(`http://127.0.0.1:${port}/busy`, {}, '{}', 2_000)).toEqual({ ok: false, status: 429, message: 'HTTP 429: slow down', retryAfterMs: 12_000 });
    } finally {
      dev.close();
      server.close();
    }
  });
});
