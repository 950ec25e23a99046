import { Hono } from 'hono';
import { addTrackingEvent } from '../../domain/events';
import { createOrderInput, orderNumberSchema, trackingEventInput } from '../../domain/inputs';
import { currentToken, rotateLink, trackingUrl } from '../../domain/links';
import { createOrder, findOrderId, loadOrderDetail, readOrderProgress } from '../../domain/orders';
import { ApiError } from '../errors';
import { readBody } from '../middleware/body';
import type { SellerEnv } from '../middleware/seller-auth';
import { listReports, orderFeedback } from '../../domain/feedback/listing';
import { reportResource } from './seller-feedback';
import type { Services } from '../services';
import { eventResource, orderResource, statusResource } from './order-resource';

/** Seller API: orders and their tracking events (product.md §7). */
export function ordersRoutes(s: Services) {
  const ctx = { db: s.db, appSecret: s.config.appSecret, baseUrl: s.config.publicBaseUrl };
  const urlFor = async (orderId: number) => {
    const token = await currentToken(s.db, s.config.appSecret, orderId);
    return token ? trackingUrl(s.config.publicBaseUrl, token) : null;
  };
  const orderIdFrom = async (sellerId: number, raw: string) => {
    const number = orderNumberSchema.safeParse(raw);
    // Another seller's order and a missing one look the same.
    const id = number.success ? await findOrderId(s.readRow, sellerId, number.data) : null;
    if (!id) throw new ApiError(404, 'not_found', 'Order not found');
    return id;
  };
  const respondWithOrder = async (orderId: number, sellerId: number) => {
    const detail = await loadOrderDetail(s.db, orderId);
    if (!detail) throw new ApiError(404, 'not_found', 'Order not found');
    const [fb, reports] = await Promise.all([orderFeedback(s.db, orderId), listReports(s.db, sellerId, { orderId, limit: 100 })]);
    return {
      ...orderResource(detail, await urlFor(orderId)),
      feedback: fb && { rating: fb.rating, comment: fb.comment, arrivedOk: fb.arrivedOk, language: fb.language, createdAt: fb.createdAt.toISOString(), updatedAt: fb.updatedAt.toISOString() },
      reports: reports.items.map(reportResource),
    };
  };

  return new Hono<SellerEnv>()
    .post('/orders', async (c) => {
      const { data } = await readBody(c, createOrderInput);
      const { orderId, created } = await createOrder(ctx, { sellerId: c.var.sellerId, order: data, source: 'api', now: s.now() });
      return c.json(await respondWithOrder(orderId, c.var.sellerId), created ? 201 : 200);
    })
    .get('/orders/:orderNumber', async (c) => {
      const orderId = await orderIdFrom(c.var.sellerId, c.req.param('orderNumber'));
      return c.json(await respondWithOrder(orderId, c.var.sellerId));
    })
    .post('/orders/:orderNumber/events', async (c) => {
      const orderId = await orderIdFrom(c.var.sellerId, c.req.param('orderNumber'));
      const { data } = await readBody(c, trackingEventInput);
      const { event, created } = await addTrackingEvent(ctx, { orderId, event: data, source: 'api', now: s.now() });
      // The stored event and where the order now stands; GET the order for everything else.
      const progress = await readOrderProgress(s.readAll, orderId);
      const numbers = new Map(progress.packages.map((p) => [p.id, p.trackingNumber]));
      return c.json({ event: eventResource(event, numbers), order: { orderNumber: c.req.param('orderNumber'), status: statusResource(progress) } }, created ? 201 : 200);
    })
    .post('/orders/:orderNumber/link/rotate', async (c) => {
      const orderId = await orderIdFrom(c.var.sellerId, c.req.param('orderNumber'));
      const token = await s.db.transaction((tx) => rotateLink(tx, s.config.appSecret, orderId, s.now()));
      return c.json({ trackingUrl: trackingUrl(s.config.publicBaseUrl, token) });
    });
}
