import { createMiddleware } from 'hono/factory';
import { authenticateApiKey } from '../../domain/api-keys';
import { forSeller, type SellerContext, type ServiceContext } from '../../domain/context';
import { Unauthorized } from '../../domain/errors';

export type SellerEnv = { Variables: { ctx: SellerContext; apiKeyId: number } };

/** Bearer API key → c.var.ctx, the service context scoped to that seller (and the key's id); 401 otherwise. */
export const sellerAuth = (ctx: ServiceContext) =>
  createMiddleware<SellerEnv>(async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    const key = match ? await authenticateApiKey({ ctx, input: { apiKey: match[1]! } }) : null;
    if (!key) throw Unauthorized(match ? 'API key is not valid' : 'Send Authorization: Bearer <api key>');
    c.set('ctx', forSeller(ctx, key.sellerId));
    c.set('apiKeyId', key.keyId);
    await next();
  });
