import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/**
 * A stand-in for Klaviyo's API (node:http) for the two calls Porchlight makes:
 *
 *   POST /api/events     Create Event → 202, empty body
 *   GET  /api/accounts   Get Accounts → 200, JSON:API collection (the key check)
 *
 * It checks what Klaviyo documents: `Authorization: Klaviyo-API-Key pk_…` (401 otherwise), a
 * `revision` header naming a published revision (400), a JSON content type (415), the key's scopes
 * (403), and Create Event's JSON:API shape — type event, metric name, a profile identifier, a
 * properties object, a valid time, no unknown fields (400). Errors use Klaviyo's envelope
 * `{ errors: [{ id, status, code, title, detail, source }] }`. Faults are scripted per request.
 */

export type KlaviyoFault = { kind: 'status'; status: number; retryAfter?: number } | { kind: 'hang' };
export type KlaviyoScope = 'events:write' | 'accounts:read';

export interface KlaviyoRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** the parsed JSON body (undefined for a GET or unparsable text) */
  body: unknown;
  /** what the stand-in answered (0 while hanging), and its JSON body if any */
  status: number;
  response?: unknown;
}

export interface KlaviyoServer {
  url: string;
  readonly requests: readonly KlaviyoRequest[];
  /** the next requests that pass authentication answer with these, in order */
  failNext(...faults: KlaviyoFault[]): void;
  stop(): Promise<void>;
}

// Klaviyo's published GA revisions still served (2024 and later); a date not listed is refused.
export const KNOWN_REVISIONS: readonly string[] = [
  '2024-02-15', '2024-05-15', '2024-06-15', '2024-07-15', '2024-10-15', '2025-01-15', '2025-04-15',
  '2025-07-15', '2025-10-15', '2026-01-15', '2026-04-15', '2026-07-15', '2026-10-15',
];
const EVENT_FIELDS = new Set(['properties', 'time', 'value', 'value_currency', 'unique_id', 'backfill', 'metric', 'profile']);
const PROFILE_FIELDS = new Set(['email', 'phone_number', 'external_id', 'anonymous_id', '_kx', 'first_name', 'last_name', 'organization', 'locale', 'title', 'image', 'location', 'properties', 'meta']);
const IDENTIFIERS = ['email', 'phone_number', 'external_id', 'anonymous_id', '_kx'] as const;

type Source = { pointer: string } | { header: string };
type Problem = { status: number; code: string; title: string; detail: string; source?: Source };
const invalid = (detail: string, pointer: string): Problem => ({ status: 400, code: 'invalid', title: 'Invalid input.', detail, source: { pointer } });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first thing Klaviyo would refuse in a Create Event body, or null when it takes it. */
export function createEventProblem(body: unknown, now: Date): Problem | null {
  const data = isObject(body) ? body.data : undefined;
  if (!isObject(data)) return invalid('The request body must contain a data object.', '/data');
  if (data.type !== 'event') return { status: 409, code: 'conflict', title: 'Conflict.', detail: `The type '${String(data.type)}' does not match the resource type 'event'.`, source: { pointer: '/data/type' } };
  const a = data.attributes;
  if (!isObject(a)) return invalid('This field is required.', '/data/attributes');
  const unknown = Object.keys(a).find((k) => !EVENT_FIELDS.has(k));
  if (unknown) return invalid(`'${unknown}' is not a valid field for the resource 'event'.`, `/data/attributes/${unknown}`);
  if (!isObject(a.properties)) return invalid('This field is required and must be an object.', '/data/attributes/properties');
  if (a.time !== undefined) {
    const at = typeof a.time === 'string' ? Date.parse(a.time) : Number.NaN;
    if (!Number.isFinite(at)) return invalid('Datetime has wrong format.', '/data/attributes/time');
    if (at < Date.UTC(2000, 0, 1) || at > now.getTime() + 365 * 86_400_000) return invalid('The time must be after 2000 and at most a year ahead.', '/data/attributes/time');
  }
  if (a.unique_id !== undefined && typeof a.unique_id !== 'string') return invalid('Must be a string.', '/data/attributes/unique_id');
  const metric = isObject(a.metric) && isObject(a.metric.data) ? a.metric.data : null;
  if (metric?.type !== 'metric') return invalid('A metric object of type metric is required.', '/data/attributes/metric/data/type');
  const name = isObject(metric.attributes) ? metric.attributes.name : undefined;
  if (typeof name !== 'string' || !name.trim()) return invalid('This field is required.', '/data/attributes/metric/data/attributes/name');
  const profile = isObject(a.profile) && isObject(a.profile.data) ? a.profile.data : null;
  if (profile?.type !== 'profile') return invalid('A profile object of type profile is required.', '/data/attributes/profile/data/type');
  const p = isObject(profile.attributes) ? profile.attributes : {};
  const extra = Object.keys(p).find((k) => !PROFILE_FIELDS.has(k));
  if (extra) return invalid(`'${extra}' is not a valid field for the resource 'profile'.`, `/data/attributes/profile/data/attributes/${extra}`);
  if (typeof profile.id !== 'string' && !IDENTIFIERS.some((k) => typeof p[k] === 'string' && p[k] !== '')) {
    return invalid('A profile identifier is required (id, email, phone_number, external_id or anonymous_id).', '/data/attributes/profile/data/attributes');
  }
  if (p.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(p.email))) return invalid('Invalid email address.', '/data/attributes/profile/data/attributes/email');
  if (p.phone_number !== undefined && !/^\+[1-9]\d{6,14}$/.test(String(p.phone_number))) return invalid('Invalid phone number format (Example of a valid format: +12345678901).', '/data/attributes/profile/data/attributes/phone_number');
  return null;
}

