import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { compressBody, pickEncoding } from '../middleware/compress';

// GET /docs/api: the API reference, rendered in the browser by Scalar's standalone bundle
// (@scalar/api-reference), served from our own origin. Nothing leaves it: no CDN, no fonts from
// Scalar's servers, no telemetry, no request proxy, no AI agent; "Test request" calls this server.

const bundlePath = () => join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser', 'standalone.js');

// The bundle is ~5 MB: read once and compressed once per encoding, on first use.
let bundle: { raw: Buffer<ArrayBuffer>; packed: Partial<Record<'br' | 'gzip', Buffer<ArrayBuffer>>> } | null = null;
const loadBundle = () => (bundle ??= { raw: readFileSync(bundlePath()) as Buffer<ArrayBuffer>, packed: {} });

const SETUP = `Scalar.createApiReference('#reference', ${JSON.stringify({
  url: '/api/v1/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  proxyUrl: '',
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  hideClientButton: false,
  documentDownloadType: 'json',
  defaultHttpClient: { targetKey: 'shell', clientKey: 'curl' },
  operationTitleSource: 'summary',
  metaData: { title: 'Porchlight API reference' },
})});\n`;

// The page's policy: scripts from this origin only, requests to it only. Styles may be inline:
// Scalar's components set style attributes and add <style> elements at run time (a nonce covers
// only its first stylesheet), and the page shows nothing a visitor sent, so there is nothing to inject.
const POLICY = [
  "default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self' data:",
  "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Porchlight API reference</title>
</head>
<body>
<div id="reference"><noscript>The reference needs JavaScript. The document itself is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</noscript></div>
<script src="/docs/api/scalar.js"></script>
<script src="/docs/api/setup.js"></script>
</body>
</html>
`;

export function apiReferenceRoutes() {
  return new Hono()
    // `/docs/api/` (a typed or linked trailing slash) is the same page: one address for it, so 308 there
    .use(async (c, next) => {
      const url = new URL(c.req.url);
      if (!url.pathname.endsWith('/') || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
      return c.redirect(`${url.pathname.replace(/\/+$/, '')}${url.search}`, 308);
    })
    .get('/', (c) => {
      c.header('Content-Security-Policy', POLICY);
      c.header('Cache-Control', 'no-cache');
      return c.html(PAGE);
    })
    .get('/setup.js', (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.body(SETUP, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    })
    .get('/scalar.js', (c) => {
      const { raw, packed } = loadBundle();
      const encoding = pickEncoding(c.req.header('accept-encoding'));
      const headers: Record<string, string> = { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' };
      // unencoded, compressText adds Vary itself (and finds nothing to compress)
      if (!encoding) return c.body(raw, 200, headers);
      const body = (packed[encoding] ??= compressBody(raw, encoding));
      return c.body(body, 200, { ...headers, 'Content-Encoding': encoding, Vary: 'Accept-Encoding' });
    });
}
