import { Hono } from 'hono';
import type { SellerContext } from '../../domain/context';
import { addTrackingEvent } from '../../domain/events';
import { listReports, orderFeedback } from '../../domain/feedback/listing';
import { createOrderInput, orderNumberSchema, trackingEventInput } from '../../domain/inputs';
import { currentTrackingUrl, rotateLink } from '../../domain/links';
import { createOrder, loadOrderDetail, orderProgress, requireOrderId } from '../../domain/orders';
import { NotFound } from '../../domain/errors';
import { readBody } from '../middleware/body';
import type { SellerEnv } from '../middleware/seller-auth';
import { reportResource } from '../resources/feedback';
import { eventResource, orderResource, statusResource, type OrderResource } from '../resources/order';

/** An order number from the path; one that could never exist is the same 404 as a missing one. */
function orderNumberOf(raw: string): string {
  const parsed = orderNumberSchema.safeParse(raw);
  if (!parsed.success) throw NotFound('Order');
  return parsed.data;
}

async function orderAnswer(ctx: SellerContext, orderId: number): Promise<OrderResource> {
  const [detail, trackingUrl, fb, reports] = await Promise.all([
    loadOrderDetail({ ctx, input: { orderId } }),
    currentTrackingUrl(ctx, orderId),
    orderFeedback({ ctx, input: { orderId } }),
    listReports({ ctx, input: { orderId, limit: 100 } }),
  ]);
  const feedback = fb && { rating: fb.rating, comment: fb.comment, arrivedOk: fb.arrivedOk, language: fb.language, createdAt: fb.createdAt.toISOString(), updatedAt: fb.updatedAt.toISOString() };
  return orderResource(detail, { trackingUrl, feedback, reports: reports.items.map(reportResource) });
}

/** Seller API: orders and their tracking events. */
export function ordersRoutes() {
  return new Hono<SellerEnv>()
    .post('/orders', async (c) => {
      const { data } = await readBody(c, createOrderInput);
      const { orderId, created } = await createOrder({ ctx: c.var.ctx, input: { order: data, source: 'api' } });
      return c.json(await orderAnswer(c.var.ctx, orderId), created ? 201 : 200);
    })
    .get('/orders/:orderNumber', async (c) => {
      const { ctx } = c.var;
      return c.json(await orderAnswer(ctx, await requireOrderId(ctx, orderNumberOf(c.req.param('orderNumber')))));
    })
    .post('/orders/:orderNumber/events', async (c) => {
      const { ctx } = c.var;
      const orderNumber = orderNumberOf(c.req.param('orderNumber'));
      const { data } = await readBody(c, trackingEventInput);
      const { orderId, event, created } = await addTrackingEvent({ ctx, input: { orderNumber, event: data, source: 'api' } });
      // The stored event and where the order now stands; GET the order for everything else.
      const progress = await orderProgress({ ctx, input: { orderId } });
      const numbers = new Map(progress.packages.map((p) => [p.id, p.trackingNumber]));
      return c.json({ event: eventResource(event, numbers), order: { orderNumber, status: statusResource(progress) } }, created ? 201 : 200);
    })
    .post('/orders/:orderNumber/link/rotate', async (c) => {
      return c.json(await rotateLink({ ctx: c.var.ctx, input: { orderNumber: orderNumberOf(c.req.param('orderNumber')) } }));
    });
}
