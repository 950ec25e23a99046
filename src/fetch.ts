import { Hono } from 'hono';
import { getFetchState, pages } from 'astro/hono';
import { DomainError, NotFound } from './domain/errors';
import { createApp } from './server/app';
import { onError } from './server/errors';
import { limitBody, limitLogoUpload, limitUpload } from './server/middleware/body';
import { sameOriginPosts } from './server/middleware/same-origin';
import { clientIpFrom } from './server/client-ip';
import { customerHeaders } from './server/middleware/customer-headers';
import { startServices } from './server/runtime';
import { CACHED_PAGE, trackingPageCache } from './server/page-cache';
import { sessionCookie } from './server/session-cookie';
import { validateSession } from './domain/accounts/sessions';
import { forMember } from './domain/context';

// The composition root: services built once, the API (Hono) in front, every other path an Astro
// page that gets the same service context through Astro.locals.
const services = await startServices();
// Astro's Node adapter puts the socket's peer address on the Request; proxies are ours to trust.
const peer = Symbol.for('astro.clientAddress');
const clientIp = (req: Request) => clientIpFrom(req.headers, Reflect.get(req, peer) as string | undefined, services.config.trustProxyHops);
const site = { seedDemo: services.config.seedDemo, devSms: services.config.sms.transport === 'dev', devMail: services.config.email.transport === 'dev' };
const cookie = sessionCookie(services.config.publicBaseUrl);

const pageCache = trackingPageCache({ ctx: services.ctx, maxBytes: services.config.pageCacheBytes });
// The process's HTTP front (src/cli/http-server.ts) answers cached pages before any of this runs.
Reflect.set(globalThis, CACHED_PAGE, pageCache.lookup);

// Astro asks for a page's module with import() on every request; for a module already loaded Node
// still resolves the specifier each time, here through tsx's loader hooks (a few % of a render).
// Each page's module is asked for once and its promise kept (a failed load is asked for again).
const kept = new WeakSet<object>();
function keepPageModules(pageMap: Map<string, () => Promise<unknown>> | undefined): void {
  if (!pageMap || kept.has(pageMap)) return;
  kept.add(pageMap);
  for (const [path, load] of pageMap) {
    let loaded: Promise<unknown> | undefined;
    pageMap.set(path, () => (loaded ??= load().catch((e: unknown) => {
      loaded = undefined;
      throw e;
    })));
  }
}

const app = new Hono();
// A rendered tracking page is kept for the process's HTTP front to serve (it answers hits before any
// of this runs): read once, no tee of Astro's stream, and answered from the bytes read.
app.use('/t/:token', async (c, next) => {
  await next();
  const page = getFetchState(c).locals.pageCache;
  if (!page || c.req.method !== 'GET') return;
  const url = new URL(c.req.url);
  const req = { method: c.req.method, url: url.pathname + url.search, header: (name: string) => c.req.header(name) };
  const rendered = { status: c.res.status, headers: c.res.headers, body: Buffer.from(await c.res.arrayBuffer()) };
  const answer = pageCache.save(req, rendered, page);
  c.res = answer
    ? new Response(answer.body, { status: answer.status, headers: answer.headers })
    : new Response(rendered.body, { status: rendered.status, headers: rendered.headers });
});
app.route('/', createApp({ ...services, clientIp }));
app.use('/t/*', customerHeaders);
// The tracking pages take their own forms (no JavaScript): the same size limit and origin check as the API.
app.use('/t/*', limitBody, sameOriginPosts(services.config.publicBaseUrl));
// Astro's image endpoint: nothing here uses it, and it answered 500 to some inputs.
// The seller's side: its forms take the same size limit and origin check.
for (const path of ['/signup', '/login', '/logout', '/forgot', '/reset/*', '/invite/*', '/dashboard', '/dashboard/*', '/s/*']) {
  app.use(path, sameOriginPosts(services.config.publicBaseUrl));
  // the CSV import takes files up to 20 MB, a logo 200 KB; every other form 64 KiB
  app.use(path, async (c, next) => {
    const limit = c.req.path === '/dashboard/import' ? limitUpload : c.req.path === '/dashboard/settings' ? limitLogoUpload : limitBody;
    try {
      await limit(c, next);
    } catch (e) {
      // a browser's form over the limit goes back to its page, which says so (the body is never read)
      if (!(e instanceof DomainError && e.code === 'payload_too_large' && c.req.header('accept')?.includes('text/html'))) throw e;
      return c.redirect(`${c.req.path}?refused=too_large`, 303);
    }
  });
}
for (const path of ['/_image', '/_image/*']) {
  app.all(path, () => {
    throw NotFound('Page');
  });
}
app.use(async (c, next) => {
  // A signed-in seller's context, when the request carries a live session (customer pages never look).
  const token = c.req.path.startsWith('/t/') ? null : cookie.read(c.req.header('cookie') ?? null);
  const session = token ? await validateSession({ ctx: services.ctx, input: { token } }) : null;
  const state = getFetchState(c);
  keepPageModules(state.manifest.pageMap);
  // The adapter's experimentalDisableStreaming (astro.config.mjs) only reaches Astro's own handler:
  // a custom one's state streams unless told. A page is small and answered whole (the page cache
  // keeps it): rendered to one string, not an async iterable read back through a web stream.
  state.streaming = false;
  Object.assign(state.locals, {
    ctx: services.ctx, site, clientIp: (req: Request) => clientIp(req) ?? 'unknown', cookie,
    member: session ? forMember(services.ctx, session) : null,
  });
  // Every dashboard path needs a session: a signed-out visitor signs in first, then comes back.
  if (!session && (c.req.path === '/dashboard' || c.req.path.startsWith('/dashboard/'))) {
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  }
  await next();
});
app.use(pages());
app.onError(onError);

export default app;
