import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { sellers } from '../../../db/schema';
import type { SellerContext } from '../context';
import { Conflict, NotFound } from '../errors';
import { currentTrackingUrl } from '../links';
import { loadOrderDetail, requireOrderId } from '../orders';
import { buildTrackingView } from '../tracking-view';
import { deliveryWindowText } from './delivery-window-text';
import { renderMessage, type MessageValues, type RenderedMessage } from './render';
import { parseTemplate } from './template';
import { templateFor, templateKeyInput, type MessageLanguage } from './templates';

export const previewInput = templateKeyInput.extend({
  orderNumber: z.string().min(1),
  /** unsaved edits from the page, validated as a save would be */
  subject: z.string().transform((s) => parseTemplate(s, 'subject')).optional(),
  body: z.string().transform((s) => parseTemplate(s, 'body')).optional(),
});

/**
 * The variables for one of this seller's orders, as a message in `language` would carry them now:
 * its live tracking link and the expected arrival in the destination's zone.
 */
export async function orderMessageValues(ctx: SellerContext, orderId: number, language: MessageLanguage): Promise<MessageValues> {
  const [detail, [seller], link] = await Promise.all([
    loadOrderDetail({ ctx, input: { orderId } }),
    ctx.db.select().from(sellers).where(eq(sellers.id, ctx.sellerId)).limit(1),
    currentTrackingUrl(ctx, orderId),
  ]);
  if (!seller) throw NotFound('Seller');
  // Rotating a link issues the next version in the same transaction, so this is a second guard.
  if (!link) throw Conflict('This order has no live tracking link');
  const now = ctx.now();
  const view = buildTrackingView(detail, seller, now);
  return {
    first_name: view.order.firstName,
    order_number: view.order.number,
    seller_name: view.seller.name,
    link,
    delivery_window: deliveryWindowText(view.expected, { zone: view.zone.id, lang: language, now }),
  };
}

/** A touchpoint's message filled from one of this seller's orders: saved wording, default, or the edits given. */
export async function previewMessage({ ctx, input }: { ctx: SellerContext; input: z.input<typeof previewInput> }): Promise<RenderedMessage> {
  const { touchpoint, language, orderNumber, subject, body } = previewInput.parse(input);
  const orderId = await requireOrderId(ctx, orderNumber);
  const [template, values] = await Promise.all([
    subject !== undefined && body !== undefined ? null : templateFor(ctx, touchpoint, language),
    orderMessageValues(ctx, orderId, language),
  ]);
  return renderMessage({ subject: subject ?? template!.subject, body: body ?? template!.body }, values);
}
