import { OpenAPIHono } from '@hono/zod-openapi';
import { giveFeedback } from '../../domain/feedback/feedback';
import { feedbackInput, parseFeedback, parseReport, reportInput, reportPageQuery } from '../../domain/feedback/inputs';
import { reportNotReceived } from '../../domain/feedback/reports';
import { customerRoute, FORMS_TOO } from '../openapi/customer';
import { json, jsonBody, serve } from '../openapi/spec';
import { CustomerFeedbackResource, CustomerReportResource } from '../resources/customer';
import type { Services } from '../services';
import { clientIpOf, customerPost, type LinkEnv } from './customer-link';

const iso = (d: Date) => d.toISOString();

const feedbackRoute = customerRoute({
  method: 'post', path: '/{token}/feedback',
  summary: 'Give feedback',
  description: `After delivery: a 1–5 rating, an optional comment and whether it arrived in good condition. One per order, editable for 14 days (sending again edits it). Every rating gets the seller’s public feedback link, if the seller set one. ${FORMS_TOO}`,
  request: { body: jsonBody(feedbackInput, { description: FORMS_TOO, example: { rating: 5, comment: 'Arrived a day early, well packed.', arrivedOk: true } }) },
  ok: { 201: json(CustomerFeedbackResource, 'Thanks: the feedback as kept.'), 200: json(CustomerFeedbackResource, 'Updated: the earlier feedback, edited.') },
  errors: {
    409: 'Nothing delivered yet (`not_delivered`), or the 14 days to edit are over (`edit_window_closed`).',
    422: 'No rating from 1 to 5, or a comment over 1000 characters (`validation_failed`, `comment_too_long`).',
    429: 'Too many submissions from this network or for this order (`rate_limited`).',
  },
});
const reportRoute = customerRoute({
  method: 'post', path: '/{token}/not-received',
  summary: 'Report a package not received (or damaged)',
  description: `After a delivered scan: tell the seller it has not arrived (or arrived damaged), with an optional note and a way to reach the customer. The seller sees it in the dashboard and the API. ${FORMS_TOO}`,
  request: { body: jsonBody(reportInput, { description: FORMS_TOO, example: { problem: 'not_received', missing: 'order', note: 'Not on the porch or in the mailroom.', contact: 'dana@example.com' } }) },
  ok: { 201: json(CustomerReportResource, 'Sent to the seller.'), 200: json(CustomerReportResource, 'Updated: the earlier report for the same package.') },
  errors: {
    409: 'Nothing (or not that package) has been marked delivered yet (`not_delivered`).',
    422: 'A package this order does not have, a note over 1000 characters, or a contact that is neither an email nor a phone (`validation_failed`, `note_too_long`, `contact_invalid`).',
    429: 'Too many reports from this network or for this order (`rate_limited`).',
  },
});

/** Customer feedback after delivery and "delivered but not received" reports. */
export function feedbackRoutes(s: Services) {
  const app = new OpenAPIHono<LinkEnv>();
  serve(app, feedbackRoute, (c) =>
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
  );
  serve(app, reportRoute, (c) =>
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
  return app;
}
