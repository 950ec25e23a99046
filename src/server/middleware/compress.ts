import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createMiddleware } from 'hono/factory';

// Text answers (pages, JSON) compressed by Accept-Encoding: brotli, else gzip. Pages are small
// (~12 KB), so a fast brotli level costs ~0.1 ms; the page cache of a later change will keep
// compressed bodies so even that is paid once per change.
const MIN_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

/** The encoding the client accepts that we prefer (q=0 refuses one). */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/** A body as this server sends it in `encoding`: the same bytes when too small to be worth it. */
export const compressBody = (body: Buffer<ArrayBuffer>, encoding: 'br' | 'gzip'): Buffer<ArrayBuffer> =>
  body.length < MIN_BYTES ? body : encoding === 'br' ? brotliCompressSync(body, BROTLI) : gzipSync(body);

export const compressText = createMiddleware(async (c, next) => {
  await next();
  const res = c.res;
  const type = res.headers.get('content-type') ?? '';
  if (!res.body || res.headers.has('content-encoding') || !COMPRESSIBLE.test(type)) return;
  res.headers.append('Vary', 'Accept-Encoding');
  if (c.req.method === 'HEAD') return;
  const encoding = pickEncoding(c.req.header('accept-encoding'));
  if (!encoding) return;
  const body = Buffer.from(await res.arrayBuffer());
  const packed = compressBody(body, encoding);
  // Hono copies the old answer's headers onto the new one, so they are set on the old one.
  if (packed !== body) res.headers.set('Content-Encoding', encoding);
  res.headers.set('Content-Length', String(packed.length));
  c.res = new Response(packed, { status: res.status, headers: res.headers });
});
