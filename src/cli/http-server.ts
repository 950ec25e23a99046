// One server process: Node's HTTP server in front of the built app (dist/server/entry.mjs).
// Requests the app could not take as they are — a malformed %-escape, an unsupported method
// (TRACE), which Astro's request building would answer with a bare "Bad request." or a 500 and a
// stack trace — are marked and handed on, so the app's one error model answers them (400 / 405
// with the envelope and the security headers).
import { readdirSync } from 'node:fs';
import http from 'node:http';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import send from 'send';
import { SECURITY_HEADERS } from '../server/middleware/customer-headers';
import { METHODS, REFUSED_HEADER } from '../server/refused';
import { CACHED_PAGE, cacheablePage } from '../server/page-cache-key';
import type { TrackingPageCache } from '../server/page-cache';

// The adapter runs in middleware mode (astro.config.mjs): its handler is the app alone, and the
// files of public/ are served here, as its standalone server would serve them (`send`, the same
// options), but only for the paths that are such files: a page's path is never looked for on disk.
const { handler } = (await import(new URL('../../dist/server/entry.mjs', import.meta.url).href)) as {
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
};
const CLIENT = fileURLToPath(new URL('../../dist/client/', import.meta.url));
/** Every file the build put beside the server, by its URL path (decoded): fixed once built. */
const PUBLIC_FILES = new Set(
  readdirSync(CLIENT, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => `/${relative(CLIENT, join(f.parentPath, f.name)).split(sep).join('/')}`),
);
// Astro's hashed build assets never change under their name.
const IMMUTABLE = '/_astro/';

/** The path of the public file a GET or HEAD asks for, as written in the URL; null for any other request. */
function publicFile(req: http.IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '/';
  const end = url.search(/[?#]/);
  const path = end < 0 ? url : url.slice(0, end);
  return PUBLIC_FILES.has(decodeURI(path)) ? path : null;
}

function servePublic(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
  const stream = send(req, path, { root: CLIENT, dotfiles: 'deny' });
  let found = false;
  stream.on('file', () => (found = true));
  stream.on('error', (err: { statusCode?: number }) => {
    // not there after all (a rebuild under a running server): the app answers, as for any unknown path
    if (!found) return void handler(req, res);
    const status = err.statusCode ?? 500;
    if (status >= 500) console.error(err);
    res.writeHead(status);
    res.end(status >= 500 ? 'Internal server error' : '');
  });
  stream.on('headers', () => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (path.startsWith(IMMUTABLE)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  });
  stream.pipe(res);
}

// The app's page cache (src/server/page-cache.ts), left on globalThis by the entry: a cached
// tracking page is answered here, without building a fetch Request or entering the app.
const cachedPage = Reflect.get(globalThis, CACHED_PAGE) as TrackingPageCache['lookup'] | undefined;

/** A request the page cache may answer: only these wait on its lookup, every other goes straight to the app. */
const mayBeCached = (req: http.IncomingMessage) => !!cachedPage && !req.headers[REFUSED_HEADER] && !!cacheablePage(req.method ?? '', req.url ?? '');

async function answerCached(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  const hit = await cachedPage!({ method: req.method!, url: req.url!, header });
  if (!hit) return false;
  res.writeHead(hit.status, hit.headers.flat());
  res.end(hit.body ?? undefined);
  return true;
}


function mark(req: http.IncomingMessage): void {
  delete req.headers[REFUSED_HEADER]; // only this process may set it
  const api = (req.url ?? '/').startsWith('/api');
  // undici's Request (and so Astro) cannot carry TRACE and friends: the app answers them as a 405.
  if (!METHODS.has(req.method ?? '')) {
    req.headers[REFUSED_HEADER] = `method ${(req.method ?? '').slice(0, 20)}`;
    req.method = 'GET';
    req.url = api ? '/api' : '/';
    return;
  }
  try {
    decodeURI(req.url ?? '/');
  } catch {
    req.headers[REFUSED_HEADER] = 'encoding';
    req.url = api ? '/api' : '/';
  }
}

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';
const server = http.createServer((req, res) => {
  mark(req);
  const file = req.headers[REFUSED_HEADER] ? null : publicFile(req);
  if (file) return servePublic(req, res, file);
  if (!mayBeCached(req)) return void handler(req, res);
  answerCached(req, res).then(
    (answered) => (answered ? undefined : handler(req, res)),
    (err: unknown) => {
      // the cache is only a shortcut: the app answers (and reports) whatever went wrong
      console.error('page cache:', err);
      return handler(req, res);
    },
  );
});
// A method Node's parser does not know (TRACK, BREW …) never becomes a request: answer it here, in
// the same shape the app would (the one place outside the app that must, as there is no request).
const SECURITY = Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('');
const PARSER_ERRORS: Record<string, [number, string, string]> = {
  HPE_INVALID_METHOD: [405, 'method_not_allowed', 'This method is not supported here'],
  HPE_HEADER_OVERFLOW: [431, 'bad_request', 'The request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'bad_request', 'The request took too long'],
};
server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
  // Nothing to answer on a dead socket, or once a response has started.
  if (err.code === 'ECONNRESET' || !socket.writable || (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) return socket.destroy();
  const [status, code, message] = PARSER_ERRORS[err.code ?? ''] ?? [400, 'bad_request', 'The request could not be read'];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${SECURITY}Connection: close\r\n\r\n${body}`);
});
// Longer than the idle timeouts of the clients and proxies in front, so they close idle
// connections first and never send a request into one this server is closing.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, host);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close());
