import { Hono } from 'hono';
import { pages } from 'astro/hono';
import { createApp } from './server/app';
import { customerHeaders } from './server/middleware/customer-headers';
import { services } from './server/runtime';

// Hono in front: the API answers /api/* and /media/*; everything else is an Astro page.
const app = new Hono();
app.route('/', createApp(services));
app.use('/t/*', customerHeaders);
app.use(pages());

export default app;
