import { OpenAPIHono } from '@hono/zod-openapi';
import { PROBLEMS } from '../../../db/schema/problem-reports';
import { z } from 'zod';
import { listFeedback, listReports, reportById } from '../../domain/feedback/listing';
import { resolveReport } from '../../domain/feedback/reports';
import { NotFound } from '../../domain/errors';
import { displayText } from '../../domain/text';
import { readBody } from '../middleware/body';
import type { SellerEnv } from '../middleware/seller-auth';
import { sellerRoute } from '../openapi/seller';
import { BODY_ERRORS, json, jsonBody, serve } from '../openapi/spec';
import { feedbackResource, FeedbackResource, pageOf, reportResource, ReportResource } from '../resources/feedback';

const range = {
  from: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  to: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};
const feedbackQuery = z.object({ ...range, rating: z.coerce.number().int().min(1).max(5).optional() });
const reportsQuery = z.object({ ...range, status: z.enum(['open', 'resolved']).optional(), problem: z.enum(PROBLEMS).optional() });
const resolveBody = z.object({ note: displayText(1000, { multiline: true }) });

/** A report id from the path; one that could never exist is the same 404 as a missing one. */
function reportIdOf(raw: string | undefined): number {
  const id = Number(raw);
  if (!raw || !/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id)) throw NotFound('Report');
  return id;
}

const QUERY_422 = 'A query parameter is not valid (`validation_failed`).';
const listFeedbackRoute = sellerRoute({
  method: 'get', path: '/feedback', tag: 'Feedback and reports',
  summary: 'List feedback',
  description: 'What customers said after delivery, newest first. Pass `nextCursor` back as `cursor` for the next page.',
  request: { query: feedbackQuery },
  ok: { 200: json(pageOf(FeedbackResource), 'A page of feedback.') },
  errors: { 422: QUERY_422 },
});
const listReportsRoute = sellerRoute({
  method: 'get', path: '/reports', tag: 'Feedback and reports',
  summary: 'List problem reports',
  description: 'Packages customers reported as not received (though marked delivered) or damaged, newest first.',
  request: { query: reportsQuery },
  ok: { 200: json(pageOf(ReportResource), 'A page of reports.') },
  errors: { 422: QUERY_422 },
});
const resolveRoute = sellerRoute({
  method: 'post', path: '/reports/{id}/resolve', tag: 'Feedback and reports',
  summary: 'Resolve a problem report',
  description: 'Marks the report resolved with a note on what was done (a refund, a replacement).',
  request: { params: z.object({ id: z.string().regex(/^\d{1,15}$/) }), body: jsonBody(resolveBody, { example: { note: 'Sent a replacement by UPS.' } }) },
  ok: { 200: json(ReportResource, 'The resolved report.') },
  errors: { ...BODY_ERRORS, 404: 'No report with this id for this seller (`not_found`).', 422: 'The note is missing or too long (`validation_failed`).' },
});

/** Seller API: what customers said (feedback) and reported (not received), newest first. */
export function sellerFeedbackRoutes() {
  const app = new OpenAPIHono<SellerEnv>();
  serve(app, listFeedbackRoute, async (c) => {
    const page = await listFeedback({ ctx: c.var.ctx, input: feedbackQuery.parse(c.req.query()) });
    return c.json({ items: page.items.map(feedbackResource), nextCursor: page.nextCursor });
  });
  serve(app, listReportsRoute, async (c) => {
    const page = await listReports({ ctx: c.var.ctx, input: reportsQuery.parse(c.req.query()) });
    return c.json({ items: page.items.map(reportResource), nextCursor: page.nextCursor });
  });
  serve(app, resolveRoute, async (c) => {
    const { ctx } = c.var;
    const reportId = reportIdOf(c.req.param('id'));
    const { data } = await readBody(c, resolveBody);
    await resolveReport({ ctx, input: { reportId, note: data.note } });
    return c.json(reportResource(await reportById({ ctx, input: { id: reportId } })));
  });
  return app;
}
