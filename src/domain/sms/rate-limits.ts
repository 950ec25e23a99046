import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { rateLimitHits } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { DAY_MS, HOUR_MS } from '../zoned-time';
import { RateLimited } from '../errors';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Limit {
  bucket: string;
  limit: number;
  windowMs: number;
  message: string;
}

// SMS-pumping defences (product.md §5), counted in the database so every process shares them.
export const LIMITS = {
  optInPerIp: { bucket: 'optin_ip', limit: 5, windowMs: HOUR_MS, message: 'Too many sign-ups from this network. Try again in an hour.' },
  optInPerPrefix: { bucket: 'optin_prefix', limit: 10, windowMs: HOUR_MS, message: 'Too many sign-ups for similar numbers. Try again later.' },
} as const satisfies Record<string, Limit>;

/** Counts a hit against `limit` for `key`, or refuses with 429 when the window is already full. */
export async function takeHit(tx: Tx, limit: Limit, key: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - limit.windowMs);
  const [row] = await tx
    .select({ n: count() })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.bucket, limit.bucket), eq(rateLimitHits.key, key), gt(rateLimitHits.at, since)));
  if ((row?.n ?? 0) >= limit.limit) throw RateLimited(limit.message);
  await tx.insert(rateLimitHits).values({ bucket: limit.bucket, key, at: now });
}

/** Old hits are only noise: the outbox worker prunes them now and then. */
export async function pruneHits({ ctx }: { ctx: ServiceContext }): Promise<void> {
  const oldest = new Date(ctx.now().getTime() - 2 * DAY_MS);
  await ctx.db.transaction((tx) => tx.delete(rateLimitHits).where(lt(rateLimitHits.at, oldest)));
}

export type { Tx };
