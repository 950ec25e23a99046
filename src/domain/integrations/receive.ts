import { deliveryTaken, webhookConnector } from '../../../db/queries/integrations';
import { forSeller, type ServiceContext } from '../context';
import { BadRequest, NotFound, Unauthorized } from '../errors';
import { openIntegration } from './connect';
import { deliveryKey, ingestDeliveries, type Applied } from './ingest';
import type { HookRequest, WebhookConnector, WebhookSource } from './types';
import { writesBack } from './writeback';

// One inbound webhook, in the order that keeps bad input cheap: the connector (by the unguessable
// id in its URL), then the signature over the raw bytes — before any write — then the delivery id
// (a repeat is acknowledged and does nothing), then the mapped orders and scans.

export type HookOutcome = { kind: 'ping' } | { kind: 'repeat'; deliveryId: string } | ({ kind: 'applied'; deliveryId: string | null } & Applied);

export async function receiveHook({ ctx, input }: {
  ctx: ServiceContext;
  input: { source: WebhookSource; connectorId: string; req: HookRequest; connector: WebhookConnector };
}): Promise<HookOutcome> {
  const { source, connector, req } = input;
  const row = await webhookConnector(ctx.read.row, input.connectorId.slice(0, 64), source);
  const open = row ? openIntegration(ctx.secrets.appSecret, row) : null;
  // unknown, switched off or unreadable (APP_SECRET changed): the same answer, nothing stored
  if (!open) throw NotFound('Webhook');
  if (connector.ping?.(req)) return { kind: 'ping' };
  const secret = open.credentials.webhookSecret ?? open.credentials.token ?? '';
  if (!connector.verify(req, secret)) throw Unauthorized('The webhook signature does not match');

  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(req.body));
  } catch {
    throw BadRequest('Body is not valid JSON', 'invalid_json');
  }
  const seller = forSeller(ctx, open.row.sellerId);
  const deliveryId = connector.deliveryId(req, payload);
  if (deliveryId && (await deliveryTaken(ctx.read.row, open.row.id, deliveryKey(deliveryId)))) return { kind: 'repeat', deliveryId };
  const deliveries = connector.map(req, payload);
  const applied = await ingestDeliveries(seller, { source, integrationId: open.row.id, deliveries, deliveryId, writeBack: writesBack(open.row.settings) });
  return { kind: 'applied', deliveryId, ...applied };
}
