import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for Amazon (node:http) that answers like Login with Amazon and SP-API's
 * Fulfillment Outbound 2020-07-01 do, for the two calls the MCF poller makes:
 *
 *   POST /auth/o2/token                                      LWA refresh-token grant (form body)
 *   GET  /fba/outbound/2020-07-01/fulfillmentOrders/{id}     getFulfillmentOrder → { payload }
 *   GET  /fba/outbound/2020-07-01/tracking?packageNumber=N   getPackageTrackingDetails → { payload }
 *
 * API calls need a live `x-amz-access-token`; successes carry `x-amzn-RateLimit-Limit`. Failures
 * are scripted per call (`failNext`): a 429 with or without the rate header, a 5xx, or the 403
 * SP-API sends for an expired token. Error bodies have SP-API's `{ errors: [{ code, message }] }` shape.
 */

export const SP_API_CREDENTIALS = {
  lwaClientId: 'amzn1.application-oa2-client.test0123456789',
  lwaClientSecret: 'amzn1.oa2-cs.v1.test-client-secret-0123456789',
  refreshToken: 'Atzr|test-refresh-token-0123456789',
} as const;

export type SpApiFault =
  /** 429 QuotaExceeded; `rateLimit`: the x-amzn-RateLimit-Limit it carries, none when absent */
  | { kind: 'throttle'; rateLimit?: string }
  /** a 5xx with InternalFailure */
  | { kind: 'status'; status: number }
  /** 403 Unauthorized "The access token you provided has expired." (the token stays refused) */
  | { kind: 'expired' };

export interface SpApiRequest {
  operation: 'getFulfillmentOrder' | 'getPackageTrackingDetails';
  /** the order id or the package number asked for */
  key: string;
  accessToken: string | null;
  status: number;
}

export interface SpApiServer {
  /** the SP-API base URL (the client's `endpoint`) */
  url: string;
  /** the LWA token URL (the client's `tokenUrl`) */
  tokenUrl: string;
  /** access tokens issued so far */
  readonly refreshes: number;
  /** every SP-API call, in arrival order, failures included */
  readonly requests: readonly SpApiRequest[];
  /** the next SP-API calls (any operation) get these answers, in order, instead of the normal one */
  failNext(...faults: SpApiFault[]): void;
  /** every token issued so far is refused from now on, as SP-API does once one expires */
  expireTokens(): void;
  /** the x-amzn-RateLimit-Limit successes carry (null: none) */
  rateLimit: string | null;
  stop(): Promise<void>;
}

export interface SpApiFixtures {
  /** getFulfillmentOrder payloads by sellerFulfillmentOrderId */
  orders?: Record<string, unknown>;
  /** getPackageTrackingDetails payloads by packageNumber */
  tracking?: Record<number, unknown>;
}

const errors = (code: string, message: string, details = '') => ({ errors: [{ code, message, details }] });

export async function startSpApiServer(fixtures: SpApiFixtures, options: { expiresIn?: number; rateLimit?: string | null } = {}): Promise<SpApiServer> {
  let issued = 0;
  const live = new Set<string>();
  const faults: SpApiFault[] = [];
  const requests: SpApiRequest[] = [];

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-RequestId': `req-${requests.length}`, ...headers });
    res.end(JSON.stringify(body));
  };

  async function token(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const form = new URLSearchParams(raw);
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return send(res, 400, { error: 'invalid_request' });
    if (form.get('grant_type') !== 'refresh_token') return send(res, 400, { error: 'unsupported_grant_type' });
    if (form.get('client_id') !== SP_API_CREDENTIALS.lwaClientId || form.get('client_secret') !== SP_API_CREDENTIALS.lwaClientSecret) {
      return send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (form.get('refresh_token') !== SP_API_CREDENTIALS.refreshToken) return send(res, 400, { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' });
    const accessToken = `Atza|test-access-${++issued}`;
    live.add(accessToken);
    send(res, 200, { access_token: accessToken, refresh_token: SP_API_CREDENTIALS.refreshToken, token_type: 'bearer', expires_in: options.expiresIn ?? 3600 });
  }

  function api(req: IncomingMessage, res: ServerResponse, url: URL) {
    const order = /^\/fba\/outbound\/2020-07-01\/fulfillmentOrders\/([^/]+)$/.exec(url.pathname);
    const operation = order ? 'getFulfillmentOrder' : url.pathname === '/fba/outbound/2020-07-01/tracking' ? 'getPackageTrackingDetails' : null;
    if (req.method !== 'GET' || !operation) return send(res, 404, errors('NotFound', 'Resource not found'));
    const key = order ? decodeURIComponent(order[1]!) : (url.searchParams.get('packageNumber') ?? '');
    const accessToken = (req.headers['x-amz-access-token'] as string | undefined) ?? null;
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({ operation, key, accessToken, status });
      send(res, status, body, headers);
    };
    if (!accessToken) return answer(403, errors('MissingAuthenticationToken', 'Access to requested resource is denied.'));
    if (!live.has(accessToken)) return answer(403, errors('Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.'));
    const fault = faults.shift();
    if (fault?.kind === 'throttle') return answer(429, errors('QuotaExceeded', 'You exceeded your quota for the requested resource.'), fault.rateLimit ? { 'x-amzn-RateLimit-Limit': fault.rateLimit } : {});
    if (fault?.kind === 'status') return answer(fault.status, errors('InternalFailure', 'We encountered an internal error. Please try again.'));
    if (fault?.kind === 'expired') {
      live.delete(accessToken);
      return answer(403, errors('Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.'));
    }
    const payload = order ? fixtures.orders?.[key] : /^\d+$/.test(key) ? fixtures.tracking?.[Number(key)] : undefined;
    if (operation === 'getPackageTrackingDetails' && !/^\d+$/.test(key)) return answer(400, errors('InvalidInput', 'Invalid packageNumber'));
    if (payload === undefined) return answer(404, errors('NotFound', 'Requested order not found'));
    answer(200, { payload }, server.rateLimit ? { 'x-amzn-RateLimit-Limit': server.rateLimit } : {});
  }

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/auth/o2/token') return void token(req, res).catch(() => send(res, 500, { error: 'server_error' }));
    api(req, res, url);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const server: SpApiServer = {
    url: base,
    tokenUrl: `${base}/auth/o2/token`,
    get refreshes() {
      return issued;
    },
    requests,
    failNext: (...more) => void faults.push(...more),
    expireTokens: () => live.clear(),
    rateLimit: options.rateLimit === undefined ? '2.0' : options.rateLimit,
    stop: () => new Promise<void>((resolve, reject) => {
      http.closeAllConnections();
      http.close((e) => (e ? reject(e) : resolve()));
    }),
  };
  return server;
}
