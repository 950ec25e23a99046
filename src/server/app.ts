import { Hono } from 'hono';
import { MethodNotAllowed, NotFound } from '../domain/errors';
import { onError } from './errors';
import { limitBody } from './middleware/body';
import { compressText } from './middleware/compress';
import { customerHeaders, securityHeaders } from './middleware/customer-headers';
import { sameOriginPosts } from './middleware/same-origin';
import { idempotency } from './middleware/idempotency';
import { rateLimit } from './middleware/rate-limit';
import { sellerAuth, type SellerEnv } from './middleware/seller-auth';
import { openLink, type LinkEnv } from './routes/customer-link';
import { devSmsRoutes } from './routes/dev-sms';
import { feedbackRoutes } from './routes/feedback';
import { hooksRoutes } from './routes/hooks';
import { integrationsRoutes } from './routes/integrations';
import { mediaRoutes } from './routes/media';
import { ordersRoutes } from './routes/orders';
import { sellerFeedbackRoutes } from './routes/seller-feedback';
import { smsRoutes } from './routes/sms';
import { trackingRoutes } from './routes/tracking';
import { twilioRoutes } from './routes/twilio';
import { webhookEndpointsRoutes } from './routes/webhook-endpoints';
import { METHODS, refusedRequests } from './refused';
import type { Services } from './services';

/** The HTTP API (everything under /api, plus /media). Free of astro:* imports so tests can use it directly. */
export function createApp(services: Services) {
  const { ctx } = services;
  // Seller API: the Bearer key is checked once, before any of its routes, and scopes the context.
  const sellerApi = new Hono<SellerEnv>()
    .use(sellerAuth(ctx), rateLimit({ limit: services.config.api.rateLimitPerMinute, windowMs: 60_000 }), idempotency)
    .route('/', ordersRoutes())
    .route('/', sellerFeedbackRoutes())
    .route('/', integrationsRoutes())
    .route('/', webhookEndpointsRoutes());

  // Customer endpoints: the link in the path is opened once and scopes the context.
  const customerApi = new Hono<LinkEnv>()
    .use(customerHeaders, sameOriginPosts(services.config.publicBaseUrl))
    .use('/:token/*', openLink(services))
    .route('/', trackingRoutes())
    .route('/', smsRoutes(services))
    .route('/', feedbackRoutes(services));

  const api = new Hono()
    .use(limitBody)
    .get('/health', (c) => c.json({ ok: true }))
    .route('/v1', sellerApi)
    .route('/t', customerApi)
    .use('/dev/*', sameOriginPosts(services.config.publicBaseUrl))
    .route('/twilio', twilioRoutes(services))
    .route('/dev', devSmsRoutes(services))
    // explicit, so an unknown /api path is a JSON 404 even when this app is mounted in front of Astro
    .all('/*', () => {
      throw NotFound('Endpoint');
    })
    .onError(onError);

  return new Hono()
    .use(securityHeaders)
    .use(refusedRequests)
    .use(async (c, next) => {
      if (!METHODS.has(c.req.method)) throw MethodNotAllowed(c.req.method);
      await next();
    })
    .use(compressText)
    .route('/api', api)
    .route('/media', mediaRoutes(services))
    // webhooks from the seller's stores and label platforms (signed; no origin, no session)
    .route('/hooks', hooksRoutes(services))
    .onError(onError);
}

export type App = ReturnType<typeof createApp>;
