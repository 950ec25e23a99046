import { eq } from 'drizzle-orm';
import { integrations, sellers, type OutboundMessage } from '../../../db/schema';
import { translator, type Lang } from '../../i18n';
import { forSeller, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { openIntegration } from '../integrations/connect';
import { currentTrackingUrl } from '../links';
import { loadOrderDetail } from '../orders';
import { buildTrackingView } from '../tracking-view';
import { klaviyoEventBody, sendKlaviyoEvent, type KlaviyoTouchpoint } from './klaviyo';
import { orderEmail } from './klaviyo-queue';
import type { Sender } from './worker';

// A queued touchpoint sent to the seller's Klaviyo: the event is built when it is sent, from the
// order as it is then (its live link, the window in the customer's zone), with the message id as
// Klaviyo's unique_id, so a resend after a lost answer is one event in Klaviyo, not two.

export function klaviyoSender(o: { ctx: ServiceContext; baseUrl: string; timeoutMs: number }): Sender {
  const { ctx } = o;
  return async (msg: OutboundMessage) => {
    const [row] = await ctx.db.select().from(integrations).where(eq(integrations.id, msg.targetId)).limit(1);
    const connector = row && openIntegration(ctx.secrets.appSecret, row);
    if (!connector) return { ok: 'gone' }; // switched off (or its key no longer opens: saved again, it is a new key)
    const { orderId, touchpoint, occurredAt } = JSON.parse(msg.payload) as { orderId: number; touchpoint: KlaviyoTouchpoint; occurredAt: string };
    const email = await orderEmail(ctx, orderId);
    if (!email) return { ok: 'gone' };
    const sellerCtx = forSeller(ctx, msg.sellerId);
    const [detail, [seller], link] = await Promise.all([
      loadOrderDetail({ ctx: sellerCtx, input: { orderId } }).catch((e: unknown) => (e instanceof DomainError ? null : Promise.reject(e))),
      ctx.db.select().from(sellers).where(eq(sellers.id, msg.sellerId)).limit(1),
      currentTrackingUrl(sellerCtx, orderId),
    ]);
    if (!detail || !seller || !link) return { ok: 'gone' };
    const now = ctx.now();
    const view = buildTrackingView(detail, seller, now);
    const language: Lang = view.order.language ?? 'en';
    const t = translator(language);
    const headline = touchpoint === 'exception' ? (view.status.exception ?? 'delayed') : touchpoint;
    const pkg = view.packages[0];
    const body = klaviyoEventBody({
      touchpoint, deliveryId: msg.messageId, occurredAt: new Date(occurredAt), customer: { email, firstName: view.order.firstName },
      orderNumber: view.order.number, trackingUrl: link, status: t(`headline.${headline}` as Parameters<typeof t>[0], { seller: view.seller.name }),
      carrier: pkg?.carrierName ?? null, trackingNumber: pkg?.trackingNumber ?? null, language, expected: view.expected, zone: view.zone.id, now,
    });
    const r = await sendKlaviyoEvent({ baseUrl: o.baseUrl, privateKey: connector.credentials.privateKey!, timeoutMs: o.timeoutMs, body });
    if (r.ok) return { ok: true, status: r.status };
    // a refused key is the seller's to fix: shown on Integrations as the connector's last problem
    if (r.status === 401 || r.status === 403) {
      await ctx.db.transaction((tx) => tx.update(integrations).set({ lastError: r.message, lastErrorAt: now }).where(eq(integrations.id, msg.targetId)));
    }
    return { ok: false, status: r.status ?? null, message: r.message, retryAfterMs: r.retryAfterMs, permanent: !r.retryable };
  };
}
