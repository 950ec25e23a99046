import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { DomainError, type ErrorCode } from '../domain/errors';

/** Each code's one HTTP status. */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  invalid_form: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  not_delivered: 409,
  edit_window_closed: 409,
  phone_opted_out: 409,
  link_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  phone_invalid: 422,
  phone_not_mobile: 422,
  phone_country_not_allowed: 422,
  consent_required: 422,
  comment_too_long: 422,
  note_too_long: 422,
  contact_invalid: 422,
  rate_limited: 429,
  idempotency_key_reused: 422,
  idempotency_key_in_use: 409,
  password_too_short: 422,
  password_too_long: 422,
  password_common: 422,
  email_taken: 409,
  credentials_invalid: 401,
  one_time_link_invalid: 410,
  internal_error: 500,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

/** The one error envelope: {"error": {"code", "message"}}. Only onError writes it. */
export function errorResponse(code: ErrorCode, message: string, extra?: Record<string, unknown>): Response {
  return Response.json({ error: { code, message }, ...extra }, { status: ERROR_STATUS[code] });
}

export function zodMessage(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Any thrown error as the envelope; only a genuine bug is a 500 (logged once, no details out). */
export function toDomainError(err: unknown): DomainError | null {
  if (err instanceof DomainError) return err;
  if (err instanceof ZodError) return new DomainError('validation_failed', zodMessage(err));
  if (err instanceof HTTPException) {
    const code: ErrorCode = err.status === 413 ? 'payload_too_large' : err.status === 401 ? 'unauthorized' : err.status === 405 ? 'method_not_allowed' : 'bad_request';
    return new DomainError(code, err.message || 'Bad request');
  }
  // A malformed %-escape in the path or query (decodeURIComponent inside the router).
  if (err instanceof URIError) return new DomainError('bad_request', 'The address has a malformed %-escape');
  return null;
}

export function onError(err: Error, c: Context): Response {
  const known = toDomainError(err);
  if (known) {
    const res = errorResponse(known.code, known.message, known.extra);
    if (known.code === 'unauthorized') res.headers.set('WWW-Authenticate', 'Bearer realm="porchlight"');
    return res;
  }
  console.error('unhandled error', c.req.method, c.req.path, err);
  return errorResponse('internal_error', 'Something went wrong on our side');
}
