import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

// A seller's webhook receiver on a local port: records what arrives and answers as scripted
// (a status for the next N requests, a share of failures, or no answer at all).

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number | null;
  /** when the answer went out (ms since the epoch) */
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** answer the next `n` requests with `status` */
  failNext(n: number, status?: number): void;
  /** hold requests without answering until turned off */
  hang(on: boolean): void;
  /** answer this share of requests (0–1) with 500, the rest 200 */
  failShare(share: number, random?: () => number): void;
  /** wait this long before each answer */
  slow(ms: number): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let failing = 0;
  let failStatus = 500;
  let hanging = false;
  let share = 0;
  let random = Math.random;
  let delayMs = 0;
  const held = new Set<import('node:http').ServerResponse>();
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (hanging) {
        held.add(res);
        received.push({ headers: req.headers, body, status: null, at: Date.now() });
        return;
      }
      const status = failing > 0 ? (failing--, failStatus) : share > 0 && random() < share ? 500 : 200;
      const answer = () => {
        if (res.destroyed) return; // the sender gave up (or died) first: nothing was taken
        received.push({ headers: req.headers, body, status, at: Date.now() });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver trouble');
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/porchlight`,
    received,
    failNext(n, status = 500) {
      failing = n;
      failStatus = status;
    },
    hang(on) {
      hanging = on;
    },
    failShare(s, r = Math.random) {
      share = s;
      random = r;
    },
    slow(ms) {
      delayMs = ms;
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
