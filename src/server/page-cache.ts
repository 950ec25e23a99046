import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { ServiceContext } from '../domain/context';
import { countPageOpen } from '../domain/dashboard/page-opens';
import type { RenderedPage } from '../domain/page-stable';
import { pageStamp } from '../domain/tracking';
import { localDate } from '../domain/zoned-time';
import { pickLang, type Lang } from '../i18n';
import { compressBody, pickEncoding } from './middleware/compress';
import { cacheablePage } from './page-cache-key';

export { CACHED_PAGE, cacheablePage } from './page-cache-key';

// The tracking page, rendered once per (link, language, version) and served from memory until
// its order or seller changes or the clock reaches a time its words depend on. Before serving,
// one indexed row is read (readPageStamp): the link, and the page versions the database raises
// on every change (migration 0009's triggers). So a process never serves a page older than the
// database, whichever process or server made the change; nothing is shared through memory.
// The cached answer is the rendered answer: the same body and every header, plus a strong ETag
// per encoding; If-None-Match gets a 304.

type Encoding = 'br' | 'gzip';
type Bytes = Buffer<ArrayBuffer>;

interface Entry {
  version: string;
  /** the first instant (ms) the page may read differently (page-stable.ts) */
  expiresAt: number;
  /** every header of the rendered answer but its encoding, length and tag */
  headers: [string, string][];
  identity: Bytes;
  /** compressed forms, made when first asked for */
  encoded: Partial<Record<Encoding, Bytes>>;
  tag: string;
  bytes: number;
}

/** What the cache needs of a request, from Node's IncomingMessage or a fetch Request alike. */
export interface CacheRequest {
  method: string;
  /** the path and query as sent */
  url: string;
  header(name: string): string | null | undefined;
}

export interface CacheAnswer {
  status: 200 | 304;
  headers: [string, string][];
  /** null for HEAD and 304 */
  body: Bytes | null;
}

// an entry's own weight beside its bodies (map slot, headers, tag)
const ENTRY_OVERHEAD = 1024;

/** Rendered pages by key, least recently used first; at most `maxBytes` of them. */
export class PageStore {
  private readonly entries = new Map<string, Entry>();
  /** how many entries each link has: a link with none needs no database read to know it is a miss */
  private readonly links = new Map<string, number>();
  private size = 0;
  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.size;
  }
  get count(): number {
    return this.entries.size;
  }

  /** Whether any page of `link` is kept (in any language, at any version). */
  holds(link: string): boolean {
    return this.links.has(link);
  }

  /** The entry for `key` rendered at `version` and still true at `now`; it becomes the most recently used. */
  get(key: string, version: string, now: Date): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.version !== version || now.getTime() >= entry.expiresAt) {
      this.dropped(key, entry);
      return undefined;
    }
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.dropped(key, old);
    }
    if (entry.bytes > this.maxBytes) return;
    this.entries.set(key, entry);
    this.size += entry.bytes;
    const link = linkOf(key);
    this.links.set(link, (this.links.get(link) ?? 0) + 1);
    this.evict();
  }

  /** An entry grew (a compressed form was added). */
  grew(entry: Entry, bytes: number): void {
    entry.bytes += bytes;
    this.size += bytes;
    this.evict();
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.size <= this.maxBytes) return;
      this.entries.delete(key);
      this.dropped(key, entry);
    }
  }

  /** Accounts for an entry taken out of the map. */
  private dropped(key: string, entry: Entry): void {
    this.size -= entry.bytes;
    const link = linkOf(key);
    const left = (this.links.get(link) ?? 1) - 1;
    if (left > 0) this.links.set(link, left);
    else this.links.delete(link);
  }
}

/** The link a key is of: the part before its first `|` (keyOf). */
const linkOf = (key: string) => key.split('|', 1)[0]!;

/** A page's key: its link, its language, and whether `?lang=` was written (the page's language links differ). */
const keyOf = (page: { token: string; langParam: string | null }, lang: Lang) => `${page.token}|${lang}|${page.langParam === null ? '' : '?'}`;

const tagOf = (body: Bytes) => createHash('sha256').update(body).digest('base64url').slice(0, 27);

