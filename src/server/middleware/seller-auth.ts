import { createMiddleware } from 'hono/factory';
import type { ReadRow } from '../../../db/client';
import { authenticateApiKey } from '../../domain/api-keys';
import { ApiError } from '../errors';

export type SellerEnv = { Variables: { sellerId: number } };

/** Bearer API key → c.var.sellerId; 401 with the envelope otherwise. */
export const sellerAuth = (readRow: ReadRow) =>
  createMiddleware<SellerEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const sellerId = match ? await authenticateApiKey(readRow, match[1]!) : null;
    if (!sellerId) {
      c.header('WWW-Authenticate', 'Bearer realm="porchlight"');
      throw new ApiError(401, 'unauthorized', match ? 'API key is not valid' : 'Send Authorization: Bearer <api key>');
    }
    c.set('sellerId', sellerId);
    await next();
  });
