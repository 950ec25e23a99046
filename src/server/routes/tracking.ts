import { OpenAPIHono } from '@hono/zod-openapi';
import { customerRoute } from '../openapi/customer';
import { json, serve } from '../openapi/spec';
import { TrackingPageResource } from '../resources/customer';
import type { LinkEnv } from './customer-link';

const page = customerRoute({
  method: 'get', path: '/{token}',
  summary: 'Get the tracking page’s data',
  description: 'What the tracking page shows, as JSON: status, expected arrival in the destination’s time zone, packages, events, the customer’s own feedback and reports. Nothing about the customer beyond a first name.',
  ok: { 200: json(TrackingPageResource, 'The tracking page’s data.') },
});

/** Customer JSON: the tracking page's data (GET /api/t/{token}); the link is opened by the caller's middleware. */
export function trackingRoutes() {
  const app = new OpenAPIHono<LinkEnv>();
  serve(app, page, (c) => {
    const { link } = c.var.ctx;
    const fb = link.feedback;
    return c.json({
      ...link.view,
      sms: link.sms,
      // the customer's own feedback (to edit it) and when they reported a missing or damaged package; never a contact
      feedback: fb && { rating: fb.rating, comment: fb.comment, arrivedOk: fb.arrivedOk, createdAt: fb.createdAt },
      reports: link.reports.map((r) => ({ problem: r.problem, package: r.packageId ? link.packageIds.indexOf(r.packageId) + 1 : null, at: r.at })),
    });
  });
  return app;
}
