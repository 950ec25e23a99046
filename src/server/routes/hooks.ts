import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { CONNECTORS } from '../../domain/integrations/connectors';
import { NotFound } from '../../domain/errors';
import { receiveHook } from '../../domain/integrations/receive';
import { WEBHOOK_SOURCES, type WebhookSource } from '../../domain/integrations/types';
import { limited } from '../middleware/body';
import { errors, json, serve } from '../openapi/spec';
import type { Services } from '../services';

// Stores' order payloads run larger than the API's 64 KiB (an order of many lines with its metadata).
const limitHook = limited(1024 * 1024, 'Request body is larger than 1 MiB');

export const HookReceivedResource = z.union([
  z.object({
    received: z.literal(true),
    added: z.int().meta({ description: 'orders and tracking events stored from this delivery' }),
    known: z.int().meta({ description: 'already stored (a repeat of something received before)' }),
    unmatched: z.int().meta({ description: 'scans for an order Porchlight does not have' }),
    leftOut: z.int().meta({ description: 'items of the payload refused as not valid' }),
  }).strict(),
  z.object({ received: z.literal(true), ping: z.literal(true) }).strict().meta({ description: 'a source’s test ping (WooCommerce)' }),
  z.object({ received: z.literal(true), repeat: z.literal(true) }).strict().meta({ description: 'this delivery id was received before: nothing done' }),
]);

const receive = createRoute({
  method: 'post', path: '/{source}/{connectorId}', tags: ['Inbound webhooks'],
  summary: 'Receive a webhook from a store or label platform',
  description: [
    'Where Shopify, WooCommerce, EasyPost and Shippo send order and tracking webhooks: the URL `PUT /api/v1/integrations/{source}` answered.',
    'Each is verified the source’s own way before anything is read: Shopify `X-Shopify-Hmac-Sha256`, WooCommerce `X-WC-Webhook-Signature`,',
    'EasyPost `X-Hmac-Signature`, Shippo the `?token=` in the URL. A delivery id seen before is acknowledged and does nothing. Bodies up to 1 MiB.',
  ].join(' '),
  request: {
    params: z.object({ source: z.enum(WEBHOOK_SOURCES), connectorId: z.string().meta({ description: 'The connector’s id, from its webhook URL.' }) }),
    query: z.object({ token: z.string().optional().meta({ description: 'Shippo only: the token in the webhook URL.' }) }),
    body: { required: true, description: 'The source’s own payload, as it sends it.', content: { 'application/json': { schema: z.looseObject({}) } } },
  },
  responses: {
    200: json(HookReceivedResource, 'Received.'),
    ...errors({
      400: 'The body is not valid JSON (`invalid_json`).',
      401: 'The signature (or Shippo’s token) does not match (`unauthorized`).',
      404: 'Not a webhook source, or no enabled connector with this id (`not_found`).',
      413: 'The body is larger than 1 MiB (`payload_too_large`).',
    }),
  },
});

/** Inbound webhooks from the seller's stores and label platforms: POST /hooks/{source}/{connectorId}. */
export function hooksRoutes({ ctx }: Services) {
  const app = new OpenAPIHono();
  serve(app, receive, limitHook, async (c) => {
    const raw = c.req.param('source');
    if (!(WEBHOOK_SOURCES as readonly string[]).includes(raw ?? '')) throw NotFound('Webhook');
    const source = raw as WebhookSource;
    const req = { body: new Uint8Array(await c.req.arrayBuffer()), header: (name: string) => c.req.header(name), url: new URL(c.req.url) };
    const outcome = await receiveHook({ ctx, input: { source, connectorId: c.req.param('connectorId')!, req, connector: CONNECTORS[source] } });
    return c.json(outcome.kind === 'applied'
      ? { received: true, added: outcome.added, known: outcome.known, unmatched: outcome.unmatched, leftOut: outcome.refused.length }
      : { received: true, [outcome.kind]: true });
  });
  return app;
}