export async function startKlaviyoServer(opts: { privateKey: string; scopes?: KlaviyoScope[] }): Promise<KlaviyoServer> {
  const scopes = new Set(opts.scopes ?? ['events:write', 'accounts:read']);
  const requests: KlaviyoRequest[] = [];
  const faults: KlaviyoFault[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try { body = text ? JSON.parse(text) : undefined; } catch { body = undefined; }
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/+$/, '');
    const record: KlaviyoRequest = { method: req.method ?? '', path, headers: req.headers, body, status: 0 };
    requests.push(record);
    const answer = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      record.response = payload;
      res.writeHead(status, payload === undefined ? headers : { 'content-type': 'application/vnd.api+json', ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const refuse = (p: Problem, headers?: Record<string, string>) => answer(p.status, { errors: [{ id: randomUUID(), ...p, meta: {} }] }, headers);

    const route = req.method === 'POST' && path === '/api/events' ? 'events:write' : req.method === 'GET' && path === '/api/accounts' ? 'accounts:read' : null;
    if (!route) return refuse({ status: 404, code: 'not_found', title: 'Not found.', detail: 'Not found.' });
    if (req.headers.authorization !== `Klaviyo-API-Key ${opts.privateKey}`) {
      return refuse({ status: 401, code: 'not_authenticated', title: 'Authentication credentials were not provided.', detail: 'Missing or invalid private key.' });
    }
    const revision = String(req.headers.revision ?? '');
    if (!/^\d{4}-\d{2}-\d{2}(\.pre)?$/.test(revision) || !KNOWN_REVISIONS.includes(revision.replace(/\.pre$/, ''))) {
      return refuse({ status: 400, code: 'invalid', title: 'Invalid input.', detail: `Invalid revision '${revision.slice(0, 20)}'. Use a published revision (format: YYYY-MM-DD).`, source: { header: 'revision' } });
    }
    if (!scopes.has(route)) return refuse({ status: 403, code: 'permission_denied', title: 'You do not have permission to perform this action.', detail: `This API key is missing required scopes: ${route}.` });
    const fault = faults.shift();
    if (fault?.kind === 'hang') return; // never answers; stop() drops the socket
    if (fault) {
      const throttled = fault.status === 429;
      return refuse(
        throttled
          ? { status: 429, code: 'throttled', title: 'Request was throttled.', detail: `Request was throttled. Expected available in ${fault.retryAfter ?? 1} second.` }
          : { status: fault.status, code: 'error', title: 'A server error occurred.', detail: 'A server error occurred.' },
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
      );
    }
    if (route === 'accounts:read') {
      return answer(200, { data: [{ type: 'account', id: 'AbC123', attributes: { contact_information: { organization_name: 'Stand-in Shop', default_sender_name: 'Stand-in Shop' }, test_account: true, timezone: 'America/New_York', locale: 'en-US' } }], links: { self: 'x' } });
    }
    if (!/^application\/(vnd\.api\+)?json\b/.test(req.headers['content-type'] ?? '')) {
      return refuse({ status: 415, code: 'unsupported_media_type', title: 'Unsupported media type.', detail: `Unsupported media type "${req.headers['content-type'] ?? ''}" in request.` });
    }
    const problem = createEventProblem(body, new Date());
    return problem ? refuse(problem) : answer(202);
  };
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (...f) => void faults.push(...f),
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
