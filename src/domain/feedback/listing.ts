import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { Problem } from '../../../db/schema/problem-reports';
import type { Db } from '../../../db/client';
import type { SellerContext } from '../context';
import { feedback, orders, packages, problemReports } from '../../../db/schema';
import { Invalid, NotFound } from '../errors';

// Newest first with a keyset cursor (created_at, id): stable while new rows arrive.

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Range {
  from?: Date;
  to?: Date;
}

const encodeCursor = (at: Date, id: number) => Buffer.from(`${at.getTime()}:${id}`).toString('base64url');

export function decodeCursor(cursor: string): { at: number; id: number } {
  const m = /^(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw Invalid('cursor: is not one this API gave out');
  return { at: Number(m[1]), id: Number(m[2]) };
}

export function after(
  cursor: string | undefined,
  createdAt: typeof feedback.createdAt | typeof problemReports.createdAt | typeof orders.createdAt,
  id: typeof feedback.id | typeof problemReports.id | typeof orders.id,
): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  return or(lt(createdAt, new Date(c.at)), and(eq(createdAt, new Date(c.at)), lt(id, c.id)));
}

export function page<T extends { createdAt: Date; id: number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

export async function listFeedback({ ctx, input: q }: { ctx: SellerContext; input: Range & { rating?: number; cursor?: string; limit: number } }) {
  const rows = await ctx.db
    .select({
      id: feedback.id, orderNumber: orders.orderNumber, rating: feedback.rating, comment: feedback.comment, arrivedOk: feedback.arrivedOk,
      language: feedback.language, createdAt: feedback.createdAt, updatedAt: feedback.updatedAt,
    })
    .from(feedback)
    .innerJoin(orders, eq(orders.id, feedback.orderId))
    .where(and(
      eq(feedback.sellerId, ctx.sellerId),
      q.rating ? eq(feedback.rating, q.rating) : undefined,
      q.from ? gte(feedback.createdAt, q.from) : undefined,
      q.to ? lt(feedback.createdAt, q.to) : undefined,
      after(q.cursor, feedback.createdAt, feedback.id),
    ))
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(q.limit + 1);
  return page(rows, q.limit);
}

const reportRows = (db: Db) =>
  db
    .select({
      id: problemReports.id, problem: problemReports.problem, orderNumber: orders.orderNumber, trackingNumber: packages.trackingNumber, carrier: packages.carrier,
      note: problemReports.note, contact: problemReports.contact, contactKind: problemReports.contactKind, language: problemReports.language,
      status: problemReports.status, createdAt: problemReports.createdAt, updatedAt: problemReports.updatedAt,
      resolvedAt: problemReports.resolvedAt, resolutionNote: problemReports.resolutionNote,
    })
    .from(problemReports)
    .innerJoin(orders, eq(orders.id, problemReports.orderId))
    .leftJoin(packages, eq(packages.id, problemReports.packageId));
export type ReportRow = Awaited<ReturnType<typeof reportRows>>[number];

/** One of this seller's reports; another seller's and a missing one are the same 404. */
export async function reportById({ ctx, input }: { ctx: SellerContext; input: { id: number } }): Promise<ReportRow> {
  const [row] = await reportRows(ctx.db).where(and(eq(problemReports.sellerId, ctx.sellerId), eq(problemReports.id, input.id))).limit(1);
  if (!row) throw NotFound('Report');
  return row;
}

export async function listReports({ ctx, input: q }: { ctx: SellerContext; input: Range & { status?: 'open' | 'resolved'; problem?: Problem; cursor?: string; limit: number; orderId?: number } }) {
  const rows = await reportRows(ctx.db)
    .where(and(
      eq(problemReports.sellerId, ctx.sellerId),
      q.orderId ? eq(problemReports.orderId, q.orderId) : undefined,
      q.status ? eq(problemReports.status, q.status) : undefined,
      q.problem ? eq(problemReports.problem, q.problem) : undefined,
      q.from ? gte(problemReports.createdAt, q.from) : undefined,
      q.to ? lt(problemReports.createdAt, q.to) : undefined,
      after(q.cursor, problemReports.createdAt, problemReports.id),
    ))
    .orderBy(desc(problemReports.createdAt), desc(problemReports.id))
    .limit(q.limit + 1);
  return page(rows, q.limit);
}

/** The feedback on one of this seller's orders, if any. */
export async function orderFeedback({ ctx, input }: { ctx: SellerContext; input: { orderId: number } }) {
  const [row] = await ctx.db.select().from(feedback).where(and(eq(feedback.orderId, input.orderId), eq(feedback.sellerId, ctx.sellerId))).limit(1);
  return row ?? null;
}

