import { sql } from 'drizzle-orm';
import { integrations, webhookEndpoints, type TrackingEvent } from '../../../db/schema';
import type { ServiceContext } from '../context';
import type { Tx } from '../sms/rate-limits';
import { stageRank, type Stage } from '../status';
import type { KlaviyoTouchpoint } from './klaviyo';
import { queueKlaviyoTouchpoint } from './klaviyo-queue';
import { orderFacts, queueWebhookEvent } from './queue';

// An order's standing changed with an event: the touchpoints sellers' systems follow. A stage is
// news once (a late scan of an earlier stage never repeats it); an exception when it appears.

const SHIPPED = stageRank('shipped');

function touchpoint(before: Stage, after: Stage): 'order.shipped' | 'order.out_for_delivery' | 'order.delivered' | null {
  if (after === before) return null;
  if (after === 'delivered') return 'order.delivered';
  if (after === 'out_for_delivery') return 'order.out_for_delivery';
  // in transit without a shipped scan first is still the news that it shipped
  if (stageRank(after) >= SHIPPED && stageRank(before) < SHIPPED) return 'order.shipped';
  return null;
}

/** Whether the seller has a live webhook endpoint or Klaviyo on: most events of most stores need nothing more. */
async function wantsOutbound(tx: Tx, sellerId: number): Promise<boolean> {
  const [row] = await tx.all<{ yes: number }>(sql`SELECT
    EXISTS (SELECT 1 FROM ${webhookEndpoints} WHERE ${webhookEndpoints.sellerId} = ${sellerId} AND ${webhookEndpoints.deletedAt} IS NULL AND ${webhookEndpoints.disabledAt} IS NULL)
    OR EXISTS (SELECT 1 FROM ${integrations} WHERE ${integrations.sellerId} = ${sellerId} AND ${integrations.source} = 'klaviyo' AND ${integrations.enabled} = 1) AS yes`);
  return !!row?.yes;
}

export async function queueOrderEvents(
  tx: Tx,
  keys: Pick<ServiceContext, 'secrets' | 'baseUrl'>,
  change: { orderId: number; sellerId: number; before: { stage: Stage; exception: string | null }; after: { stage: Stage; exception: string | null }; cause: TrackingEvent | null; now: Date },
): Promise<void> {
  const { before, after } = change;
  const types = [touchpoint(before.stage, after.stage), after.exception && after.exception !== before.exception ? ('order.exception' as const) : null].filter((t) => t !== null);
  const readied = after.stage === 'ready_to_ship' && before.stage === 'order_placed';
  if ((!types.length && !readied) || !(await wantsOutbound(tx, change.sellerId))) return;
  const facts = await orderFacts(tx, keys, change.orderId);
  if (!facts) return;
  // the same news for the seller's Klaviyo flows (plus "ready to ship", a touchpoint webhooks do not carry)
  const klaviyo: KlaviyoTouchpoint[] = [...(readied ? (['ready_to_ship'] as const) : []), ...types.map((t) => (t === 'order.exception' ? 'exception' : t.slice('order.'.length)) as KlaviyoTouchpoint)];
  const occurredAt = change.cause?.occurredAt ?? change.now;
  for (const touchpoint of klaviyo) await queueKlaviyoTouchpoint(tx, { sellerId: facts.sellerId, orderId: change.orderId, touchpoint, occurredAt, now: change.now });
  const e = change.cause;
  const data = {
    orderNumber: facts.orderNumber,
    status: { stage: after.stage, exception: after.exception },
    trackingUrl: facts.trackingUrl,
    event: e && {
      type: e.type, occurredAt: e.occurredAt.toISOString(),
      location: e.city || e.region || e.country ? { city: e.city, region: e.region, country: e.country } : null,
      deliveryWindow: e.windowStart && e.windowEnd ? { start: e.windowStart.toISOString(), end: e.windowEnd.toISOString() } : null,
      deliveredTo: e.deliveredTo,
    },
  };
  for (const type of types) await queueWebhookEvent(tx, { sellerId: facts.sellerId, type, data, now: change.now });
}
