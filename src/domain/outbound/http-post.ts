import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { BlockedAddressError, guardedLookup, isPublicAddress } from './ssrf';

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

export function httpPoster(o: { allowPrivate: boolean; maxSocketsPerHost?: number }): Poster {
  const lookup = guardedLookup(o.allowPrivate);
  const options = { keepAlive: true, maxSockets: o.maxSocketsPerHost ?? 16, lookup: lookup as never };
  const agents = { 'http:': new http.Agent(options), 'https:': new https.Agent(options) };

  function post(raw: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostOutcome> {
    const url = new URL(raw);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // An address written in the URL is connected to without a lookup: check it here.
    if (isIP(host) && !o.allowPrivate && !isPublicAddress(host)) {
      return Promise.resolve({ ok: false, status: null, message: new BlockedAddressError(`${host} is a private, loopback or link-local address`).message });
    }
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
          const retryAfter = Number(res.headers['retry-after']);
          done({ ok: false, status, message: `HTTP ${status}${text ? `: ${text.slice(0, KEEP)}` : ''}`, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) });
        });
        res.on('error', (e) => done({ ok: false, status, message: e.message }));
      });
      const timer = setTimeout(() => {
        done({ ok: false, status: null, message: `no answer within ${timeoutMs / 1000} seconds` });
        req.destroy();
      }, timeoutMs);
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
