import { sql } from 'drizzle-orm';
import { apiRateWindows } from '../../db/schema';
import type { ServiceContext } from './context';

export interface ApiRateLimit {
  /** calls one API key may make per window; 0: no limit */
  limit: number;
  windowMs: number;
}

export interface ApiRateCount {
  /** calls left in this window (0 once the limit is reached) */
  remaining: number;
  /** whole seconds until the window resets (at least 1) */
  resetSeconds: number;
  /** true when this call is over the limit and must be refused */
  exceeded: boolean;
}

/**
 * Counts one seller API call against its key's window: a single upsert that starts a new window
 * when the stored one has passed. Refused calls count too, so a client hammering at the limit
 * stays limited until the window resets.
 */
export async function countApiCall({ ctx, input }: { ctx: ServiceContext; input: { keyId: number; limit: ApiRateLimit } }): Promise<ApiRateCount> {
  const { keyId, limit } = input;
  const nowMs = ctx.now().getTime();
  const windowStart = nowMs - (nowMs % limit.windowMs);
  const [row] = await ctx.db.transaction((tx) =>
    tx
      .insert(apiRateWindows)
      .values({ keyId, windowStart, count: 1 })
      .onConflictDoUpdate({
        target: apiRateWindows.keyId,
        // Only a newer window starts the count again: a process whose clock is a little behind
        // counts into the current window instead of resetting it back and forth.
        set: {
          count: sql`case when excluded.window_start > ${apiRateWindows.windowStart} then 1 else ${apiRateWindows.count} + 1 end`,
          windowStart: sql`max(${apiRateWindows.windowStart}, excluded.window_start)`,
        },
      })
      .returning({ count: apiRateWindows.count, windowStart: apiRateWindows.windowStart }),
  );
  const used = row!.count;
  return {
    remaining: Math.max(0, limit.limit - used),
    resetSeconds: Math.max(1, Math.ceil((row!.windowStart + limit.windowMs - nowMs) / 1000)),
    exceeded: used > limit.limit,
  };
}
