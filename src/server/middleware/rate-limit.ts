import { createMiddleware } from 'hono/factory';
import { countApiCall, type ApiRateLimit } from '../../domain/api-rate-limit';
import { RateLimited } from '../../domain/errors';
import { onError } from '../errors';
import type { SellerEnv } from './seller-auth';

// The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): the policy, and what is
// left of it with the seconds until it resets, on every seller answer; 429 + Retry-After past it.
const POLICY = 'per-key';

export const rateLimit = (limit: ApiRateLimit) =>
  createMiddleware<SellerEnv>(async (c, next) => {
    if (limit.limit <= 0) return next();
    const count = await countApiCall({ ctx: c.var.ctx, input: { keyId: c.var.apiKeyId, limit } });
    // Set on the final answer (an error's or a replayed one's included), not on the context.
    const stamp = (res: Response) => {
      res.headers.set('RateLimit-Policy', `"${POLICY}";q=${limit.limit};w=${limit.windowMs / 1000}`);
      res.headers.set('RateLimit', `"${POLICY}";r=${count.remaining};t=${count.resetSeconds}`);
      return res;
    };
    if (count.exceeded) {
      const s = count.resetSeconds;
      const res = onError(RateLimited(`This API key made more than ${limit.limit} requests in ${limit.windowMs / 1000} seconds: try again in ${s} second${s === 1 ? '' : 's'}`), c);
      res.headers.set('Retry-After', String(s));
      return stamp(res);
    }
    await next();
    stamp(c.res);
  });
