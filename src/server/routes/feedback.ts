import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors';
import { giveFeedback } from '../../domain/feedback/feedback';
import { feedbackInput, reportInput } from '../../domain/feedback/inputs';
import { reportNotReceived } from '../../domain/feedback/reports';
import { openTrackingLink } from '../../domain/tracking';
import { isLang, type Lang } from '../../i18n';
import { ApiError } from '../errors';
import { readRaw } from '../middleware/body';
import type { Services } from '../services';

const langOf = (raw: unknown): Lang | null => {
  const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).lang : null;
  return isLang(v) ? v : null;
};

// A form post (no JavaScript) comes back to its page with an outcome code; JSON gets the envelope.
function back(c: Context, path: string, lang: Lang | null, param: string, outcome: string, anchor: string) {
  const q = new URLSearchParams({ [param]: outcome, ...(lang ? { lang } : {}) });
  return c.redirect(`${path}?${q}#${anchor}`, 303);
}

/** Customer feedback after delivery and "delivered but not received" reports (product.md §6). */
export function feedbackRoutes(s: Services) {
  const open = async (token: string) => {
    const link = await openTrackingLink({ readRow: s.readRow, linkTtlDays: s.config.linkTtlDays }, token, s.now());
    if (link.kind === 'not_found') throw new ApiError(404, 'not_found', 'Tracking link not found');
    if (link.kind === 'gone') throw new ApiError(410, 'link_expired', 'This tracking link is no longer active');
    return link;
  };
  const clientIp = (c: Context) => s.clientIp?.(c.req.raw) ?? 'unknown';

  return new Hono()
    .post('/:token/feedback', async (c) => {
      const token = c.req.param('token');
      const link = await open(token);
      const { raw, kind } = await readRaw(c);
      const lang = langOf(raw);
      try {
        const parsed = feedbackInput.safeParse(raw);
        if (!parsed.success) throw parsed.error;
        const result = await giveFeedback(s.db, {
          orderId: link.orderId, sellerId: link.sellerId, delivered: link.view.packages.some((p) => p.deliveredAt) || link.view.status.stage === 'delivered',
          feedback: parsed.data, lang: lang ?? link.view.order.language ?? 'en', ip: clientIp(c), now: s.now(),
        });
        if (kind === 'form') return back(c, `/t/${token}`, lang, 'feedback', result.created ? 'thanks' : 'updated', 'feedback');
        const f = result.feedback;
        return c.json(
          { feedback: { rating: f.rating, comment: f.comment, arrivedOk: f.arrivedOk, createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString() }, publicFeedbackUrl: link.view.seller.publicFeedbackUrl },
          result.created ? 201 : 200,
        );
      } catch (e) {
        if (kind === 'form' && (e instanceof DomainError || (e instanceof Error && e.name === 'ZodError'))) {
          return back(c, `/t/${token}`, lang, 'feedback', e instanceof DomainError ? (e.reason ?? 'invalid') : 'invalid', 'feedback');
        }
        throw e;
      }
    })
    .post('/:token/not-received', async (c) => {
      const token = c.req.param('token');
      const link = await open(token);
      const { raw, kind } = await readRaw(c);
      const lang = langOf(raw);
      try {
        const parsed = reportInput.safeParse(raw);
        if (!parsed.success) throw parsed.error;
        const delivered = link.view.packages.flatMap((p) => (p.deliveredAt && !p.exception ? [{ id: link.packageIds[p.number - 1]!, number: p.number }] : []));
        const result = await reportNotReceived(s.db, {
          orderId: link.orderId, sellerId: link.sellerId, country: link.country, delivered, packageCount: link.view.packages.length,
          orderDelivered: link.view.status.stage === 'delivered',
          report: parsed.data, lang: lang ?? link.view.order.language ?? 'en', ip: clientIp(c), now: s.now(),
        });
        if (kind === 'form') return back(c, `/t/${token}/not-received`, lang, 'report', 'sent', 'report');
        const r = result.report;
        return c.json({ report: { id: r.id, missing: r.packageId ? 'package' : 'order', status: r.status, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() } }, result.created ? 201 : 200);
      } catch (e) {
        if (kind === 'form' && (e instanceof DomainError || (e instanceof Error && e.name === 'ZodError'))) {
          return back(c, `/t/${token}/not-received`, lang, 'report', e instanceof DomainError ? (e.reason ?? 'invalid') : 'invalid', 'report');
        }
        throw e;
      }
    });
}
