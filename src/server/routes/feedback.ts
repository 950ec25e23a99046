import { Hono, type Context } from 'hono';
import type { ZodError } from 'zod';
import { DomainError } from '../../domain/errors';
import { giveFeedback } from '../../domain/feedback/feedback';
import { feedbackInput, reportInput } from '../../domain/feedback/inputs';
import { reportNotReceived } from '../../domain/feedback/reports';
import { readRaw } from '../middleware/body';
import type { Services } from '../services';
import { backTo as back, clientIpOf, langOf, openLinkOrFail } from './customer-link';

/** An over-long comment or note gets its own message, not "choose a rating". */
function tooLong(error: ZodError, field: 'comment' | 'note'): DomainError | null {
  const hit = error.issues.find((i) => i.path[0] === field && i.code === 'too_big');
  return hit ? new DomainError('invalid_input', `${field}: at most 1000 characters`, `${field}_too_long`) : null;
}

/** Customer feedback after delivery and "delivered but not received" reports (product.md §6). */
export function feedbackRoutes(s: Services) {
  const open = (token: string) => openLinkOrFail(s, token);
  const clientIp = (c: Context) => clientIpOf(s, c);

  return new Hono()
    .post('/:token/feedback', async (c) => {
      const token = c.req.param('token');
      const link = await open(token);
      const { raw, kind } = await readRaw(c);
      const lang = langOf(raw);
      try {
        const parsed = feedbackInput.safeParse(raw);
        if (!parsed.success) throw tooLong(parsed.error, 'comment') ?? parsed.error;
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
        if (!parsed.success) throw tooLong(parsed.error, 'note') ?? parsed.error;
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
