import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { DomainError, type DomainErrorCode } from '../domain/errors';

/** The one error envelope of product.md §7: {"error": {"code", "message"}}. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const DOMAIN_STATUS: Record<DomainErrorCode, ContentfulStatusCode> = {
  not_found: 404,
  conflict: 409,
  invalid_input: 422,
  unauthorized: 401,
  gone: 410,
  too_many_requests: 429,
};

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function zodMessage(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
  if (err instanceof DomainError) {
    // one code for every kind of bad input, whether zod or a domain rule caught it
    const code = err.reason ?? (err.code === 'invalid_input' ? 'validation_failed' : err.code);
    return c.json(errorBody(code, err.message), DOMAIN_STATUS[err.code]);
  }
  if (err instanceof ZodError) return c.json(errorBody('validation_failed', zodMessage(err)), 422);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'bad_request';
    return c.json(errorBody(code, err.message || 'Bad request'), status);
  }
  console.error('unhandled error', c.req.method, c.req.path, err);
  return c.json(errorBody('internal_error', 'Something went wrong on our side'), 500);
}
