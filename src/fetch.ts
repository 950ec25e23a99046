import { Hono } from 'hono';
import { getFetchState, pages } from 'astro/hono';
import { NotFound } from './domain/errors';
import { createApp } from './server/app';
import { onError } from './server/errors';
import { limitBody } from './server/middleware/body';
import { sameOriginPosts } from './server/middleware/same-origin';
import { clientIpFrom } from './server/client-ip';
import { customerHeaders } from './server/middleware/customer-headers';
import { startServices } from './server/runtime';

// The composition root: services built once, the API (Hono) in front, every other path an Astro
// page that gets the same service context through Astro.locals.
const services = await startServices();
// Astro's Node adapter puts the socket's peer address on the Request; proxies are ours to trust.
const peer = Symbol.for('astro.clientAddress');
const clientIp = (req: Request) => clientIpFrom(req.headers, Reflect.get(req, peer) as string | undefined, services.config.trustProxyHops);
const site = { seedDemo: services.config.seedDemo, devSms: services.config.sms.transport === 'dev' };

const app = new Hono();
app.route('/', createApp({ ...services, clientIp }));
app.use('/t/*', customerHeaders);
// The tracking pages take their own forms (no JavaScript): the same size limit and origin check as the API.
app.use('/t/*', limitBody, sameOriginPosts(services.config.publicBaseUrl));
// Astro's image endpoint: nothing here uses it, and it answered 500 to some inputs.
for (const path of ['/_image', '/_image/*']) {
  app.all(path, () => {
    throw NotFound('Page');
  });
}
app.use(async (c, next) => {
  Object.assign(getFetchState(c).locals, { ctx: services.ctx, site, clientIp: (req: Request) => clientIp(req) ?? 'unknown' });
  await next();
});
app.use(pages());
app.onError(onError);

export default app;