/** Weak comparison (RFC 9110 §13.1.2): `*`, or any listed tag equal to ours once W/ is dropped. */
export function noneMatch(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export function trackingPageCache({ ctx, maxBytes }: { ctx: ServiceContext; maxBytes: number }) {
  const store = new PageStore(maxBytes);

  /** The answer for `req` from an entry: its encoding by Accept-Encoding, 304 when the client has it. */
  const answerFrom = (entry: Entry, req: CacheRequest): CacheAnswer => {
    const encoding = pickEncoding(req.header('accept-encoding') ?? undefined);
    let body = entry.identity;
    if (encoding) {
      let packed = entry.encoded[encoding];
      if (!packed) {
        packed = entry.encoded[encoding] = compressBody(entry.identity, encoding);
        // a body too small to compress is the identity itself: nothing more is held
        if (packed !== entry.identity) store.grew(entry, packed.length);
      }
      body = packed;
    }
    const encoded = body !== entry.identity;
    const etag = `"${entry.tag}${encoded ? `-${encoding}` : ''}"`;
    if (noneMatch(req.header('if-none-match'), etag)) {
      return { status: 304, headers: [...entry.headers.filter(([k]) => k !== 'content-type'), ['etag', etag]], body: null };
    }
    const headers: [string, string][] = [...entry.headers, ['etag', etag], ['content-length', String(body.length)]];
    if (encoded) headers.push(['content-encoding', encoding!]);
    return { status: 200, headers, body: req.method === 'HEAD' ? null : body };
  };

  return {
    store,
    /**
     * The cached answer for `req`, or null (not cached, or not a page this cache keeps: another
     * path, a query beyond `lang`, a replaced or unknown link) for the app to render. A served GET
     * counts as an open of the page, as a rendered one does.
     */
    async lookup(req: CacheRequest): Promise<CacheAnswer | null> {
      const page = cacheablePage(req.method, req.url);
      // a link with no page kept is a miss whatever the database says: the render reads it anyway
      if (!page || !store.holds(page.token)) return null;
      const stamp = await pageStamp({ ctx, input: { token: page.token } });
      if (!stamp || stamp.revoked) return null;
      const lang = pickLang(page.langParam, req.header('accept-language') ?? null, stamp.language);
      const now = ctx.now();
      const entry = store.get(keyOf(page, lang), stamp.version, now);
      if (!entry) return null;
      if (req.method === 'GET') countPageOpen(stamp.orderId, localDate(now, stamp.zone));
      return answerFrom(entry, req);
    },

    /**
     * Keeps a rendered GET answer (status 200, no cookie, still true after it was rendered) under the
     * versions the page's own query read — so a render of older data than the database now holds,
     * e.g. from a lagging replica, is never served as the newer page — and under the language it
     * was rendered in (the one `lookup` picks by the same rule). Gives the answer to send for this
     * request: the same, with its ETag (or a 304). Null: not kept, send as is.
     */
    save(req: CacheRequest, rendered: { status: number; headers: Headers; body: Bytes }, page: RenderedPage | undefined): CacheAnswer | null {
      const at = cacheablePage(req.method, req.url);
      if (!at || req.method !== 'GET' || store.maxBytes === 0 || !page) return null;
      if (rendered.status !== 200 || page.stableUntil.getTime() <= page.now.getTime() || rendered.headers.has('set-cookie')) return null;
      const encoding = rendered.headers.get('content-encoding');
      if (encoding && encoding !== 'br' && encoding !== 'gzip') return null;
      const identity = encoding === 'br' ? brotliDecompressSync(rendered.body) : encoding === 'gzip' ? gunzipSync(rendered.body) : rendered.body;
      const headers: [string, string][] = [];
      rendered.headers.forEach((value, name) => {
        if (name !== 'content-encoding' && name !== 'content-length' && name !== 'etag') headers.push([name, value]);
      });
      const entry: Entry = {
        version: page.version, expiresAt: page.stableUntil.getTime(), headers, identity,
        encoded: encoding ? { [encoding]: rendered.body } : {}, tag: tagOf(identity),
        bytes: ENTRY_OVERHEAD + identity.length + (encoding && rendered.body !== identity ? rendered.body.length : 0),
      };
      store.set(keyOf(at, page.lang), entry);
      return answerFrom(entry, req);
    },
  };
}

export type TrackingPageCache = ReturnType<typeof trackingPageCache>;
