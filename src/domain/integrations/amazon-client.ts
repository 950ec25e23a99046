import { FulfillmentOutboundApi, clientRateLimits, type GetFulfillmentOrderResult, type PackageTrackingDetails } from '@sp-api-sdk/fulfillment-outbound-api-2020-07-01';

// The two SP-API calls the Amazon MCF poller makes, through the maintained SDK's generated
// Fulfillment Outbound 2020-07-01 client (paths, parameters, types), with LWA, pacing and retries
// of our own so that the token URL, the base URL and the clock can all be pointed at a test
// double (why: amazon.md). Nothing here logs, and no error carries a token, a secret or a body.

export type AmazonRegion = 'na' | 'eu' | 'fe';

/** SP-API's production hosts (developer-docs.amazon.com/sp-api/docs/sp-api-endpoints). */
export const SP_API_ENDPOINTS: Readonly<Record<AmazonRegion, string>> = {
  na: 'https://sellingpartnerapi-na.amazon.com',
  eu: 'https://sellingpartnerapi-eu.amazon.com',
  fe: 'https://sellingpartnerapi-fe.amazon.com',
};
/** Login with Amazon's token endpoint, the same for every region. */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

/** 429s retried per call; 5xx answers and network failures retried per call. */
export const RETRIES = { throttled: 5, failed: 3 } as const;
const FAILURE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;
// A token is renewed this long before LWA says it expires (as Amazon's own SDKs do).
const TOKEN_MARGIN_MS = 60_000;

export type AmazonErrorCode = 'unauthorized' | 'throttled' | 'unavailable' | 'not_found' | 'rejected';

/** What the poller records: a kind, the operation, the HTTP status; never a secret. */
export class AmazonApiError extends Error {
  constructor(readonly code: AmazonErrorCode, readonly operation: string, readonly status: number | null, message: string) {
    super(message);
    this.name = 'AmazonApiError';
  }
  /** whether a later poll may succeed without the seller doing anything */
  get retryable(): boolean {
    return this.code === 'throttled' || this.code === 'unavailable';
  }
}

export interface AmazonClientOptions {
  credentials: { lwaClientId: string; lwaClientSecret: string; refreshToken: string };
  region: AmazonRegion;
  /** another SP-API base URL (the sandbox, a local test server); default the region's */
  endpoint?: string;
  /** another LWA token URL (a local test server); default LWA_TOKEN_URL */
  tokenUrl?: string;
  /** for tests: the clock (ms), the waits and the jitter */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** A package of an MCF order, as getFulfillmentOrder lists it. */
export interface McfPackage {
  packageNumber: number;
  trackingNumber?: string;
  amazonFulfillmentTrackingNumber?: string;
  carrierCode: string;
  estimatedArrivalDate?: string;
  /** PENDING, SHIPPED, CANCELLED_BY_FULFILLER, CANCELLED_BY_SELLER */
  shipmentStatus: string;
}

export interface AmazonClient {
  /** The order's status and packages (no address, name or item of it leaves this function). */
  getFulfillmentOrder(sellerFulfillmentOrderId: string): Promise<{ status: string; packages: McfPackage[] }>;
  getPackageTrackingDetails(packageNumber: number): Promise<PackageTrackingDetails>;
}

type Answer = { status: number; headers: Record<string, unknown>; data: unknown };
type Operation = 'getFulfillmentOrder' | 'getPackageTrackingDetails';

/** SP-API's own error code from an answer's body (QuotaExceeded, Unauthorized …), when it is one. */
function amazonCode(data: unknown): string | undefined {
  const code = (data as { errors?: { code?: unknown }[] } | null)?.errors?.[0]?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_.]{1,64}$/.test(code) ? code : undefined;
}

/** The usage plan's rate from the SDK's table of the model's defaults, until Amazon's header says otherwise. */
function defaultRate(path: string): number {
  return clientRateLimits.find((r) => r.method === 'get' && r.urlRegex.test(path))?.rate ?? 1;
}

