import { Hono } from 'hono';
import { giveFeedback } from '../../domain/feedback/feedback';
import { parseFeedback, parseReport, reportPageQuery } from '../../domain/feedback/inputs';
import { reportNotReceived } from '../../domain/feedback/reports';
import type { Services } from '../services';
import { clientIpOf, customerPost, type LinkEnv } from './customer-link';

const iso = (d: Date) => d.toISOString();

/** Customer feedback after delivery and "delivered but not received" reports. */
export function feedbackRoutes(s: Services) {
  return new Hono<LinkEnv>()
    .post('/:token/feedback', (c) =>
      customerPost(c, { page: `/t/${c.req.param('token')}`, param: 'feedback', anchor: 'feedback' }, async (raw, lang) => {
        const feedback = parseFeedback(raw);
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
      customerPost(c, { page: `/t/${c.req.param('token')}/not-received`, param: 'report', anchor: 'report', query: reportPageQuery }, async (raw, lang) => {
        const report = parseReport(raw);
        const { report: r, created } = await reportNotReceived({ ctx: c.var.ctx, input: { report, lang, ip: clientIpOf(s, c) } });
        return {
          outcome: 'sent',
          status: created ? 201 : 200,
          json: { report: { id: r.id, problem: r.problem, missing: r.packageId ? 'package' : 'order', status: r.status, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) } },
        };
      }),
    );
}

