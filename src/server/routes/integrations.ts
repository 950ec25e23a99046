import { Hono } from 'hono';
import { connectInput, connectSource, disconnectSource } from '../../domain/integrations/connect';
import { NotFound } from '../../domain/errors';
import { SOURCES, type Source } from '../../domain/integrations/types';
import { readBody } from '../middleware/body';
import type { SellerEnv } from '../middleware/seller-auth';

const sourceOf = (raw: string): Source => {
  if (!(SOURCES as readonly string[]).includes(raw)) throw NotFound('Integration source');
  return raw as Source;
};

/** Seller API: connect a source (its secrets in, the webhook URL to register out; never echoed) or switch it off. */
export function integrationsRoutes() {
  return new Hono<SellerEnv>()
    .put('/integrations/:source', async (c) => {
      const source = sourceOf(c.req.param('source'));
      const { data } = await readBody(c, connectInput(source));
      return c.json(await connectSource({ ctx: c.var.ctx, input: { source, body: data } }));
    })
    .delete('/integrations/:source', async (c) => {
      await disconnectSource({ ctx: c.var.ctx, input: { source: sourceOf(c.req.param('source')) } });
      return c.body(null, 204);
    });
}
