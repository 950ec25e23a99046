import { Hono } from 'hono';
import { createWebhookEndpoint, deleteWebhookEndpoint, endpointInput, listWebhookEndpoints, type EndpointView } from '../../domain/outbound/endpoints';
import { readBody } from '../middleware/body';
import type { SellerEnv } from '../middleware/seller-auth';

const iso = (d: Date | null) => d && d.toISOString();

export const endpointResource = (e: EndpointView) => ({
  id: e.id, url: e.url, events: e.events, createdAt: e.createdAt.toISOString(),
  status: e.disabledAt ? ('disabled' as const) : ('enabled' as const),
  disabledAt: iso(e.disabledAt), failingSince: iso(e.failingSince), lastSuccessAt: iso(e.lastSuccessAt),
});

/** Seller API: outbound webhook endpoints (the signing secret is in the create answer only). */
export function webhookEndpointsRoutes() {
  return new Hono<SellerEnv>()
    .post('/webhook-endpoints', async (c) => {
      const { data } = await readBody(c, endpointInput);
      const { secret, ...endpoint } = await createWebhookEndpoint({ ctx: c.var.ctx, input: data });
      return c.json({ ...endpointResource(endpoint), secret }, 201);
    })
    .get('/webhook-endpoints', async (c) => c.json({ items: (await listWebhookEndpoints({ ctx: c.var.ctx })).map(endpointResource) }))
    .delete('/webhook-endpoints/:id', async (c) => {
      await deleteWebhookEndpoint({ ctx: c.var.ctx, input: { id: c.req.param('id').slice(0, 100) } });
      return c.body(null, 204);
    });
}
