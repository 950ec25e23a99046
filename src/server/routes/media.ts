import { Hono } from 'hono';
import { NotFound } from '../../domain/errors';
import { loadLogo } from '../../domain/sellers';
import type { Services } from '../services';

/** Seller logos, served from our origin so a tracking page makes no third-party request. */
export function mediaRoutes(s: Services) {
  return new Hono().get('/logos/:slug', async (c) => {
    const logo = await loadLogo({ ctx: s.ctx, input: { slug: c.req.param('slug') } });
    if (!logo) throw NotFound('Logo');
    const versioned = c.req.query('v') === logo.version;
    return c.body(new Uint8Array(logo.data), 200, {
      'Content-Type': logo.type,
      'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      // an SVG opened directly must not run script
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
  });
}
