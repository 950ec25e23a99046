import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingPageOpens } from '../../src/domain/dashboard/page-opens';
import { PageStore, trackingPageCache, type CacheRequest, type TrackingPageCache } from '../../src/server/page-cache';
import { pageStamp } from '../../src/domain/tracking';
import { call, startHarness, type Harness } from '../support/harness';
import { DELIVERED_AT, PKG1, deliveredOrder, placeOrder, reportMissing, sendFeedback } from '../support/feedback-api';
import { addEvent, newShop, optIn, PHONE, type Shop } from '../support/sms-api';

// The tracking-page cache (src/server/page-cache.ts) on a real database: what it keeps, for whom,
// for how long, and every change that must make it render again (migration 0009's triggers).
// The rendered answer here is the test's own bytes: the cache never looks inside a page.

let h: Harness;
let shop: Shop;
let cache: TrackingPageCache;
let token: string;
beforeEach(async () => {
  h = await startHarness();
  shop = await newShop(h);
  cache = trackingPageCache({ ctx: h.ctx, maxBytes: 1024 * 1024 });
  token = await placeOrder(h, shop, 'SO-1001');
});
afterEach(() => h.close());

const request = (url: string, headers: Record<string, string> = {}, method = 'GET'): CacheRequest => ({
  method, url, header: (name) => headers[name.toLowerCase()] ?? null,
});
const HTML = (n: number) => Buffer.from(`<!doctype html><p>${'page '.repeat(400)}${n}</p>`);
const PAGE_HEADERS = () => new Headers({ 'content-type': 'text/html; charset=utf-8', vary: 'Accept-Language, Accept-Encoding', 'cache-control': 'private, no-cache', 'content-security-policy': "default-src 'self'" });
const inAMinute = () => new Date(h.clock.now.getTime() + 60_000);

/** `req` is not answered from the cache: the app renders it. */
async function miss(req: CacheRequest) {
  expect(await cache.lookup(req), req.url).toBeNull();
}
/** The versions a render of `token`'s page would read now. */
const versionOf = async (t: string) => (await pageStamp({ ctx: h.ctx, input: { token: t } }))!.version;
const tokenIn = (req: CacheRequest) => /\/t\/([^?]+)/.exec(req.url)![1]!;
/** What the page says of a render of `req` now, in `lang` (the page's language rule is the page's own). */
const renderedPage = async (req: CacheRequest, until = inAMinute(), lang: 'en' | 'es' = /lang=es/.test(req.url) ? 'es' : 'en') =>
  ({ version: await versionOf(tokenIn(req)), stableUntil: until, lang, now: h.clock.now });
/** Renders (the test's bytes) and keeps the answer, as read at the current versions. */
async function fill(req: CacheRequest, body = HTML(1), until = inAMinute(), lang?: 'en' | 'es') {
  await miss(req);
  const answer = cache.save(req, { status: 200, headers: PAGE_HEADERS(), body }, await renderedPage(req, until, lang));
  expect(answer).not.toBeNull();
  return answer!;
}
const hit = async (req: CacheRequest) => cache.lookup(req);
const header = (headers: [string, string][], name: string) => headers.find(([k]) => k === name)?.[1];

