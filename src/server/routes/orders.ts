import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { SellerContext } from '../../domain/context';
import { addTrackingEvent } from '../../domain/events';
import { listReports, orderFeedback } from '../../domain/feedback/listing';
import { createOrderInput, orderNumberSchema, trackingEventInput } from '../../domain/inputs';
import { currentTrackingUrl, rotateLink } from '../../domain/links';
import { createOrder, loadOrderDetail, orderProgress, requireOrderId } from '../../domain/orders';
import { NotFound } from '../../domain/errors';
import { readBody } from '../middleware/body';
import type { SellerEnv } from '../middleware/seller-auth';
import { sellerRoute } from '../openapi/seller';
import { BODY_ERRORS, json, jsonBody, serve } from '../openapi/spec';
import { reportResource } from '../resources/feedback';
import { EventAddedResource, eventResource, OrderResource, orderResource, RotatedLinkResource, statusResource } from '../resources/order';

/** An order number from the path; one that could never exist is the same 404 as a missing one. */
function orderNumberOf(raw: string | undefined): string {
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

const params = z.object({ orderNumber: orderNumberSchema.meta({ example: 'SO-1001' }) });
// product.md §7's examples: what a reader copies first
const ORDER_EXAMPLE = {
  orderNumber: 'SO-1001', customer: { firstName: 'Dana' },
  destination: { city: 'Troy', region: 'MI', postalCode: '48084', country: 'US', timeZone: 'America/Detroit' },
  items: [{ name: 'Ceramic mug', quantity: 2 }], promisedDate: '2026-11-27',
  packages: [{ carrier: 'AMZL', trackingNumber: 'TBA312345678000' }],
};
const EVENT_EXAMPLE = {
  id: 'evt-42', type: 'out_for_delivery', occurredAt: '2026-11-27T14:05:00Z', trackingNumber: 'TBA312345678000',
  location: { city: 'Troy', region: 'MI', country: 'US' }, stopsAway: 7,
};
const ORDER_404 = 'No order with this number for this seller (`not_found`).';

const create = sellerRoute({
  method: 'post', path: '/orders', tag: 'Orders',
  summary: 'Create an order',
  description: 'Creates an order and its tracking link. Sending the same `orderNumber` again answers 200 with the existing order and changes nothing. Unknown fields (a street address, a last name, an email) are dropped, never stored.',
  request: { body: jsonBody(createOrderInput, { example: ORDER_EXAMPLE }) },
  ok: { 201: json(OrderResource, 'Created: the order with its `trackingUrl`.'), 200: json(OrderResource, 'This `orderNumber` already exists: the existing order, nothing duplicated.') },
  errors: { ...BODY_ERRORS, 422: 'A field is missing or not valid (`validation_failed`); the message names it.' },
});
const read = sellerRoute({
  method: 'get', path: '/orders/{orderNumber}', tag: 'Orders',
  summary: 'Get an order',
  description: 'The order with its packages, events (newest first), feedback, problem reports and current `trackingUrl`.',
  request: { params },
  ok: { 200: json(OrderResource, 'The order.') },
  errors: { 404: ORDER_404 },
});
const addEvent = sellerRoute({
  method: 'post', path: '/orders/{orderNumber}/events', tag: 'Orders',
  summary: 'Add a tracking event',
  description: 'Adds a carrier scan or a status change. Events may arrive late or out of order: the status never moves backwards along the main path. An event `id` sent again answers 200 with the stored event.',
  request: { params, body: jsonBody(trackingEventInput, { example: EVENT_EXAMPLE }) },
  ok: { 201: json(EventAddedResource, 'Added: the stored event and where the order now stands.'), 200: json(EventAddedResource, 'This event `id` was already received with the same body: the stored event.') },
  errors: { ...BODY_ERRORS, 404: ORDER_404, 409: 'This event `id` was already received with a different body (`conflict`).', 422: 'A field is missing or not valid (`validation_failed`), or a time is out of range.' },
});
const rotate = sellerRoute({
  method: 'post', path: '/orders/{orderNumber}/link/rotate', tag: 'Orders',
  summary: 'Rotate the tracking link',
  description: 'Revokes the current tracking link (it answers 410 from now on) and returns a new one. No body.',
  request: { params },
  ok: { 200: json(RotatedLinkResource, 'The new tracking link.') },
  errors: { 404: ORDER_404, 413: BODY_ERRORS[413] },
});

/** Seller API: orders and their tracking events. */
export function ordersRoutes() {
  const app = new OpenAPIHono<SellerEnv>();
  serve(app, create, async (c) => {
    const { data } = await readBody(c, createOrderInput);
    const { orderId, created } = await createOrder({ ctx: c.var.ctx, input: { order: data, source: 'api' } });
    return c.json(await orderAnswer(c.var.ctx, orderId), created ? 201 : 200);
  });
  serve(app, read, async (c) => {
    const { ctx } = c.var;
    return c.json(await orderAnswer(ctx, await requireOrderId(ctx, orderNumberOf(c.req.param('orderNumber')))));
  });
  serve(app, addEvent, async (c) => {
    const { ctx } = c.var;
    const orderNumber = orderNumberOf(c.req.param('orderNumber'));
    const { data } = await readBody(c, trackingEventInput);
    const { orderId, event, created } = await addTrackingEvent({ ctx, input: { orderNumber, event: data, source: 'api' } });
    // The stored event and where the order now stands; GET the order for everything else.
    const progress = await orderProgress({ ctx, input: { orderId } });
    const numbers = new Map(progress.packages.map((p) => [p.id, p.trackingNumber]));
    return c.json({ event: eventResource(event, numbers), order: { orderNumber, status: statusResource(progress) } }, created ? 201 : 200);
  });
  serve(app, rotate, async (c) => {
    return c.json(await rotateLink({ ctx: c.var.ctx, input: { orderNumber: orderNumberOf(c.req.param('orderNumber')) } }));
  });
  return app;
}
