import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { webhookEndpoints, type OutboundMessage } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { endpointSecret } from './endpoints';
import type { Poster } from './http-post';
import type { Sender } from './worker';

// A webhook delivery, signed the Standard Webhooks way (webhook-id, webhook-timestamp,
// webhook-signature over "id.timestamp.body"), with the official `standardwebhooks` library.

const ENDPOINT_TTL_MS = 5_000; // endpoints are read again this often (a deleted one's messages are cancelled in the database anyway)

export function webhookSender(o: { ctx: ServiceContext; poster: Poster; timeoutMs: number }): Sender {
  const { ctx } = o;
  const endpoints = new Map<string, { at: number; endpoint: { url: string; signer: Webhook | null; deleted: boolean; disabled: boolean } | null }>();

  async function endpointOf(id: string) {
    const t = ctx.now().getTime();
    const hit = endpoints.get(id);
    if (hit && t - hit.at < ENDPOINT_TTL_MS) return hit.endpoint;
    const [row] = await ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
    const secret = row && endpointSecret(ctx.secrets.appSecret, row);
    const endpoint = row ? { url: row.url, signer: secret ? new Webhook(secret) : null, deleted: !!row.deletedAt, disabled: !!row.disabledAt } : null;
    endpoints.set(id, { at: t, endpoint });
    return endpoint;
  }

  return async (msg: OutboundMessage) => {
    const endpoint = await endpointOf(msg.targetId);
    if (!endpoint || endpoint.deleted) return { ok: 'gone' };
    if (endpoint.disabled) return { ok: 'parked' };
    if (!endpoint.signer) return { ok: false, status: null, message: 'the signing secret no longer opens (APP_SECRET changed): delete the endpoint and add it again', permanent: true };
    const at = ctx.now();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Porchlight-Webhooks/1.0',
      'webhook-id': msg.messageId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': endpoint.signer.sign(msg.messageId, at, msg.payload),
    };
    return o.poster.post(endpoint.url, headers, msg.payload, o.timeoutMs);
  };
}
