import { Hono } from 'hono';
import { pages } from 'astro/hono';
import { createApp } from './server/app';
import { customerHeaders } from './server/middleware/customer-headers';
import { services } from './server/runtime';

// Hono in front: the API answers /api/* and /media/*; everything else is an Astro page.
const app = new Hono();
// Astro's Node adapter puts the client address on the Request (X-Forwarded-For only from trusted hosts).
const clientAddress = Symbol.for('astro.clientAddress');
app.route('/', createApp({ ...services, clientIp: (req) => Reflect.get(req, clientAddress) as string | undefined }));
app.use('/t/*', customerHeaders);
app.use(pages());

export default app;
