import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../../db/schema/webhooks';
import { FeedbackResource, ReportResource } from '../resources/feedback';
import { EventResource, StatusResource } from '../resources/order';

// The events Porchlight posts to a seller's webhook endpoints (OpenAPI 3.1 `webhooks`), signed the
// Standard Webhooks way. Each body is {type, timestamp, data}; `data` per event type below.

const iso = z.iso.datetime();
const standing = StatusResource.pick({ stage: true, exception: true });

const orderEvent = z.object({
  orderNumber: z.string(),
  status: standing,
  trackingUrl: z.url().nullable(),
  event: EventResource.pick({ type: true, occurredAt: true, location: true, deliveryWindow: true, deliveredTo: true }).nullable()
    .meta({ description: 'the tracking event that caused the change' }),
}).meta({ description: 'the order’s new standing and the event that moved it' });

const stalled = z.object({
  orderNumber: z.string(), status: standing, trackingUrl: z.url().nullable(),
  lastScanAt: iso.meta({ description: 'the last scan before the silence' }),
});

const reportCreated = z.object({
  orderNumber: z.string(),
  report: ReportResource.pick({ id: true, problem: true, note: true, contact: true, contactKind: true, language: true, createdAt: true })
    .extend({ missing: z.enum(['order', 'package']) }),
});

const feedbackCreated = z.object({
  orderNumber: z.string(),
  feedback: FeedbackResource.pick({ rating: true, comment: true, arrivedOk: true, language: true, createdAt: true }),
});

const optedOut = z.object({
  orderNumber: z.string(),
  phoneLast4: z.string().regex(/^\d{4}$/),
  via: z.enum(['page', 'stop_keyword']).meta({ description: 'the tracking page’s button, or a STOP reply (which stops every order’s texts to that phone)' }),
});

// what each event's `data` holds, as src/domain/outbound writes it
const DATA: Record<WebhookEventType, { summary: string; data: z.ZodType }> = {
  'order.shipped': { summary: 'An order shipped', data: orderEvent },
  'order.out_for_delivery': { summary: 'An order is out for delivery', data: orderEvent },
  'order.delivered': { summary: 'An order was delivered', data: orderEvent },
  'order.exception': { summary: 'A delivery exception (attempted, delayed, lost …)', data: orderEvent },
  'order.stalled': { summary: 'An order has had no scan for too long', data: stalled },
  'report.created': { summary: 'A customer reported a package not received or damaged', data: reportCreated },
  'feedback.created': { summary: 'A customer gave feedback', data: feedbackCreated },
  'sms.opted_out': { summary: 'A customer stopped text updates', data: optedOut },
};

const SIGNED = [
  'Signed the [Standard Webhooks](https://www.standardwebhooks.com/) way with the endpoint’s `whsec_…` secret:',
  '`webhook-signature` is `v1,` + base64(HMAC-SHA256(secret’s bytes after `whsec_`, `{webhook-id}.{webhook-timestamp}.{body}`)).',
  'Answer 2xx within `WEBHOOK_TIMEOUT_SECONDS` (10 by default); anything else is retried with backoff for a day. `webhook-id` is the same on every attempt: use it to drop repeats.',
].join(' ');

const headers = z.object({
  'webhook-id': z.string().meta({ description: 'The message id, the same on every retry.', example: 'msg_2b8f1d0c6a' }),
  'webhook-timestamp': z.string().regex(/^\d+$/).meta({ description: 'Unix seconds when this attempt was signed; refuse old ones (over 5 minutes).', example: '1764846000' }),
  'webhook-signature': z.string().meta({ description: 'Space-separated `v1,<base64>` signatures.', example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=' }),
});

/** Registers every outbound event in `registry` (the root app's) as a 3.1 webhook. */
export function registerOutboundWebhooks(registry: OpenAPIHono['openAPIRegistry']): void {
  for (const type of WEBHOOK_EVENT_TYPES) {
    const { summary, data } = DATA[type];
    registry.registerWebhook({
      method: 'post', path: type, tags: ['Outbound webhooks'], summary, description: SIGNED,
      request: {
        headers,
        body: { required: true, content: { 'application/json': { schema: z.object({ type: z.literal(type), timestamp: z.iso.datetime(), data }) } } },
      },
      responses: { 200: { description: 'Any 2xx: received. Anything else (or no answer in time) is retried.' } },
    });
  }
}
