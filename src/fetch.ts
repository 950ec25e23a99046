import { Hono } from 'hono';
import { pages } from 'astro/hono';
import { createApp } from './server/app';
import { clientIpFrom } from './server/client-ip';
import { customerHeaders } from './server/middleware/customer-headers';
import { services } from './server/runtime';

// Hono in front: the API answers /api/* and /media/*; everything else is an Astro page.
const app = new Hono();
// Astro's Node adapter puts the socket's peer address on the Request; proxies are ours to trust.
const peer = Symbol.for('astro.clientAddress');
const clientIp = (req: Request) => clientIpFrom(req.headers, Reflect.get(req, peer) as string | undefined, services.config.trustProxyHops);
app.route('/', createApp({ ...services, clientIp }));
app.use('/t/*', customerHeaders);
app.use(pages());

export default app;
