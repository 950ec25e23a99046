import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors';

/**
 * Refuses cross-site POSTs to the customer endpoints: browsers send Origin (and Sec-Fetch-Site)
 * on every POST, so a form on another site is caught; non-browser clients cannot be tricked into
 * posting and send neither. Our own origin is PUBLIC_BASE_URL's or the request's.
 */
export const sameOriginPosts = (publicBaseUrl: string) => {
  const publicOrigin = new URL(publicBaseUrl).origin;
  return createMiddleware(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      const crossSite = c.req.header('sec-fetch-site') === 'cross-site';
      if (crossSite || (origin !== undefined && origin !== publicOrigin && origin !== new URL(c.req.url).origin)) {
        throw new ApiError(403, 'forbidden', 'Cross-site posts are not accepted');
      }
    }
    await next();
  });
};
