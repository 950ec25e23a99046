import { Hono } from 'hono';
import { CONNECTORS } from '../../domain/integrations/connectors';
import { NotFound } from '../../domain/errors';
import { receiveHook } from '../../domain/integrations/receive';
import { WEBHOOK_SOURCES, type WebhookSource } from '../../domain/integrations/types';
import { limited } from '../middleware/body';
import type { Services } from '../services';

// Stores' order payloads run larger than the API's 64 KiB (an order of many lines with its metadata).
const limitHook = limited(1024 * 1024, 'Request body is larger than 1 MiB');

/** Inbound webhooks from the seller's stores and label platforms: POST /hooks/{source}/{connectorId}. */
export function hooksRoutes({ ctx }: Services) {
  return new Hono().post('/:source/:connectorId', limitHook, async (c) => {
    const raw = c.req.param('source');
    if (!(WEBHOOK_SOURCES as readonly string[]).includes(raw)) throw NotFound('Webhook');
    const source = raw as WebhookSource;
    const req = { body: new Uint8Array(await c.req.arrayBuffer()), header: (name: string) => c.req.header(name), url: new URL(c.req.url) };
    const outcome = await receiveHook({ ctx, input: { source, connectorId: c.req.param('connectorId'), req, connector: CONNECTORS[source] } });
    return c.json(outcome.kind === 'applied'
      ? { received: true, added: outcome.added, known: outcome.known, unmatched: outcome.unmatched, leftOut: outcome.refused.length }
      : { received: true, [outcome.kind]: true });
  });
}
