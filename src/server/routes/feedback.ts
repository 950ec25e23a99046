import { Hono } from 'hono';
import type { ZodError, ZodType } from 'zod';
import { Invalid } from '../../domain/errors';
import { giveFeedback } from '../../domain/feedback/feedback';
import { feedbackInput, reportInput } from '../../domain/feedback/inputs';
import { reportNotReceived } from '../../domain/feedback/reports';
import type { Services } from '../services';
import { clientIpOf, customerPost, type LinkEnv } from './customer-link';

/** An over-long comment or note gets its own code and message, not "choose a rating". */
function parseOrTooLong<S extends ZodType>(schema: S, raw: unknown, field: 'comment' | 'note') {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data as S['_output'];
  const tooLong = (parsed.error as ZodError).issues.some((i) => i.path[0] === field && i.code === 'too_big');
  throw tooLong ? Invalid(`${field}: at most 1000 characters`, `${field}_too_long`) : parsed.error;
}

const iso = (d: Date) => d.toISOString();

/** Customer feedback after delivery and "delivered but not received" reports. */
export function feedbackRoutes(s: Services) {
  return new Hono<LinkEnv>()
    .post('/:token/feedback', (c) =>
      customerPost(c, { page: `/t/${c.req.param('token')}`, param: 'feedback', anchor: 'feedback' }, async (raw, lang) => {
        const feedback = parseOrTooLong(feedbackInput, raw, 'comment');
        const { feedback: f, created } = await giveFeedback({ ctx: c.var.ctx, input: { feedback, lang, ip: clientIpOf(s, c) } });
        return {
          outcome: created ? 'thanks' : 'updated',
          status: created ? 201 : 200,
          json: {
            feedback: { rating: f.rating, comment: f.comment, arrivedOk: f.arrivedOk, createdAt: iso(f.createdAt), updatedAt: iso(f.updatedAt) },
            publicFeedbackUrl: c.var.ctx.link.view.seller.publicFeedbackUrl,
          },
        };
      }),
    )
    .post('/:token/not-received', (c) =>
      customerPost(c, { page: `/t/${c.req.param('token')}/not-received`, param: 'report', anchor: 'report' }, async (raw, lang) => {
        const report = parseOrTooLong(reportInput, raw, 'note');
        const { report: r, created } = await reportNotReceived({ ctx: c.var.ctx, input: { report, lang, ip: clientIpOf(s, c) } });
        return {
          outcome: 'sent',
          status: created ? 201 : 200,
          json: { report: { id: r.id, missing: r.packageId ? 'package' : 'order', status: r.status, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) } },
        };
      }),
    );
}
