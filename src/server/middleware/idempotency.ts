import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../../domain/idempotency';
import { BadRequest, Conflict, DomainError } from '../../domain/errors';
import type { SellerEnv } from './seller-auth';

// `Idempotency-Key` on every seller POST (src/domain/idempotency.ts). The request is identified by
// its method, path and body bytes; the answer kept is the status, content type and body.

const KEY = /^[\x21-\x7e]{1,255}$/;

export const idempotency = createMiddleware<SellerEnv>(async (c, next) => {
  const key = c.req.method === 'POST' ? c.req.header('idempotency-key') : undefined;
  if (key === undefined) return next();
  if (!KEY.test(key)) throw BadRequest('Idempotency-Key must be 1 to 255 visible ASCII characters');
  const ctx = c.var.ctx;
  const body = new Uint8Array(await c.req.arrayBuffer()); // kept by Hono: the route reads it again
  const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(body).digest('hex');
  const claim = await claimIdempotencyKey({ ctx, input: { key, requestHash } });
  if (claim.kind === 'mismatch') throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was sent with another request: use a new key for a new request');
  if (claim.kind === 'running') throw Conflict('A request with this Idempotency-Key is still running: try again in a moment', 'idempotency_key_in_use');
  if (claim.kind === 'replay') {
    return new Response(claim.body, { status: claim.status, headers: { ...(claim.contentType ? { 'content-type': claim.contentType } : {}), 'idempotent-replayed': 'true' } });
  }
  try {
    await next();
  } catch (e) {
    await releaseIdempotencyKey({ ctx, input: { key, requestHash } });
    throw e;
  }
  if (c.res.status >= 500) return releaseIdempotencyKey({ ctx, input: { key, requestHash } });
  const answer = await c.res.clone().text();
  await completeIdempotencyKey({ ctx, input: { key, requestHash, status: c.res.status, contentType: c.res.headers.get('content-type'), body: answer } });
});
