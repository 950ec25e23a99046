import { OpenAPIHono } from '@hono/zod-openapi';
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
import { describeRoutes, openApiDocument } from './openapi/document';
import { apiReferenceRoutes } from './openapi/reference';
import type { Services } from './services';

/** The HTTP API (everything under /api, plus /media). Free of astro:* imports so tests can use it directly. */
export function createApp(services: Services) {
  const { ctx } = services;
  // Seller API: the Bearer key is checked once, before any of its routes, and scopes the context.
  const sellerApi = new OpenAPIHono<SellerEnv>();
  sellerApi
    .use(sellerAuth(ctx), rateLimit({ limit: services.config.api.rateLimitPerMinute, windowMs: 60_000 }), idempotency)
    .route('/', ordersRoutes())
    .route('/', sellerFeedbackRoutes())
    .route('/', integrationsRoutes())
    .route('/', webhookEndpointsRoutes());

  // Customer endpoints: the link in the path is opened once and scopes the context.
  const customerApi = new OpenAPIHono<LinkEnv>();
  customerApi
    .use(customerHeaders, sameOriginPosts(services.config.publicBaseUrl))
    .use('/:token/*', openLink(services))
    .route('/', trackingRoutes())
    .route('/', smsRoutes(services))
    .route('/', feedbackRoutes(services));

  // The OpenAPI document is built from every route's description once the app is composed (see `app` below).
  let document: ReturnType<typeof openApiDocument> | undefined;
  const api = new OpenAPIHono();
  api.use(limitBody);
  describeRoutes(api, () => (document ??= openApiDocument(app, services)));
  api
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

  const app = new OpenAPIHono();
  app
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
    .route('/docs/api', apiReferenceRoutes())
    .onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
