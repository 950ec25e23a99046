import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { z } from 'zod';
import { ErrorEnvelope } from '../resources/customer';
import { type ErrorStatus } from './spec';

// What every seller route shares in the document: the Bearer key (401), the per-key rate limit
// (RateLimit headers on every answer, 429 past it) and, on POST, Idempotency-Key.

export const SELLER_TAGS = ['Orders', 'Feedback and reports', 'Integrations', 'Webhook endpoints'] as const;

const RATE_HEADERS = {
  'RateLimit-Policy': { description: 'The per-API-key quota, e.g. `"per-key";q=600;w=60`. Sent while the server limits API calls (`API_RATE_LIMIT_PER_MINUTE` above 0, the default).', schema: { type: 'string' as const } },
  RateLimit: { description: 'What is left of the quota and the seconds until it resets, e.g. `"per-key";r=599;t=42`.', schema: { type: 'string' as const } },
};

const IDEMPOTENCY = {
  400: 'The `Idempotency-Key` header is not 1 to 255 visible ASCII characters (`bad_request`).',
  409: 'A request with this `Idempotency-Key` is still running (`idempotency_key_in_use`): retry in a moment.',
  422: 'This `Idempotency-Key` was already used with another request (`idempotency_key_reused`).',
} as const;

const idempotencyKey = z.object({
  'Idempotency-Key': z.string().min(1).max(255).optional().meta({
    description: 'Any unique string (a UUID). The first answer is kept for 24 hours and replayed, with `Idempotent-Replayed: true`, to a retry with the same key and body.',
  }),
});

type SellerRoute = Omit<RouteConfig, 'security' | 'responses'> & {
  tag: (typeof SELLER_TAGS)[number];
  ok: RouteConfig['responses'];
  /** when this route answers each error status (401 and 429 are added) */
  errors: Partial<Record<ErrorStatus, string>>;
};

/** A seller API route: Bearer key, rate-limit headers, 401/429, and on POST the Idempotency-Key header. */
export function sellerRoute({ tag, ok, errors: why, ...route }: SellerRoute) {
  const post = route.method === 'post';
  const all: Partial<Record<ErrorStatus, string>> = { ...why, 401: 'No API key, or one that is not valid (`unauthorized`).', 429: 'This API key made more requests this minute than the server allows (`rate_limited`); `Retry-After` says when to try again.' };
  if (post) for (const [s, d] of Object.entries(IDEMPOTENCY)) all[Number(s) as ErrorStatus] = all[Number(s) as ErrorStatus] ? `${all[Number(s) as ErrorStatus]} Or: ${d}` : d;
  const responses: RouteConfig['responses'] = {};
  for (const [status, res] of Object.entries(ok)) responses[status] = { ...res, headers: { ...RATE_HEADERS, ...(res as { headers?: object }).headers } };
  for (const [status, description] of Object.entries(all)) {
    // refused before it counts against a key's quota: no key, or a body too large to read
    const headers: Record<string, { description: string; schema: { type: 'string' } }> = status === '401' || status === '413' ? {} : { ...RATE_HEADERS };
    if (status === '429') headers['Retry-After'] = { description: 'Seconds until the quota resets.', schema: { type: 'string' } };
    responses[status] = { description, headers, content: { 'application/json': { schema: ErrorEnvelope } } };
  }
  const request = post ? { ...route.request, headers: idempotencyKey } : route.request;
  return createRoute({ ...route, request, tags: [tag], security: [{ apiKey: [] }], responses });
}