export function createAmazonClient(options: AmazonClientOptions): AmazonClient {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const api = new FulfillmentOutboundApi(undefined, (options.endpoint ?? SP_API_ENDPOINTS[options.region]).replace(/\/+$/, ''));
  const token = lwaToken(options, now, sleep);
  // Pacing per operation: one call every 1/rate seconds, the rate being x-amzn-RateLimit-Limit once seen.
  const pace = new Map<Operation, { rate: number; last: number | null }>([
    ['getFulfillmentOrder', { rate: defaultRate('/fba/outbound/2020-07-01/fulfillmentOrders/x'), last: null }],
    ['getPackageTrackingDetails', { rate: defaultRate('/fba/outbound/2020-07-01/tracking'), last: null }],
  ]);
  const backoff = (baseMs: number, attempt: number) => {
    const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (random() * ceiling) / 2); // exponential, half of it jitter
  };

  async function call(operation: Operation, send: (accessToken: string) => Promise<Answer>): Promise<unknown> {
    const plan = pace.get(operation)!;
    const fail = (code: AmazonErrorCode, status: number | null, why: string) => new AmazonApiError(code, operation, status, `${operation}: ${why}`);
    let throttled = 0;
    let failed = 0;
    let renewed = false;
    for (;;) {
      const at = plan.last === null ? now() : Math.max(now(), plan.last + 1000 / plan.rate);
      plan.last = at; // reserved before waiting, so concurrent calls queue up behind it
      if (at > now()) await sleep(at - now());
      const accessToken = await token.get();
      let answer: Answer | null = null;
      let network = '';
      try {
        answer = await send(accessToken);
      } catch (e) {
        network = typeof (e as { code?: unknown }).code === 'string' ? ` (${(e as { code: string }).code.slice(0, 40)})` : '';
      }
      const rate = Number.parseFloat(String(answer?.headers['x-amzn-ratelimit-limit'] ?? ''));
      if (Number.isFinite(rate) && rate > 0) plan.rate = rate;
      const status = answer?.status ?? null;
      if (status !== null && status >= 200 && status < 300) return answer!.data;
      const code = amazonCode(answer?.data);
      const said = code ? ` (${code})` : '';
      if (status === 429) {
        if (throttled++ >= RETRIES.throttled) throw fail('throttled', status, `still throttled after ${RETRIES.throttled} retries${said}`);
        await sleep(backoff(1000 / plan.rate, throttled));
      } else if (status === 401 || (status === 403 && (code === undefined || code === 'Unauthorized'))) {
        // an expired or revoked access token: a new one, once
        if (renewed) throw fail('unauthorized', status, `SP-API refused a fresh access token${said}`);
        renewed = true;
        token.forget(accessToken);
      } else if (status === 403) {
        throw fail('unauthorized', status, `SP-API refused access${said}`);
      } else if (status === null || status >= 500) {
        if (failed++ >= RETRIES.failed) throw fail('unavailable', status, `${status ? `SP-API answered ${status}` : `SP-API unreachable${network}`} after ${RETRIES.failed} retries${said}`);
        await sleep(backoff(FAILURE_BACKOFF_MS, failed));
      } else {
        throw fail(status === 404 ? 'not_found' : 'rejected', status, `SP-API answered ${status}${said}`);
      }
    }
  }

  const request = (accessToken: string) => ({ headers: { 'x-amz-access-token': accessToken }, validateStatus: () => true, timeout: REQUEST_TIMEOUT_MS });
  return {
    async getFulfillmentOrder(sellerFulfillmentOrderId) {
      const data = await call('getFulfillmentOrder', (t) => api.getFulfillmentOrder({ sellerFulfillmentOrderId }, request(t)) as Promise<Answer>);
      const result = (data as { payload?: GetFulfillmentOrderResult }).payload;
      const packages = (result?.fulfillmentShipments ?? []).flatMap((shipment) =>
        (shipment.fulfillmentShipmentPackage ?? []).map((p): McfPackage => ({
          packageNumber: p.packageNumber,
          ...(p.trackingNumber && { trackingNumber: p.trackingNumber }),
          ...(p.amazonFulfillmentTrackingNumber && { amazonFulfillmentTrackingNumber: p.amazonFulfillmentTrackingNumber }),
          carrierCode: p.carrierCode,
          ...(p.estimatedArrivalDate && { estimatedArrivalDate: p.estimatedArrivalDate }),
          shipmentStatus: shipment.fulfillmentShipmentStatus,
        })),
      );
      return { status: String(result?.fulfillmentOrder?.fulfillmentOrderStatus ?? ''), packages };
    },
    async getPackageTrackingDetails(packageNumber) {
      const data = await call('getPackageTrackingDetails', (t) => api.getPackageTrackingDetails({ packageNumber }, request(t)) as Promise<Answer>);
      const details = (data as { payload?: PackageTrackingDetails }).payload;
      if (!details) throw new AmazonApiError('rejected', 'getPackageTrackingDetails', 200, 'getPackageTrackingDetails: the answer has no payload');
      return details;
    },
  };
}

/** LWA access tokens from the refresh token: fetched once, shared, renewed before expires_in runs out or when forgotten. */
function lwaToken(options: AmazonClientOptions, now: () => number, sleep: (ms: number) => Promise<void>) {
  let held: { token: string; until: number } | null = null;
  let pending: Promise<string> | null = null;
  const fail = (code: AmazonErrorCode, status: number | null, why: string) => new AmazonApiError(code, 'lwa', status, `Login with Amazon: ${why}`);

  async function exchange(): Promise<string> {
    const { lwaClientId, lwaClientSecret, refreshToken } = options.credentials;
    const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: lwaClientId, client_secret: lwaClientSecret });
    for (let failed = 0; ; failed++) {
      let res: Response | null = null;
      try {
        res = await fetch(options.tokenUrl ?? LWA_TOKEN_URL, { method: 'POST', body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      } catch {
        // unreachable: retried below like a 5xx
      }
      const json = (await res?.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown; error?: unknown } | null;
      if (res?.ok && typeof json?.access_token === 'string') {
        const lifetime = (typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 3600) * 1000;
        held = { token: json.access_token, until: now() + lifetime - Math.min(TOKEN_MARGIN_MS, lifetime / 2) };
        return json.access_token;
      }
      const error = typeof json?.error === 'string' && /^[a-z_]{1,40}$/.test(json.error) ? ` (${json.error})` : '';
      if (res && res.status < 500 && res.status !== 429) throw fail('unauthorized', res.status, `the credentials were refused${error}`);
      if (failed >= RETRIES.failed) throw fail('unavailable', res?.status ?? null, `no token after ${RETRIES.failed} retries${error}`);
      await sleep(FAILURE_BACKOFF_MS * 2 ** failed);
    }
  }

  return {
    get(): Promise<string> {
      if (held && now() < held.until) return Promise.resolve(held.token);
      pending ??= exchange().finally(() => (pending = null));
      return pending;
    },
    /** Drops `token` if it is still the one held (another call may have renewed it already). */
    forget(token: string) {
      if (held?.token === token) held = null;
    },
  };
}
