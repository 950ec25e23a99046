import { createMiddleware } from 'hono/factory';

// Customer pages are private to whoever holds the link: never indexed, never in a shared cache.
export const CUSTOMER_HEADERS: Readonly<Record<string, string>> = {
  'X-Robots-Tag': 'noindex, nofollow',
  'Cache-Control': 'private, no-cache',
};

// Pages send their own policy (src/layouts/page-css.ts); anything else (JSON, errors) loads nothing.
const DEFAULT_CSP = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Headers every answer carries, pages and API alike (a page's own CSP, with its style hashes, wins). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Content-Security-Policy': DEFAULT_CSP,
};

export function applySecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    const pageOwn = name === 'Content-Security-Policy' && headers.has(name);
    if (!pageOwn) headers.set(name, value);
  }
  // Pages say their character set in the header too, so nothing has to sniff it.
  if (headers.get('Content-Type') === 'text/html') headers.set('Content-Type', 'text/html; charset=utf-8');
}

export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  applySecurityHeaders(c.res.headers);
});

/** The customer pages and their API: never indexed, never cached by anyone but the customer. */
export const customerHeaders = createMiddleware(async (c, next) => {
  await next();
  for (const [k, v] of Object.entries(CUSTOMER_HEADERS)) c.res.headers.set(k, v);
});
