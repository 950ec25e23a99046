import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../services';
import { json, serve } from './spec';
import { SELLER_TAGS } from './seller';
import { registerOutboundWebhooks } from './webhooks';

// The OpenAPI 3.1 document: generated from the routes' own zod schemas (their createRoute configs),
// once, after the whole app is composed; served at /api/v1/openapi.json without a key.

const DESCRIPTION = [
  'Porchlight’s HTTP API: the seller API (`/api/v1`, a Bearer API key from `npm run seller:create` or the dashboard’s API keys page),',
  'the customer endpoints behind a tracking link (`/api/t/{token}`, no login), inbound webhooks from stores and label platforms (`/hooks`),',
  'Twilio’s webhooks for text updates (`/api/twilio`), the development transport’s SMS inbox (`/api/dev`, only with `SMS_TRANSPORT=dev`),',
  'and the outbound webhooks Porchlight posts to the seller’s endpoints.',
  '\n\nEvery error is `{"error": {"code": "…", "message": "…"}}` with a 4xx or 5xx status; bodies over 64 KiB get 413.',
  'Every seller `POST` honours `Idempotency-Key`; every seller answer carries `RateLimit-Policy` and `RateLimit` when the server limits API calls.',
].join(' ');

/** GET /api/v1/openapi.json and GET /api/health, on the /api app (public: registered before the seller API's key check). */
export function describeRoutes(api: OpenAPIHono, document: () => unknown): void {
  serve(api, createRoute({
    method: 'get', path: '/v1/openapi.json', tags: ['Meta'], summary: 'This document',
    description: 'The OpenAPI 3.1 description of this API. No key needed.',
    responses: { 200: json(z.looseObject({ openapi: z.literal('3.1.0') }), 'The document.') },
  }), (c) => c.json(document()));
  serve(api, createRoute({
    method: 'get', path: '/health', tags: ['Meta'], summary: 'Health check',
    description: 'Answers while the process is up.',
    responses: { 200: json(z.object({ ok: z.literal(true) }).strict(), 'Up.') },
  }), (c) => c.json({ ok: true }));
}

/** The whole document, from the composed app's registry (call once every route is mounted). */
export function openApiDocument(app: OpenAPIHono, services: Pick<Services, 'config'>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http', scheme: 'bearer', description: 'A seller API key: `Authorization: Bearer <api key>`. Keys are per seller and stored hashed; a new one is shown once.',
  });
  registerOutboundWebhooks(app.openAPIRegistry);
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Porchlight API', version: '1.0.0', description: DESCRIPTION },
    servers: [{ url: services.config.publicBaseUrl }],
    tags: [
      ...SELLER_TAGS.map((name) => ({ name })),
      { name: 'Customer', description: 'Behind a tracking link, no login: what the tracking page reads and posts.' },
      { name: 'Inbound webhooks', description: 'From the seller’s stores and label platforms, verified each source’s own way.' },
      { name: 'Twilio', description: 'Twilio’s webhooks for text updates: its own form posts, signed with `X-Twilio-Signature`, answered with TwiML or nothing.' },
      { name: 'Outbound webhooks', description: 'What Porchlight posts to the seller’s webhook endpoints.' },
      { name: 'Development', description: 'Only with `SMS_TRANSPORT=dev`: a stand-in phone for trying text updates without Twilio. 404 with any other transport.' },
      { name: 'Meta' },
    ],
  });
}
