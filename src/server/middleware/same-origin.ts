import { createMiddleware } from 'hono/factory';
import { LOOPBACK_HOST as LOOPBACK_HOSTS } from '../../config';
import { Forbidden } from '../../domain/errors';

/**
 * Whether a browser's Origin is ours: PUBLIC_BASE_URL's origin, never whatever Host the request
 * claims. While PUBLIC_BASE_URL is a loopback address (development), its loopback aliases on the
 * same scheme and port pass too, so opening 127.0.0.1 instead of localhost still works.
 */
export function isOwnOrigin(origin: string, publicBaseUrl: string): boolean {
  const ours = new URL(publicBaseUrl);
  if (origin === ours.origin) return true;
  if (!LOOPBACK_HOSTS.test(ours.hostname)) return false;
  let theirs: URL;
  try {
    theirs = new URL(origin);
  } catch {
    return false;
  }
  return LOOPBACK_HOSTS.test(theirs.hostname) && theirs.protocol === ours.protocol && theirs.port === ours.port;
}

/**
 * Refuses cross-site posts: browsers send Origin (and Sec-Fetch-Site) on every POST, so a form on
 * another site is caught; non-browser clients cannot be tricked into posting and send neither.
 */
export const sameOriginPosts = (publicBaseUrl: string) =>
  createMiddleware(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
      if (crossSite || (origin !== undefined && !isOwnOrigin(origin, publicBaseUrl))) throw Forbidden('Cross-site posts are not accepted');
    }
    await next();
  });
