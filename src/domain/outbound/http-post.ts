import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPublicAddress, NOT_PUBLIC } from './ssrf';

// One POST to a seller's endpoint: keep-alive connections, every address checked as it connects,
// a hard timeout, no redirects followed (a 3xx is an answer like any other non-2xx).

export type PostOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; message: string; retryAfterMs?: number };

export interface Poster {
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostOutcome>;
  close(): void;
}

const KEEP = 400; // the answer's first bytes, for the delivery's "last error"

/** Retry-After as seconds or an HTTP date, in ms from `now`; undefined when absent or in the past. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

export function httpPoster(o: { allowPrivate: boolean; maxSocketsPerHost?: number }): Poster {
  const lookup = guardedLookup(o.allowPrivate);
  // Room for every send the worker keeps in flight: a request waiting in the agent's queue behind
  // another endpoint's hanging ones (two sellers on one host) must not time out unsent.
  const options = { keepAlive: true, maxSockets: o.maxSocketsPerHost ?? 256, lookup: lookup as never };
  const agents = { 'http:': new http.Agent(options), 'https:': new https.Agent(options) };

  function post(raw: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostOutcome> {
    const url = new URL(raw);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // An address written in the URL is connected to without a lookup: check it here.
    if (!o.allowPrivate && url.protocol !== 'https:') return Promise.resolve({ ok: false, status: null, message: 'the endpoint must start with https://' });
    if (isIP(host) && !o.allowPrivate && !isPublicAddress(host)) return Promise.resolve({ ok: false, status: null, message: `the endpoint ${NOT_PUBLIC}` });
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      let settled = false;
      const done = (outcome: PostOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const req = client.request(url, { method: 'POST', agent: agents[url.protocol as 'http:' | 'https:'], headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
        const status = res.statusCode ?? 0;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => void (text.length < KEEP && (text += chunk)));
        res.on('end', () => {
          if (status >= 200 && status < 300) return done({ ok: true, status });
          const wait = retryAfterMs(res.headers['retry-after'], Date.now());
          done({ ok: false, status, message: `HTTP ${status}${text ? `: ${text.slice(0, KEEP)}` : ''}`, ...(wait ? { retryAfterMs: wait } : {}) });
        });
        res.on('error', (e) => done({ ok: false, status, message: e.message }));
      });
      // the receiver's time starts when the request has its connection, not while it waits for one
      let timer: NodeJS.Timeout | undefined;
      req.once('socket', () => {
        timer = setTimeout(() => {
          done({ ok: false, status: null, message: `no answer within ${timeoutMs / 1000} seconds` });
          req.destroy();
        }, timeoutMs);
      });
      req.on('error', (e) => done({ ok: false, status: null, message: e.message }));
      req.end(body);
    });
  }

  return {
    post,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
