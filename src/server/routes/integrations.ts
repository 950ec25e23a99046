import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { connectInput, connectSource, disconnectSource } from '../../domain/integrations/connect';
import { NotFound } from '../../domain/errors';
import { SOURCES, type Source } from '../../domain/integrations/types';
import { readBody } from '../middleware/body';
import type { SellerEnv } from '../middleware/seller-auth';
import { sellerRoute } from '../openapi/seller';
import { BODY_ERRORS, json, jsonBody, serve } from '../openapi/spec';

const sourceOf = (raw: string | undefined): Source => {
  if (!(SOURCES as readonly string[]).includes(raw ?? '')) throw NotFound('Integration source');
  return raw as Source;
};

const params = z.object({ source: z.enum(SOURCES) });
const NO_SOURCE = 'Not one of the sources (`not_found`).';
export const ConnectedResource = z.object({
  source: z.enum(SOURCES),
  webhookUrl: z.url().nullable().meta({ description: 'Register this URL at the source (Shippo’s carries its token, shown only now); null for Amazon, which is polled.' }),
});

const connect = sellerRoute({
  method: 'put', path: '/integrations/{source}', tag: 'Integrations',
  summary: 'Connect a source',
  description: [
    'Connects (or reconnects, rotating its credentials) a store or label platform. The body is that source’s own:',
    '`shopify`: `webhookSecret` (the app’s client secret), `shopDomain`, `accessToken`, `writeBack`; `woocommerce`, `easypost`: `webhookSecret`;',
    '`shippo`: `{}`; `amazon`: `lwaClientId`, `lwaClientSecret`, `refreshToken`, `region` (or `endpoint`). Secrets are never echoed.',
  ].join(' '),
  request: { params, body: jsonBody(z.union(SOURCES.map((s) => connectInput(s).meta({ title: s }))), { example: { webhookSecret: 'whsec_from_the_source', shopDomain: 'acme-goods.myshopify.com', accessToken: 'shpat_0123456789abcdef', writeBack: false } }) },
  ok: { 200: json(ConnectedResource, 'Connected: the webhook URL to register at the source.') },
  errors: { ...BODY_ERRORS, 404: NO_SOURCE, 422: 'A setting is missing or not valid for this source (`validation_failed`).' },
});
const disconnect = sellerRoute({
  method: 'delete', path: '/integrations/{source}', tag: 'Integrations',
  summary: 'Switch a source off',
  description: 'Its webhooks are refused (404) until it is connected again.',
  request: { params },
  ok: { 204: { description: 'Switched off.' } },
  errors: { 404: 'Not one of the sources, or not connected (`not_found`).' },
});

/** Seller API: connect a source (its secrets in, the webhook URL to register out; never echoed) or switch it off. */
export function integrationsRoutes() {
  const app = new OpenAPIHono<SellerEnv>();
  serve(app, connect, async (c) => {
    const source = sourceOf(c.req.param('source'));
    const { data } = await readBody(c, connectInput(source));
    return c.json(await connectSource({ ctx: c.var.ctx, input: { source, body: data } }));
  });
  serve(app, disconnect, async (c) => {
    await disconnectSource({ ctx: c.var.ctx, input: { source: sourceOf(c.req.param('source')) } });
    return c.body(null, 204);
  });
  return app;
}