describe('what is kept and served', () => {
  it('a rendered page is served again with the same body and every header, plus a strong ETag; the open is counted', async () => {
    const req = request(`/t/${token}`);
    const first = await fill(req);
    const again = await hit(req);
    expect(again).not.toBeNull();
    expect(again!.body!.equals(HTML(1))).toBe(true);
    expect(Object.fromEntries(again!.headers)).toEqual(Object.fromEntries(first.headers));
    expect(header(again!.headers, 'etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(header(again!.headers, 'content-security-policy')).toBe("default-src 'self'");
    expect(header(again!.headers, 'content-length')).toBe(String(HTML(1).length));
    const before = pendingPageOpens();
    await hit(req);
    expect(pendingPageOpens()).toBe(before + 1);
    await cache.lookup(request(`/t/${token}`, {}, 'HEAD'));
    expect(pendingPageOpens()).toBe(before + 1);
  });

  it('each encoding is the same page: brotli and gzip decode to the rendered bytes, each with its own tag', async () => {
    const req = request(`/t/${token}`);
    await fill(req);
    const br = (await hit(request(`/t/${token}`, { 'accept-encoding': 'gzip, br' })))!;
    const gz = (await hit(request(`/t/${token}`, { 'accept-encoding': 'gzip' })))!;
    const plain = (await hit(request(`/t/${token}`, { 'accept-encoding': 'identity' })))!;
    expect(header(br.headers, 'content-encoding')).toBe('br');
    expect(brotliDecompressSync(br.body!).equals(HTML(1))).toBe(true);
    expect(header(gz.headers, 'content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.body!).equals(HTML(1))).toBe(true);
    expect(header(plain.headers, 'content-encoding')).toBeUndefined();
    const tags = [br, gz, plain].map((a) => header(a.headers, 'etag'));
    expect(new Set(tags).size).toBe(3);
    expect(tags[0]).toBe(tags[2]!.replace(/"$/, '-br"'));
  });

  it('If-None-Match with the current tag (weak or strong, or *) is a 304 with no body; another tag gets the page', async () => {
    const etag = header((await fill(request(`/t/${token}`))).headers, 'etag')!;
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const answer = (await hit(request(`/t/${token}`, { 'if-none-match': inm })))!;
      expect(answer.status, inm).toBe(304);
      expect(answer.body).toBeNull();
      expect(header(answer.headers, 'etag')).toBe(etag);
      expect(header(answer.headers, 'content-type')).toBeUndefined();
    }
    const other = (await hit(request(`/t/${token}`, { 'if-none-match': '"not-this-one"' })))!;
    expect(other.status).toBe(200);
    expect(other.body!.equals(HTML(1))).toBe(true);
  });

  it('HEAD gets the headers and the length, no body', async () => {
    await fill(request(`/t/${token}`));
    const answer = (await hit(request(`/t/${token}`, {}, 'HEAD')))!;
    expect(answer.body).toBeNull();
    expect(header(answer.headers, 'content-length')).toBe(String(HTML(1).length));
  });
});

describe('never one page for another', () => {
  it('another order’s link, another language, and ?lang= written or not are each their own page', async () => {
    const other = await placeOrder(h, shop, 'SO-1002', ['TBA312345678002']);
    await fill(request(`/t/${token}`), HTML(1));
    await miss(request(`/t/${other}`));
    await miss(request(`/t/${token}?lang=es`));
    await miss(request(`/t/${token}`, { 'accept-language': 'es-MX,es;q=0.9' }));
    // the page's language links differ when ?lang= was written, even for the language it already is
    await miss(request(`/t/${token}?lang=en`));
    await fill(request(`/t/${token}?lang=es`), HTML(2));
    expect((await hit(request(`/t/${token}`, { 'accept-language': 'en-US' })))!.body!.equals(HTML(1))).toBe(true);
    expect((await hit(request(`/t/${token}?lang=es`)))!.body!.equals(HTML(2))).toBe(true);
  });

  it('leaves to the app: other methods, other paths, other query parameters, escaped tokens, unknown and replaced links', async () => {
    await fill(request(`/t/${token}`));
    for (const req of [
      request(`/t/${token}`, {}, 'POST'), request(`/t/${token}/not-received`), request(`/t/${token}?sms=sent`),
      request(`/t/${token}?lang=es&x=1`), request(`/t/${token}?lang=e%73`), request(`/t/${token.slice(0, -1)}%41`),
      request('/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), request(`/api/t/${token}`),
    ]) expect(await cache.lookup(req), req.url).toBeNull();
    expect((await call(h, 'POST', '/api/v1/orders/SO-1001/link/rotate', { key: shop.key })).status).toBe(200);
    expect(await cache.lookup(request(`/t/${token}`))).toBeNull();
  });

  it('keeps only a page: not an error, not an answer with a cookie, not one already out of date, not a HEAD or a POST', async () => {
    const req = request(`/t/${token}`);
    const page = await renderedPage(req);
    expect(cache.save(req, { status: 404, headers: PAGE_HEADERS(), body: HTML(1) }, page)).toBeNull();
    const cookie = PAGE_HEADERS();
    cookie.set('set-cookie', 'a=b');
    expect(cache.save(req, { status: 200, headers: cookie, body: HTML(1) }, page)).toBeNull();
    expect(cache.save(req, { status: 200, headers: PAGE_HEADERS(), body: HTML(1) }, undefined)).toBeNull();
    expect(cache.save(req, { status: 200, headers: PAGE_HEADERS(), body: HTML(1) }, { ...page, stableUntil: h.clock.now })).toBeNull();
    expect(cache.save(request(`/t/${token}`, {}, 'HEAD'), { status: 200, headers: PAGE_HEADERS(), body: HTML(1) }, page)).toBeNull();
    expect(cache.save(request(`/t/${token}`, {}, 'POST'), { status: 200, headers: PAGE_HEADERS(), body: HTML(1) }, page)).toBeNull();
    expect(cache.save(request(`/t/${token}?sms=sent`), { status: 200, headers: PAGE_HEADERS(), body: HTML(1) }, page)).toBeNull();
    await miss(req);
  });

  it('a render that read older data than the database now holds (a lagging replica) is kept under its own version, never served as the newer page', async () => {
    const req = request(`/t/${token}`);
    const old = await renderedPage(req);
    await addEvent(h, shop, { type: 'shipped', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: PKG1 });
    expect(await versionOf(token)).not.toBe(old.version);
    expect(cache.save(req, { status: 200, headers: PAGE_HEADERS(), body: HTML(1) }, old)).not.toBeNull();
    await miss(req);
  });

  it('a page rendered in Spanish for an Accept-Language is served to the next Spanish reader only', async () => {
    await fill(request(`/t/${token}`, { 'accept-language': 'es-MX' }), HTML(3), inAMinute(), 'es');
    expect((await hit(request(`/t/${token}`, { 'accept-language': 'es' })))!.body!.equals(HTML(3))).toBe(true);
    await miss(request(`/t/${token}`));
    await miss(request(`/t/${token}?lang=es`));
  });
});

describe('every change its page shows renders it again', () => {
  const stillCached = async () => !!(await hit(request(`/t/${token}`)));
  const afterChange = async (change: () => unknown) => {
    await fill(request(`/t/${token}`));
    expect(await stillCached()).toBe(true);
    await change();
    return stillCached();
  };

  it('a tracking event', async () => {
    expect(await afterChange(() => addEvent(h, shop, { type: 'shipped', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: PKG1 }))).toBe(false);
  });

  it('a text sign-up', async () => {
    expect(await afterChange(() => optIn(h, token, { phone: PHONE, consent: true }))).toBe(false);
  });

  it('feedback and a not-received report on a delivered order', async () => {
    token = await deliveredOrder(h, shop, 'SO-2001', ['TBA312345678021']);
    h.clock.now = new Date(new Date(DELIVERED_AT).getTime() + 3 * 3_600_000);
    expect(await afterChange(async () => expect((await sendFeedback(h, token, { rating: 4 })).status).toBe(201))).toBe(false);
    expect(await afterChange(async () => expect((await reportMissing(h, token, {})).status).toBe(201))).toBe(false);
  });

  it('the seller’s name or brand, for every one of its pages', async () => {
    expect(await afterChange(() => h.database.client.execute({ sql: 'UPDATE sellers SET accent_color = ? WHERE id = ?', args: ['#aa3300', shop.sellerId] }))).toBe(false);
  });

  it('the order itself (a promised date changed by hand)', async () => {
    expect(await afterChange(() => h.database.client.execute({ sql: "UPDATE orders SET promised_date = '2026-12-24' WHERE order_number = 'SO-1001'" }))).toBe(false);
  });

  it('not a change to another order or another seller', async () => {
    const other = await newShop(h, 'Other Goods');
    await placeOrder(h, other, 'SO-9');
    expect(await afterChange(async () => {
      await addEvent(h, other, { type: 'shipped', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: PKG1 }, 'SO-9');
      await h.database.client.execute({ sql: 'UPDATE sellers SET accent_color = ? WHERE id = ?', args: ['#aa3300', other.sellerId] });
    })).toBe(true);
  });

  it('the clock reaching the instant the page said it would read differently', async () => {
    const until = new Date(h.clock.now.getTime() + 90_000);
    await fill(request(`/t/${token}`), HTML(1), until);
    h.clock.now = new Date(until.getTime() - 1);
    expect(await stillCached()).toBe(true);
    h.clock.now = until;
    expect(await stillCached()).toBe(false);
  });
});

describe('bounded by bytes, least recently used out first', () => {
  const entry = (bytes: number) => ({ version: '0.0', expiresAt: Number.MAX_SAFE_INTEGER, headers: [], identity: Buffer.alloc(0), encoded: {}, tag: 't', bytes });

  it('adding past the bound drops the entries used longest ago; one larger than the bound is not kept', () => {
    const store = new PageStore(3_000);
    store.set('a', entry(1_000));
    store.set('b', entry(1_000));
    store.set('c', entry(1_000));
    expect(store.get('a', '0.0', new Date())).toBeDefined(); // a is now the most recent
    store.set('d', entry(1_000));
    expect(store.get('b', '0.0', new Date())).toBeUndefined();
    expect([store.count, store.bytes]).toEqual([3, 3_000]);
    store.set('e', entry(3_001));
    expect(store.get('e', '0.0', new Date())).toBeUndefined();
    expect(store.bytes).toBe(3_000);
  });

  it('replacing an entry counts its bytes once; a stale version is dropped when asked for', () => {
    const store = new PageStore(10_000);
    store.set('a', entry(1_000));
    store.set('a', entry(2_000));
    expect(store.bytes).toBe(2_000);
    expect(store.get('a', '1.0', new Date())).toBeUndefined();
    expect([store.count, store.bytes]).toEqual([0, 0]);
  });

  it('knows which links have a page kept, through replacement, staleness and eviction', () => {
    const store = new PageStore(3_000);
    store.set('L1|en|', entry(1_000));
    store.set('L1|es|', entry(1_000));
    store.set('L2|en|', entry(1_000));
    expect(store.get('L1|en|', '1.0', new Date())).toBeUndefined(); // stale: dropped, its Spanish page stays
    expect([store.holds('L1'), store.holds('L2')]).toEqual([true, true]);
    store.set('L2|en|', entry(1_500)); // replaced: still one page of L2
    store.set('L3|en|', entry(1_000)); // over the bound: L1's Spanish page, the oldest, goes
    expect([store.holds('L1'), store.holds('L2'), store.holds('L3'), store.holds('L')]).toEqual([false, true, true, false]);
    store.set('L2|en|', entry(3_001)); // larger than the bound: the old one is dropped, the new one not kept
    expect(store.holds('L2')).toBe(false);
  });

  it('a compressed form made on demand counts toward the bound', async () => {
    await fill(request(`/t/${token}`));
    const plain = cache.store.bytes;
    await hit(request(`/t/${token}`, { 'accept-encoding': 'br' }));
    expect(cache.store.bytes).toBeGreaterThan(plain);
  });

  it('a cache of 0 bytes keeps nothing and answers nothing', async () => {
    const off = trackingPageCache({ ctx: h.ctx, maxBytes: 0 });
    expect(await off.lookup(request(`/t/${token}`))).toBeNull();
  });
});
