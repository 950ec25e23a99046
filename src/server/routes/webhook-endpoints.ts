import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { createWebhookEndpoint, deleteWebhookEndpoint, endpointInput, listWebhookEndpoints, type EndpointView } from '../../domain/outbound/endpoints';
import { readBody } from '../middleware/body';
import type { SellerEnv } from '../middleware/seller-auth';
import { sellerRoute } from '../openapi/seller';
import { BODY_ERRORS, json, jsonBody, serve } from '../openapi/spec';
import { CreatedWebhookEndpointResource, WebhookEndpointResource } from '../resources/webhook-endpoint';

const iso = (d: Date | null) => d && d.toISOString();

export const endpointResource = (e: EndpointView): z.infer<typeof WebhookEndpointResource> => ({
  id: e.id, url: e.url, events: e.events, createdAt: e.createdAt.toISOString(),
  status: e.disabledAt ? ('disabled' as const) : ('enabled' as const),
  disabledAt: iso(e.disabledAt), failingSince: iso(e.failingSince), lastSuccessAt: iso(e.lastSuccessAt),
});

const create = sellerRoute({
  method: 'post', path: '/webhook-endpoints', tag: 'Webhook endpoints',
  summary: 'Add a webhook endpoint',
  description: 'Porchlight will post the chosen events (see Webhooks) to this URL, signed with the `whsec_…` secret in the answer — the only time it is shown. Private, loopback and link-local addresses are refused.',
  request: { body: jsonBody(endpointInput, { example: { url: 'https://shop.example.com/hooks/porchlight', events: ['order.delivered', 'report.created'] } }) },
  ok: { 201: json(CreatedWebhookEndpointResource, 'Added, with its signing secret.') },
  errors: { ...BODY_ERRORS, 422: 'Not an https URL Porchlight may call, an unknown event, or too many endpoints (`validation_failed`).' },
});
const list = sellerRoute({
  method: 'get', path: '/webhook-endpoints', tag: 'Webhook endpoints',
  summary: 'List webhook endpoints',
  description: 'The seller’s endpoints, with whether each is delivering (never their secrets).',
  ok: { 200: json(z.object({ items: z.array(WebhookEndpointResource) }), 'The endpoints.') },
  errors: {},
});
const remove = sellerRoute({
  method: 'delete', path: '/webhook-endpoints/{id}', tag: 'Webhook endpoints',
  summary: 'Delete a webhook endpoint',
  description: 'It gets nothing new; deliveries already made stay listed in the dashboard.',
  request: { params: z.object({ id: z.string().meta({ example: 'ep_3q2Z0m8s9kTfWcVd' }) }) },
  ok: { 204: { description: 'Deleted.' } },
  errors: { 404: 'No such endpoint for this seller (`not_found`).' },
});

/** Seller API: outbound webhook endpoints (the signing secret is in the create answer only). */
export function webhookEndpointsRoutes() {
  const app = new OpenAPIHono<SellerEnv>();
  serve(app, create, async (c) => {
    const { data } = await readBody(c, endpointInput);
    const { secret, ...endpoint } = await createWebhookEndpoint({ ctx: c.var.ctx, input: data });
    return c.json({ ...endpointResource(endpoint), secret }, 201);
  });
  serve(app, list, async (c) => c.json({ items: (await listWebhookEndpoints({ ctx: c.var.ctx })).map(endpointResource) }));
  serve(app, remove, async (c) => {
    await deleteWebhookEndpoint({ ctx: c.var.ctx, input: { id: (c.req.param('id') ?? '').slice(0, 100) } });
    return c.body(null, 204);
  });
  return app;
}
