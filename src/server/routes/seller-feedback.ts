import { Hono } from 'hono';
import { PROBLEMS } from '../../../db/schema/problem-reports';
import { z } from 'zod';
import { listFeedback, listReports, reportById } from '../../domain/feedback/listing';
import { resolveReport } from '../../domain/feedback/reports';
import { NotFound } from '../../domain/errors';
import { displayText } from '../../domain/text';
import { readBody } from '../middleware/body';
import type { SellerEnv } from '../middleware/seller-auth';
import { feedbackResource, reportResource } from '../resources/feedback';

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
function reportIdOf(raw: string): number {
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id)) throw NotFound('Report');
  return id;
}

/** Seller API: what customers said (feedback) and reported (not received), newest first. */
export function sellerFeedbackRoutes() {
  return new Hono<SellerEnv>()
    .get('/feedback', async (c) => {
      const page = await listFeedback({ ctx: c.var.ctx, input: feedbackQuery.parse(c.req.query()) });
      return c.json({ items: page.items.map(feedbackResource), nextCursor: page.nextCursor });
    })
    .get('/reports', async (c) => {
      const page = await listReports({ ctx: c.var.ctx, input: reportsQuery.parse(c.req.query()) });
      return c.json({ items: page.items.map(reportResource), nextCursor: page.nextCursor });
    })
    .post('/reports/:id/resolve', async (c) => {
      const { ctx } = c.var;
      const reportId = reportIdOf(c.req.param('id'));
      const { data } = await readBody(c, resolveBody);
      await resolveReport({ ctx, input: { reportId, note: data.note } });
      return c.json(reportResource(await reportById({ ctx, input: { id: reportId } })));
    });
}
