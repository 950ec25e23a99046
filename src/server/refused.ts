import { createMiddleware } from 'hono/factory';
import { BadRequest, MethodNotAllowed } from '../domain/errors';

/** Methods this server answers; anything else (TRACE, CONNECT, made-up ones) is a 405. */
export const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Set only by src/cli/http-server.ts on a request Astro's adapter could not carry as it came. */
export const REFUSED_HEADER = 'x-porchlight-refused';

/** Answers what the HTTP server marked: a method we do not serve (405) or a malformed %-escape (400). */
export const refusedRequests = createMiddleware(async (c, next) => {
  const refused = c.req.header(REFUSED_HEADER);
  if (refused?.startsWith('method ')) throw MethodNotAllowed(refused.slice('method '.length));
  if (refused) throw BadRequest('The address has a malformed %-escape');
  await next();
});
