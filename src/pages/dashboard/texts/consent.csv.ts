import type { APIRoute } from 'astro';
import { exportConsentCsv } from '../../../domain/sms/ledger';
import { DAY_MS } from '../../../domain/zoned-time';

// The store's consent ledger for the last 12 months, as CSV (signed-in members; src/fetch.ts sends
// anyone else to /login first).
export const GET: APIRoute = async ({ locals }) => {
  const { member } = locals;
  if (!member) return new Response(null, { status: 303, headers: { Location: '/login?next=%2Fdashboard%2Ftexts' } });
  const to = member.now();
  const csv = await exportConsentCsv({ ctx: member, input: { from: new Date(to.getTime() - 366 * DAY_MS), to: new Date(to.getTime() + 1) } });
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="consent-ledger-${to.toISOString().slice(0, 10)}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
