import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for a shop's Admin GraphQL API (node:http), for the one call Porchlight makes:
 *
 *   POST /admin/api/{version}/graphql.json   { query, variables }   (the fulfillmentTrackingInfoUpdate mutation)
 *
 * It checks what Shopify checks — `X-Shopify-Access-Token`, a JSON body, a known API version, the
 * mutation's variables (a Fulfillment GID, a FulfillmentTrackingInput) — and answers in Shopify's
 * shapes: `{ data: { fulfillmentTrackingInfoUpdate: { fulfillment, userErrors } } }`; a bad token
 * is a 401 with `{ errors }`. Faults are scripted per call (`failNext`): an HTTP 429 with
 * Retry-After, a 5xx, GraphQL's `THROTTLED` error in a 200, or userErrors.
 */

export type ShopifyFault =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'throttled' }
  | { kind: 'graphqlError'; message: string; code: string }
  | { kind: 'userError'; message: string }
  /** the normal answer, `ms` later */
  | { kind: 'slow'; ms: number };

export interface TrackingUpdate {
  version: string;
  accessToken: string | null;
  fulfillmentId: string;
  trackingInfoInput: { number?: string; numbers?: string[]; url?: string; urls?: string[]; company?: string };
  notifyCustomer: boolean | null;
  status: number;
}

export interface ShopifyAdminServer {
  url: string;
  /** every call, in arrival order, failures included */
  readonly calls: readonly TrackingUpdate[];
  failNext(...faults: ShopifyFault[]): void;
  /** forgets the calls and any faults still scripted */
  reset(): void;
  stop(): Promise<void>;
}

const VERSION = /^\/admin\/api\/(\d{4}-(?:01|04|07|10)|unstable)\/graphql\.json$/;

export async function startShopifyAdminServer(opts: { accessToken: string }): Promise<ShopifyAdminServer> {
  const calls: TrackingUpdate[] = [];
  const faults: ShopifyFault[] = [];
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const version = VERSION.exec(req.url ?? '')?.[1];
    if (req.method !== 'POST' || !version) return json(res, 404, { errors: 'Not Found' });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const token = (req.headers['x-shopify-access-token'] as string | undefined) ?? null;
    let body: { query?: string; variables?: Record<string, unknown> };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return json(res, 400, { errors: { query: 'Required parameter missing or invalid' } });
    }
    const vars = body.variables ?? {};
    const call: TrackingUpdate = {
      version, accessToken: token, fulfillmentId: String(vars.fulfillmentId ?? ''), notifyCustomer: (vars.notifyCustomer as boolean | undefined) ?? null,
      trackingInfoInput: (vars.trackingInfoInput ?? {}) as TrackingUpdate['trackingInfoInput'], status: 200,
    };
    calls.push(call);
    const answer = (status: number, payload: unknown, headers?: Record<string, string>) => ((call.status = status), json(res, status, payload, headers));
    if (token !== opts.accessToken) return answer(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    if (!req.headers['content-type']?.includes('application/json')) return answer(415, { errors: 'Unsupported Media Type' });
    if (!/fulfillmentTrackingInfoUpdate\s*\(/.test(body.query ?? '')) return answer(200, { errors: [{ message: 'Unknown operation', extensions: { code: 'undefinedField' } }] });
    if (!/^gid:\/\/shopify\/Fulfillment\/\d+$/.test(call.fulfillmentId)) {
      return answer(200, { errors: [{ message: `Variable $fulfillmentId of type ID! was provided invalid value`, extensions: { code: 'INVALID_VARIABLE' } }] });
    }
    const fault = faults.shift();
    if (fault?.kind === 'status') return answer(fault.status, { errors: 'Service unavailable' }, fault.retryAfter ? { 'retry-after': String(fault.retryAfter) } : {});
    if (fault?.kind === 'throttled') return answer(200, { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }] });
    if (fault?.kind === 'graphqlError') return answer(200, { errors: [{ message: fault.message, extensions: { code: fault.code } }] });
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms));
    const userErrors = fault?.kind === 'userError' ? [{ field: ['fulfillmentId'], message: fault.message }] : [];
    const input = call.trackingInfoInput;
    const numbers = input.numbers ?? (input.number ? [input.number] : []);
    const urls = input.urls ?? (input.url ? [input.url] : []);
    const fulfillment = userErrors.length ? null : {
      id: call.fulfillmentId,
      trackingInfo: (numbers.length ? numbers : [null]).map((number, i) => ({ number, url: urls[i] ?? urls[0] ?? null, company: input.company ?? null })),
    };
    return answer(200, { data: { fulfillmentTrackingInfoUpdate: { fulfillment, userErrors } }, extensions: { cost: { requestedQueryCost: 10, actualQueryCost: 10 } } });
  };
  const server = createServer((req, res) => void handle(req, res).catch(() => json(res, 500, { errors: 'Internal error' })));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext: (...f) => void faults.push(...f),
    reset: () => void ((calls.length = 0), (faults.length = 0)),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
