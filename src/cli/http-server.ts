// One server process: Node's HTTP server in front of the built app (dist/server/entry.mjs).
// Astro's own standalone server answers a malformed %-escape with a bare "Bad request." and an
// unsupported method (TRACE) with a 500 and a stack trace, before our app sees the request. Here
// such requests are marked and handed on, so the app's one error model answers them (400 / 405
// with the envelope and the security headers).
import http from 'node:http';
import { REFUSED_HEADER } from '../server/refused';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(new URL('../../dist/server/entry.mjs', import.meta.url).href)) as {
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
};

// What undici's Request (and so Astro) can carry; anything else becomes a 405 from the app.
const CARRIED = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function mark(req: http.IncomingMessage): void {
  delete req.headers[REFUSED_HEADER]; // only this process may set it
  const api = (req.url ?? '/').startsWith('/api');
  if (!CARRIED.has(req.method ?? '')) {
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
  handler(req, res);
});
// A method Node's parser does not know (TRACK, BREW …) never becomes a request: answer it here, in
// the same shape the app would (the one place outside the app that must, as there is no request).
const SECURITY = 'X-Content-Type-Options: nosniff\r\nReferrer-Policy: same-origin\r\nContent-Security-Policy: default-src \'none\'; base-uri \'none\'; frame-ancestors \'none\'';
server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
  if (!socket.writable) return socket.destroy();
  const [status, code, message] = err.code === 'HPE_INVALID_METHOD'
    ? [405, 'method_not_allowed', 'This method is not supported here']
    : [400, 'bad_request', 'The request could not be read'];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${SECURITY}\r\nConnection: close\r\n\r\n${body}`);
});
// Longer than the idle timeouts of the clients and proxies in front, so they close idle
// connections first and never send a request into one this server is closing.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, host);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close());
