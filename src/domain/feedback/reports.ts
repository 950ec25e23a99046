import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { problemReports, type ProblemReport } from '../../../db/schema';
import { DomainError } from '../errors';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { takeHit } from '../sms/rate-limits';
import type { ReportInput } from './inputs';

export const REPORT_LIMITS = {
  perIp: { bucket: 'report_ip', limit: 20, windowMs: 3_600_000, message: 'Too many reports from this network. Try again later.' },
  perOrder: { bucket: 'report_order', limit: 10, windowMs: 86_400_000, message: 'This report has been changed too many times today.' },
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

export interface DeliveredPackage {
  id: number;
  number: number;
}

/**
 * "Marked delivered but not received", told to the seller: the whole order or one delivered
 * package. A second report on the same thing updates the first (and reopens it if resolved).
 */
export async function reportNotReceived(
  db: Db,
  input: {
    orderId: number; sellerId: number; country: string; delivered: DeliveredPackage[]; packageCount: number;
    /** the order shows delivered (an order without packages has no delivered package to list) */
    orderDelivered: boolean;
    report: ReportInput; lang: 'en' | 'es'; ip: string; now: Date;
  },
): Promise<{ report: ProblemReport; created: boolean }> {
  if (!input.delivered.length && !input.orderDelivered) throw new DomainError('conflict', 'Nothing has been marked delivered yet', 'not_delivered');
  const { missing } = input.report;
  let packageId: number | null = null;
  if (missing !== 'order') {
    if (missing > input.packageCount) throw new DomainError('invalid_input', `This order has no package ${missing}`);
    const pkg = input.delivered.find((p) => p.number === missing);
    if (!pkg) throw new DomainError('conflict', `Package ${missing} has not been marked delivered yet`, 'not_delivered');
    packageId = pkg.id;
  }
  const contact = input.report.contact ? parseContact(input.report.contact, input.country) : null;
  if (input.report.contact && !contact) throw new DomainError('invalid_input', 'Enter an email address or a phone number', 'contact_invalid');
  const target = packageId ? `package:${packageId}` : 'order';

  return db.transaction(async (tx) => {
    await takeHit(tx, REPORT_LIMITS.perIp, input.ip, input.now);
    await takeHit(tx, REPORT_LIMITS.perOrder, String(input.orderId), input.now);
    const values = {
      note: input.report.note ?? null, contact: contact?.contact ?? null, contactKind: contact?.kind ?? null,
      language: input.lang, status: 'open' as const, resolvedAt: null, resolutionNote: null, updatedAt: input.now,
    };
    const [existing] = await tx.select().from(problemReports).where(and(eq(problemReports.orderId, input.orderId), eq(problemReports.target, target))).limit(1);
    if (existing) {
      // The page never shows the contact again, so an update that leaves it empty keeps the one given.
      const kept = contact ? {} : { contact: existing.contact, contactKind: existing.contactKind };
      const [row] = await tx.update(problemReports).set({ ...values, ...kept }).where(eq(problemReports.id, existing.id)).returning();
      return { report: row!, created: false };
    }
    const [row] = await tx
      .insert(problemReports)
      .values({ ...values, orderId: input.orderId, sellerId: input.sellerId, packageId, target, createdAt: input.now })
      .returning();
    return { report: row!, created: true };
  });
}

/** The seller closes a report with a note (resolving again replaces the note). */
export async function resolveReport(db: Db, input: { sellerId: number; reportId: number; note: string; now: Date }): Promise<ProblemReport> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(problemReports)
      .set({ status: 'resolved', resolvedAt: input.now, resolutionNote: input.note, updatedAt: input.now })
      .where(and(eq(problemReports.id, input.reportId), eq(problemReports.sellerId, input.sellerId)))
      .returning();
    if (!row) throw new DomainError('not_found', 'Report not found');
    return row;
  });
}
