import { createMiddleware } from 'hono/factory';

// Customer pages are private to whoever holds the link: never indexed, never in a shared cache.
export const CUSTOMER_HEADERS: Readonly<Record<string, string>> = {
  'X-Robots-Tag': 'noindex, nofollow',
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'private, no-cache',
};

export const CUSTOMER_CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export function applyCustomerHeaders(headers: Headers): void {
  for (const [k, v] of Object.entries(CUSTOMER_HEADERS)) headers.set(k, v);
  if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', CUSTOMER_CSP);
}

export const customerHeaders = createMiddleware(async (c, next) => {
  await next();
  applyCustomerHeaders(c.res.headers);
});
