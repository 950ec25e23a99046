import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchesListQuery, messagePage, messageResource, newMessageSid, twilioError, type StoredMessage } from './twilio-resources';

/**
 * A small Twilio-compatible Messages API of our own (node:http): it counts every send, answers
 * the `twilio` SDK like Twilio does, and misbehaves on request — 5xx, 429, refusals, hangs, resets.
 * Prism checks the shape of our requests against Twilio's spec; this checks what we do with answers.
 */

export const TWILIO_ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const TWILIO_SERVICE_SID = `MG${'fedcba9876543210'.repeat(2)}`;

/** Env for startHarness / loadConfig: the twilio transport with its API at `apiBaseUrl` (a sink or Prism). */
export const twilioEnv = (apiBaseUrl: string): Record<string, string> => ({
  SMS_TRANSPORT: 'twilio',
  // a Twilio set-up refuses to start on the public development secret
  APP_SECRET: 'twilio-test-secret-twilio-test-secret-0123',
  TWILIO_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: 'test-auth-token',
  TWILIO_MESSAGING_SERVICE_SID: TWILIO_SERVICE_SID,
  TWILIO_API_BASE_URL: apiBaseUrl,
});

/** What the sink does with one request instead of answering normally. */
export type SinkFault =
  /** an outage answer (500, 503 …) with Twilio's error body; nothing is sent */
  | { kind: 'status'; status: number }
  /** 429 with Retry-After (seconds), Twilio error 20429; nothing is sent */
  | { kind: 'rate-limit'; retryAfterSeconds?: number }
  /** 400 with Twilio's error body: 21211 invalid number, 21408 region, 21610 unsubscribed … */
  | { kind: 'refuse'; code: number }
  /** Twilio takes the text but the answer never comes (until releaseHung() or stop()) */
  | { kind: 'hang' }
  /** the connection drops after the request arrived; `record`: whether Twilio had taken the text */
  | { kind: 'reset'; record: boolean };

export interface SinkRequest {
  route: 'create' | 'fetch' | 'list';
  to: string | null;
  body: string | null;
  /** our message id, from the StatusCallback's ?m= */
  messageId: number | null;
}

export interface SinkSend extends StoredMessage {
  messageId: number | null;
  statusCallback: string | null;
  /** false when the client was gone before our answer reached it (a send whose outcome was lost) */
  answered: boolean;
}

export interface TwilioSink {
  baseUrl: string;
  /** every text Twilio would have taken, in arrival order */
  readonly sends: SinkSend[];
  /** create requests received, including faulted ones */
  readonly createAttempts: SinkRequest[];
  /** requests currently held by a 'hang' fault */
  readonly hungCount: number;
  /** our message ids of the sends currently held by a 'hang' fault */
  hungMessageIds(): number[];
  /** the next create requests get these faults, one each, in order */
  failNext(...faults: SinkFault[]): void;
  /** any request (create, fetch, list) the predicate returns a fault for gets it (after the queue) */
  failWhen(predicate: ((r: SinkRequest) => SinkFault | undefined) | null): void;
  /** answer every create after this many ms (a number or a [min, max] range) */
  latencyMs: number | [number, number];
  /** the sink's clock for date_created (tests with a fixed clock set it) */
  now: () => Date;
  /** how long a taken text sits in Twilio's queue (status queued, no date_sent) before it is sent */
  queuedMs: number;
  /** answers held requests as if nothing had been wrong */
  releaseHung(): void;
  /** how many times each of our message ids was sent */
  sendsPerMessage(): Map<number, number>;
  /** forget sends, faults, latency and queue delay (the clock stays) */
  clear(): void;
  stop(): Promise<void>;
}

