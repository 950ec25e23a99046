import { Hono } from 'hono';
import { openTrackingLink } from '../../domain/tracking';
import { ApiError } from '../errors';
import type { Services } from '../services';

/** Customer JSON: the tracking page's data (GET /api/t/{token}). */
export function trackingRoutes(s: Services) {
  return new Hono().get('/:token', async (c) => {
    const result = await openTrackingLink({ readRow: s.readRow, linkTtlDays: s.config.linkTtlDays }, c.req.param('token'), s.now());
    if (result.kind === 'not_found') throw new ApiError(404, 'not_found', 'Tracking link not found');
    if (result.kind === 'gone') {
      const { name, supportEmail, supportPhone, supportUrl } = result.seller;
      return c.json(
        { error: { code: 'link_expired', message: 'This tracking link is no longer active' }, seller: { name, email: supportEmail, phone: supportPhone, url: supportUrl } },
        410,
      );
    }
    const fb = result.feedback;
    return c.json({
      ...result.view,
      sms: result.sms,
      // the customer's own feedback (to edit it) and when they reported a missing package; never a contact
      feedback: fb && { rating: fb.rating, comment: fb.comment, arrivedOk: fb.arrivedOk, createdAt: fb.createdAt },
      reports: result.reports.map((r) => ({ package: r.packageId ? result.packageIds.indexOf(r.packageId) + 1 : null, at: r.at })),
    });
  });
}
