import { Hono } from 'hono';
import { errorBody, onError } from './errors';
import { limitBody } from './middleware/body';
import { customerHeaders } from './middleware/customer-headers';
import { sameOriginPosts } from './middleware/same-origin';
import { mediaRoutes } from './routes/media';
import { devSmsRoutes } from './routes/dev-sms';
import { feedbackRoutes } from './routes/feedback';
import { sellerFeedbackRoutes } from './routes/seller-feedback';
import { sellerAuth, type SellerEnv } from './middleware/seller-auth';
import { ordersRoutes } from './routes/orders';
import { smsRoutes } from './routes/sms';
import { twilioRoutes } from './routes/twilio';
import { trackingRoutes } from './routes/tracking';
import type { Services } from './services';

/** The HTTP API (everything under /api, plus /media). Free of astro:* imports so tests can use it directly. */
export function createApp(services: Services) {
  // Seller API: the Bearer key is checked once, before any of its routes.
  const sellerApi = new Hono<SellerEnv>()
    .use(sellerAuth(services.readRow))
    .route('/', ordersRoutes(services))
    .route('/', sellerFeedbackRoutes(services));

  const api = new Hono()
    .use(limitBody)
    .get('/health', (c) => c.json({ ok: true }))
    .route('/v1', sellerApi)
    .use('/t/*', customerHeaders, sameOriginPosts(services.config.publicBaseUrl))
    .use('/dev/*', sameOriginPosts(services.config.publicBaseUrl))
    .route('/t', trackingRoutes(services))
    .route('/t', smsRoutes(services))
    .route('/t', feedbackRoutes(services))
    .route('/twilio', twilioRoutes(services))
    .route('/dev', devSmsRoutes(services))
    // explicit, so an unknown /api path is a JSON 404 even when this app is mounted in front of Astro
    .all('/*', (c) => c.json(errorBody('not_found', 'No such endpoint'), 404))
    .onError(onError);

  return new Hono()
    .route('/api', api)
    .route('/media', mediaRoutes(services))
    .onError(onError);
}

export type App = ReturnType<typeof createApp>;
