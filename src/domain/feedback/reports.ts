import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { problemReports, type ProblemReport } from '../../../db/schema';
import type { LinkContext, SellerContext } from '../context';
import { DAY_MS, HOUR_MS } from '../zoned-time';
import { Conflict, Invalid, NotFound } from '../errors';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { takeHit } from '../sms/rate-limits';
import type { ReportInput } from './inputs';
import { queueReportCreated } from '../outbound/customer-events';

export const REPORT_LIMITS = {
  perIp: { bucket: 'report_ip', limit: 20, windowMs: HOUR_MS, message: 'Too many reports from this network. Try again later.' },
  perOrder: { bucket: 'report_order', limit: 10, windowMs: DAY_MS, message: 'This report has been changed too many times today.' },
} as const;

const email = z.email();

/** An email address or a phone number, as the customer typed it; null when it is neither. */
export function parseContact(raw: string, country: string): { contact: string; kind: 'email' | 'phone' } | null {
  if (raw.includes('@')) return email.safeParse(raw).success ? { contact: raw.toLowerCase(), kind: 'email' } : null;
  // Any real number will do here, from any country: it is for the seller to call back, not for texting.
  const phone = parsePhoneNumberFromString(raw.trim(), { defaultCountry: country as CountryCode, extract: false });
  if (!phone?.isValid()) return null;
  return { contact: phone.ext ? `${phone.number} ext. ${phone.ext}` : phone.number, kind: 'phone' };
}

/**
 * "Marked delivered but not received" or "arrived damaged", told to the seller: the whole order or
 * one delivered package. A second report of the same problem on the same thing updates the first
 * (and reopens it if resolved).
 */
export async function reportNotReceived({ ctx, input }: {
  ctx: LinkContext;
  input: { report: ReportInput; lang: 'en' | 'es'; ip: string };
}): Promise<{ report: ProblemReport; created: boolean }> {
  const { link } = ctx;
  const now = ctx.now();
  // Packages marked delivered (and not since turned into an exception), by their number on the page.
  const delivered = link.view.packages.flatMap((p) => (p.deliveredAt && !p.exception ? [{ id: link.packageIds[p.number - 1]!, number: p.number }] : []));
  // An order without packages has no delivered package to list, but can itself show delivered.
  if (!delivered.length && link.view.status.stage !== 'delivered') throw Conflict('Nothing has been marked delivered yet', 'not_delivered');
  const { missing } = input.report;
  let packageId: number | null = null;
  if (missing !== 'order') {
    if (missing > link.view.packages.length) throw Invalid(`This order has no package ${missing}`);
    const pkg = delivered.find((p) => p.number === missing);
    if (!pkg) throw Conflict(`Package ${missing} has not been marked delivered yet`, 'not_delivered');
    packageId = pkg.id;
  }
  const contact = input.report.contact ? parseContact(input.report.contact, link.country) : null;
  if (input.report.contact && !contact) throw Invalid('Enter an email address or a phone number', 'contact_invalid');
  const { problem } = input.report;
  const target = `${problem === 'damaged' ? 'damaged:' : ''}${packageId ? `package:${packageId}` : 'order'}`;

  return ctx.db.transaction(async (tx) => {
    await takeHit(tx, REPORT_LIMITS.perIp, input.ip, now);
    await takeHit(tx, REPORT_LIMITS.perOrder, String(link.orderId), now);
    const values = {
      note: input.report.note ?? null, contact: contact?.contact ?? null, contactKind: contact?.kind ?? null,
      language: input.lang, status: 'open' as const, resolvedAt: null, resolutionNote: null, updatedAt: now,
    };
    const [existing] = await tx.select().from(problemReports).where(and(eq(problemReports.orderId, link.orderId), eq(problemReports.target, target))).limit(1);
    if (existing) {
      // The page never shows the contact again, so an update that leaves it empty keeps the one given.
      const kept = contact ? {} : { contact: existing.contact, contactKind: existing.contactKind };
      const [row] = await tx.update(problemReports).set({ ...values, ...kept }).where(eq(problemReports.id, existing.id)).returning();
      return { report: row!, created: false };
    }
    const [row] = await tx
      .insert(problemReports)
      .values({ ...values, orderId: link.orderId, sellerId: link.sellerId, packageId, problem, target, createdAt: now })
      .returning();
    await queueReportCreated(tx, row!, now);
    return { report: row!, created: true };
  });
}

/** The seller closes a report with a note (resolving again replaces the note). */
export async function resolveReport({ ctx, input }: { ctx: SellerContext; input: { reportId: number; note: string } }): Promise<ProblemReport> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(problemReports)
      .set({ status: 'resolved', resolvedAt: now, resolutionNote: input.note, updatedAt: now })
      .where(and(eq(problemReports.id, input.reportId), eq(problemReports.sellerId, ctx.sellerId)))
      .returning();
    if (!row) throw NotFound('Report');
    return row;
  });
}
