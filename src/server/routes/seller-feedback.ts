import { Hono } from 'hono';
import { z } from 'zod';
import { listFeedback, listReports, reportById, type ReportRow } from '../../domain/feedback/listing';
import { resolveReport } from '../../domain/feedback/reports';
import { readBody } from '../middleware/body';
import type { SellerEnv } from '../middleware/seller-auth';
import type { Services } from '../services';

const range = {
  from: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  to: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};
const feedbackQuery = z.object({ ...range, rating: z.coerce.number().int().min(1).max(5).optional() });
const reportsQuery = z.object({ ...range, status: z.enum(['open', 'resolved']).optional() });
const resolveBody = z.object({ note: z.string().trim().min(1, 'say how it was resolved').max(1000) });

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const reportResource = (r: ReportRow) => ({ ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt), resolvedAt: iso(r.resolvedAt) });

/** Seller API: what customers said (feedback) and reported (not received), newest first. */
export function sellerFeedbackRoutes(s: Services) {
  return new Hono<SellerEnv>()
    .get('/feedback', async (c) => {
      const page = await listFeedback(s.db, c.var.sellerId, feedbackQuery.parse(c.req.query()));
      return c.json({ items: page.items.map((f) => ({ ...f, createdAt: iso(f.createdAt), updatedAt: iso(f.updatedAt) })), nextCursor: page.nextCursor });
    })
    .get('/reports', async (c) => {
      const page = await listReports(s.db, c.var.sellerId, reportsQuery.parse(c.req.query()));
      return c.json({ items: page.items.map(reportResource), nextCursor: page.nextCursor });
    })
    .post('/reports/:id/resolve', async (c) => {
      const id = Number(c.req.param('id'));
      const { data } = await readBody(c, resolveBody);
      // Another seller's report and a missing one look the same.
      const report = await resolveReport(s.db, { sellerId: c.var.sellerId, reportId: Number.isSafeInteger(id) ? id : -1, note: data.note, now: s.now() });
      return c.json(reportResource((await reportById(s.db, c.var.sellerId, report.id))!));
    });
}
