import { z } from 'zod';
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Env, Handler, MiddlewareHandler } from 'hono';
import { ErrorEnvelope } from '../resources/customer';

// How a route describes itself in the OpenAPI document. `serve` registers the description and the
// handler side by side, without @hono/zod-openapi's own validators: requests keep going through
// readBody (JSON or form, 415/400/422 in the one envelope), and the schemas the document shows are
// the very ones readBody validates with and the resources answer with. Descriptions go in zod's own
// .meta() (read by the generator), not .openapi(): that needs zod patched before a schema is made.

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429;
type Responses = RouteConfig['responses'];

/** Registers `route` in the document and serves it with `handlers` (Hono's own routing, no added validation). */
export function serve<E extends Env>(app: OpenAPIHono<E>, route: RouteConfig, ...handlers: [...MiddlewareHandler<E>[], Handler<E>]): void {
  app.openAPIRegistry.registerPath(route);
  const path = route.path.replaceAll(/\{(\w+)\}/g, ':$1');
  (app.on as (method: string, path: string, ...h: unknown[]) => unknown)(route.method.toUpperCase(), path, ...handlers);
}

/** A JSON answer described by its zod schema. */
export const json = (schema: z.ZodType, description: string, headers?: Record<string, { description: string; schema: { type: 'string' } }>) =>
  ({ description, content: { 'application/json': { schema } }, ...(headers ? { headers } : {}) });

/** A JSON request body; `description` says what else is accepted (forms, for the customer endpoints). */
export const jsonBody = (schema: z.ZodType, opts: { description?: string; example?: unknown } = {}) =>
  ({ required: true, description: opts.description, content: { 'application/json': { schema, ...(opts.example === undefined ? {} : { example: opts.example }) } } });

/** Error answers, each with the one envelope; `why` says when this route gives that status. */
export function errors(why: Partial<Record<ErrorStatus, string>>): Responses {
  const out: Responses = {};
  for (const [status, description] of Object.entries(why)) out[status] = json(ErrorEnvelope, description);
  return out;
}

export const BODY_ERRORS = {
  400: 'The body is not valid JSON (`invalid_json`).',
  413: 'The body is larger than 64 KiB (`payload_too_large`).',
  415: 'The body is neither `application/json` nor a form (`unsupported_media_type`).',
} as const satisfies Partial<Record<ErrorStatus, string>>;
