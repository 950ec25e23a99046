import { AccountsApi, ApiKeySession, EventsApi, RetryWithExponentialBackoff, type EventCreateQueryV2 } from 'klaviyo-api';

// Klaviyo through its official SDK (klaviyo-api): its EventsApi/AccountsApi build the path,
// serialize the model and set Authorization, revision and accept. We add the content type, a
// base URL for tests, a hard timeout, and turn every HTTP outcome into a classification the
// outbox can act on; nothing here throws for an answer, logs, or puts the key in a message.

/** Klaviyo's production API host; tests point the client at a local stand-in instead. */
export const KLAVIYO_BASE_URL = 'https://a.klaviyo.com';

export interface KlaviyoConnection {
  /** the seller's private API key (pk_…) */
  privateKey: string;
  /** default KLAVIYO_BASE_URL */
  baseUrl?: string;
  /** the whole call, connection included */
  timeoutMs: number;
}

export type KlaviyoFailure = {
  ok: false;
  /** whether the same request may succeed later without the seller doing anything */
  retryable: boolean;
  /** absent when no answer came (network error, timeout) */
  status?: number;
  /** Klaviyo's Retry-After on a 429, in ms */
  retryAfterMs?: number;
  /** fit to show a seller */
  message: string;
};
export type KlaviyoOutcome = { ok: true; status: number } | KlaviyoFailure;
/** A 403 still proves the key is genuine: it only lacks accounts:read, which sending does not need. */
export type KlaviyoKeyCheck = { ok: true; status: number; accountName: string | null } | KlaviyoFailure;

type Config = Parameters<ApiKeySession['requestWithRetry']>[0];

// One attempt per call, bounded in time: the outbox owns retries and backoff (the SDK's own would
// sleep inside a worker's lease). A per-call session, never the SDK's ConfigWrapper/global key,
// because each seller has its own key.
class OneAttemptSession extends ApiKeySession {
  constructor(privateKey: string, private readonly timeoutMs: number) {
    super(privateKey, new RetryWithExponentialBackoff({ numRetries: 0 }));
  }
  override requestWithRetry(config: Config) {
    return super.requestWithRetry({ ...config, timeout: this.timeoutMs, signal: AbortSignal.timeout(this.timeoutMs) });
  }
}

function connect<T extends EventsApi | AccountsApi>(Api: new (s: ApiKeySession) => T, c: KlaviyoConnection): T {
  const api = new Api(new OneAttemptSession(c.privateKey, c.timeoutMs));
  api.basePath = (c.baseUrl ?? KLAVIYO_BASE_URL).replace(/\/+$/, '');
  // Klaviyo documents JSON:API's media type for request bodies; axios would send application/json.
  api.defaultHeaders = { 'content-type': 'application/vnd.api+json' };
  return api;
}

/** Create Event. 202 is success; Klaviyo dedupes by the body's unique_id, so a retry after a lost answer is safe. */
export async function sendKlaviyoEvent({ body, ...connection }: KlaviyoConnection & { body: EventCreateQueryV2 }): Promise<KlaviyoOutcome> {
  try {
    const { response } = await connect(EventsApi, connection).createEvent(body);
    return { ok: true, status: response.status };
  } catch (error) {
    return classify(error, connection.timeoutMs, 'events:write');
  }
}

/** A cheap read (GET /api/accounts) for when a seller enters a key: wrong key → not ok, with the plain reason. */
export async function checkKlaviyoKey(connection: KlaviyoConnection): Promise<KlaviyoKeyCheck> {
  try {
    const { body } = await connect(AccountsApi, connection).getAccounts();
    const name: unknown = body.data?.[0]?.attributes?.contactInformation?.organizationName;
    return { ok: true, status: 200, accountName: typeof name === 'string' ? name : null };
  } catch (error) {
    const failure = classify(error, connection.timeoutMs, 'accounts:read');
    return failure.status === 403 ? { ok: true, status: 403, accountName: null } : failure;
  }
}

interface Thrown {
  code?: unknown;
  response?: { status: number; headers?: Record<string, unknown>; data?: unknown };
}

function classify(error: unknown, timeoutMs: number, scope: string): KlaviyoFailure {
  const { response, code } = (error ?? {}) as Thrown;
  if (!response) {
    // No answer: a timeout may still have reached Klaviyo, which unique_id makes harmless to repeat.
    const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED';
    const why = timedOut ? `Klaviyo did not answer within ${timeoutMs} ms` : `Could not reach Klaviyo${typeof code === 'string' ? ` (${code.slice(0, 40)})` : ''}`;
    return { ok: false, retryable: true, message: `${why}; it will be tried again.` };
  }
  const status = response.status;
  const detail = klaviyoDetail(response.data);
  if (status === 401) {
    return { ok: false, retryable: false, status, message: 'Klaviyo did not accept the private API key. Check the key in Integrations: copy it again from Klaviyo (Settings → API keys); it starts with pk_.' };
  }
  if (status === 403) {
    return { ok: false, retryable: false, status, message: `This Klaviyo private API key is not allowed to do this. In Klaviyo, give the key the ${scope} scope (Full Access for ${scope.split(':')[0]}) or create a new key, and enter it in Integrations.` };
  }
  if (status === 429) {
    const retryAfterMs = retryAfter(response.headers?.['retry-after']);
    return { ok: false, retryable: true, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), message: 'Klaviyo asked us to slow down; it will be tried again.' };
  }
  if (status === 408 || status >= 500) {
    return { ok: false, retryable: true, status, message: `Klaviyo could not take it just now (HTTP ${status}); it will be tried again.` };
  }
  return { ok: false, retryable: false, status, message: `Klaviyo refused the event (HTTP ${status})${detail ? `: ${detail}` : '.'}` };
}

/** Retry-After in ms; Klaviyo sends whole seconds, so anything else is ignored. */
function retryAfter(header: unknown): number | undefined {
  const text = String(header ?? '').trim();
  return /^\d{1,6}$/.test(text) ? Number(text) * 1000 : undefined;
}

/** Klaviyo's first error detail (JSON:API errors[]), trimmed: it names the field at fault. */
function klaviyoDetail(data: unknown): string | null {
  const first = (data as { errors?: { detail?: unknown; source?: { pointer?: unknown } }[] } | null)?.errors?.[0];
  if (typeof first?.detail !== 'string') return null;
  const at = typeof first.source?.pointer === 'string' ? ` (${first.source.pointer})` : '';
  return `${first.detail}${at}`.slice(0, 300);
}
