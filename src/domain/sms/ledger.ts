import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { SellerContext } from '../context';
import { smsConsentEvents, type SmsConsentEvent } from '../../../db/schema';
import type { Tx } from './rate-limits';

export type ConsentEntry = Omit<typeof smsConsentEvents.$inferInsert, 'id'>;

/** Appends to the consent ledger (the table refuses updates and deletes). */
export async function recordConsent(tx: Tx, entry: ConsentEntry): Promise<void> {
  await tx.insert(smsConsentEvents).values(entry);
}

const COLUMNS = [
  'at', 'event', 'source', 'phone', 'orderNumber', 'ip', 'userAgent', 'pageUrl', 'language',
  'checkboxChecked', 'disclosureVersion', 'disclosureText', 'messageSid', 'messageBody',
] as const satisfies readonly (keyof SmsConsentEvent)[];

const csvCell = (v: unknown): string => {
  const s = v instanceof Date ? v.toISOString() : v == null ? '' : String(v);
  // Quote everything that could break a row, and defuse spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** A seller's consent ledger as CSV, oldest first (for the dashboard's export). */
export async function exportConsentCsv({ ctx, input: range }: { ctx: SellerContext; input: { from: Date; to: Date } }): Promise<string> {
  const rows = await ctx.db
    .select()
    .from(smsConsentEvents)
    .where(and(eq(smsConsentEvents.sellerId, ctx.sellerId), gte(smsConsentEvents.at, range.from), lt(smsConsentEvents.at, range.to)))
    .orderBy(asc(smsConsentEvents.at), asc(smsConsentEvents.id));
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
