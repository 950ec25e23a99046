import { sql } from 'drizzle-orm';
import type { SellerContext } from '../context';
import type { Range } from './listing';

// The numbers the seller dashboard will show: plain SQL over the seller's own rows.

const bounds = (r: Range) => [r.from?.getTime() ?? 0, r.to?.getTime() ?? Number.MAX_SAFE_INTEGER] as const;

export interface FeedbackSummary {
  count: number;
  average: number | null;
  /** how many gave 1, 2, 3, 4, 5 stars */
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
  /** of those who answered "arrived in good condition?", the share who said yes */
  arrivedOkShare: number | null;
}

export async function feedbackSummary({ ctx, input: range = {} }: { ctx: SellerContext; input?: Range }): Promise<FeedbackSummary> {
  const [from, to] = bounds(range);
  const rows = await ctx.db.all<{ rating: number; n: number; ok: number; answered: number }>(sql`
    SELECT rating, count(*) AS n, sum(arrived_ok = 1) AS ok, sum(arrived_ok IS NOT NULL) AS answered
      FROM feedback WHERE seller_id = ${ctx.sellerId} AND created_at >= ${from} AND created_at < ${to}
     GROUP BY rating`);
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as FeedbackSummary['distribution'];
  let count = 0, total = 0, ok = 0, answered = 0;
  for (const r of rows) {
    distribution[r.rating as 1 | 2 | 3 | 4 | 5] = Number(r.n);
    count += Number(r.n);
    total += r.rating * Number(r.n);
    ok += Number(r.ok);
    answered += Number(r.answered);
  }
  return { count, average: count ? total / count : null, distribution, arrivedOkShare: answered ? ok / answered : null };
}

export async function openReportsCount({ ctx }: { ctx: SellerContext }): Promise<number> {
  const [row] = await ctx.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM problem_reports WHERE seller_id = ${ctx.sellerId} AND status = 'open'`);
  return Number(row?.n ?? 0);
}

export interface NotReceivedRate {
  key: string;
  delivered: number;
  reported: number;
  rate: number;
}

/**
 * Not-received reports per delivered package, by carrier and by destination ZIP3, for packages
 * delivered in the range. A whole-order report counts once for each of the order's packages.
 */
export async function notReceivedRates({ ctx, input: range = {} }: { ctx: SellerContext; input?: Range }): Promise<{ byCarrier: NotReceivedRate[]; byZip3: NotReceivedRate[] }> {
  const [from, to] = bounds(range);
  const rows = await ctx.db.all<{ carrier: string; country: string; zip3: string | null; reported: number }>(sql`
    SELECT p.carrier AS carrier, o.dest_country AS country, substr(o.dest_postal_code, 1, 3) AS zip3,
           EXISTS (SELECT 1 FROM problem_reports r WHERE r.order_id = o.id AND r.problem = 'not_received' AND (r.package_id = p.id OR r.package_id IS NULL)) AS reported
      FROM packages p JOIN orders o ON o.id = p.order_id
     WHERE o.seller_id = ${ctx.sellerId}
       AND EXISTS (SELECT 1 FROM tracking_events e WHERE e.order_id = o.id AND e.type = 'delivered'
                     AND (e.package_id = p.id OR e.package_id IS NULL) AND e.occurred_at >= ${from} AND e.occurred_at < ${to})`);
  const group = (key: (r: (typeof rows)[number]) => string) => {
    const m = new Map<string, { delivered: number; reported: number }>();
    for (const r of rows) {
      const g = m.get(key(r)) ?? { delivered: 0, reported: 0 };
      g.delivered += 1;
      g.reported += Number(r.reported);
      m.set(key(r), g);
    }
    return [...m].map(([k, g]) => ({ key: k, ...g, rate: g.reported / g.delivered })).sort((a, b) => b.rate - a.rate || a.key.localeCompare(b.key));
  };
  // ZIP3 is a US idea: another country's prefix carries its country code so they never share a bucket.
  const zip3 = (r: (typeof rows)[number]) => (r.zip3 ? (r.country === 'US' ? r.zip3 : `${r.country} ${r.zip3}`) : 'unknown');
  return { byCarrier: group((r) => r.carrier), byZip3: group(zip3) };
}