export async function startTwilioSink(opts: { latencyMs?: number | [number, number] } = {}): Promise<TwilioSink> {
  const messages: SinkSend[] = [];
  const attempts: SinkRequest[] = [];
  let queue: SinkFault[] = [];
  let predicate: ((r: SinkRequest) => SinkFault | undefined) | null = null;
  // held answers, with the message id of a held send
  const hung = new Map<() => void, number | null>();

  const delay = () => {
    const l = sink.latencyMs;
    const ms = typeof l === 'number' ? l : l[0] + Math.random() * (l[1] - l[0]);
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

  async function create(req: IncomingMessage, res: ServerResponse, accountSid: string) {
    const form = new URLSearchParams(await readBody(req));
    const statusCallback = form.get('StatusCallback');
    if (statusCallback && !URL.canParse(statusCallback)) return json(res, 400, twilioError(21609, 400));
    const m = statusCallback ? Number(new URL(statusCallback).searchParams.get('m')) : NaN;
    const seen: SinkRequest = { route: 'create', to: form.get('To'), body: form.get('Body'), messageId: Number.isSafeInteger(m) ? m : null };
    attempts.push(seen);
    const fault = queue.shift() ?? predicate?.(seen);
    if (fault?.kind === 'status') return json(res, fault.status, twilioError(20500, fault.status));
    if (fault?.kind === 'rate-limit') return json(res, 429, twilioError(20429, 429), { 'retry-after': String(fault.retryAfterSeconds ?? 1) });
    if (fault?.kind === 'refuse') return json(res, 400, twilioError(fault.code, 400));
    // Twilio's own refusals of a malformed request
    if (!seen.to) return json(res, 400, twilioError(21604, 400));
    if (!seen.body) return json(res, 400, twilioError(21602, 400));
    if (!form.get('From') && !form.get('MessagingServiceSid')) return json(res, 400, twilioError(21603, 400));
    if (fault?.kind === 'reset' && !fault.record) return void req.socket.destroy();

    const send: SinkSend = {
      accountSid, sid: newMessageSid(), to: seen.to, from: form.get('From'), messagingServiceSid: form.get('MessagingServiceSid'),
      body: seen.body, dateCreated: sink.now(), sendsAt: new Date(sink.now().getTime() + sink.queuedMs), messageId: seen.messageId, statusCallback, answered: false,
    };
    messages.push(send);
    res.on('finish', () => (send.answered = true));
    if (fault?.kind === 'reset') return void req.socket.destroy();
    const answer = () => json(res, 201, messageResource(send, send.dateCreated, true));
    if (fault?.kind === 'hang') return void hung.set(answer, send.messageId);
    await delay();
    answer();
  }

  function read(req: IncomingMessage, res: ServerResponse, accountSid: string, sid: string | undefined, url: URL) {
    const query = url.searchParams;
    const seen: SinkRequest = { route: sid ? 'fetch' : 'list', to: query.get('To'), body: null, messageId: null };
    const fault = predicate?.(seen);
    if (fault?.kind === 'status') return json(res, fault.status, twilioError(20500, fault.status));
    if (fault?.kind === 'rate-limit') return json(res, 429, twilioError(20429, 429), { 'retry-after': String(fault.retryAfterSeconds ?? 1) });
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'hang') return void hung.set(() => lookup(res, accountSid, sid, query), null);
    lookup(res, accountSid, sid, query);
  }

  function lookup(res: ServerResponse, accountSid: string, sid: string | undefined, query: URLSearchParams) {
    const mine = messages.filter((m) => m.accountSid === accountSid);
    if (sid) {
      const found = mine.find((m) => m.sid === sid);
      return found ? json(res, 200, messageResource(found, sink.now())) : json(res, 404, twilioError(20404, 404));
    }
    // newest first, as Twilio lists them
    const matching = mine.filter((m) => matchesListQuery(m, query, sink.now())).reverse();
    return json(res, 200, messagePage(accountSid, matching, query, sink.now()));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sink');
    const route = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages(?:\/(SM[0-9a-fA-F]{32}))?\.json$/.exec(url.pathname);
    if (!route) return json(res, 404, twilioError(20404, 404));
    if (!req.headers.authorization?.startsWith('Basic ')) return json(res, 401, twilioError(20003, 401));
    const [, accountSid, sid] = route as unknown as [string, string, string | undefined];
    if (req.method === 'POST' && !sid) return void create(req, res, accountSid).catch(() => res.destroy());
    if (req.method === 'GET') return read(req, res, accountSid, sid, url);
    return json(res, 405, twilioError(20004, 405, 'Method not allowed'));
  });
  // Longer than any test: a keep-alive socket the server closes while the SDK reuses it would
  // surface as ECONNRESET, an "unknown" outcome no test asked for.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const sink: TwilioSink = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sends: messages,
    createAttempts: attempts,
    get hungCount() {
      return hung.size;
    },
    hungMessageIds: () => [...hung.values()].filter((id): id is number => id != null),
    failNext: (...faults) => void queue.push(...faults),
    failWhen: (p) => void (predicate = p),
    latencyMs: opts.latencyMs ?? 0,
    now: () => new Date(),
    queuedMs: 0,
    releaseHung() {
      const answers = [...hung.keys()];
      hung.clear();
      for (const answer of answers) answer();
    },
    sendsPerMessage() {
      const counts = new Map<number, number>();
      for (const s of messages) if (s.messageId != null) counts.set(s.messageId, (counts.get(s.messageId) ?? 0) + 1);
      return counts;
    },
    clear() {
      messages.length = 0;
      attempts.length = 0;
      queue = [];
      predicate = null;
      hung.clear();
      sink.latencyMs = opts.latencyMs ?? 0;
      sink.queuedMs = 0;
    },
    stop() {
      hung.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sink;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}
