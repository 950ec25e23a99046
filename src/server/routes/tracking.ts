import { Hono } from 'hono';
import type { LinkEnv } from './customer-link';

/** Customer JSON: the tracking page's data (GET /api/t/{token}); the link is opened by the caller's middleware. */
export function trackingRoutes() {
  return new Hono<LinkEnv>().get('/:token', (c) => {
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
}
