import { sql } from 'drizzle-orm';
import { leases } from '../../db/schema';
import type { ServiceContext } from './context';

// A job one process at a time runs, across processes and servers: whoever holds the named lease.
// Taking it succeeds when nobody holds it, it lapsed, or the caller already holds it (a renewal).

/** Takes or renews `name` for `owner` until now + `ms`; false while another owner's lease runs. */
export async function takeLease(ctx: Pick<ServiceContext, 'db' | 'now'>, name: string, owner: string, ms: number): Promise<boolean> {
  const now = ctx.now().getTime();
  // a write, so through db.transaction() like every other (the embedded driver's rule, db/client.ts)
  const rows = await ctx.db.transaction((tx) => tx
    .insert(leases)
    .values({ name, owner, expiresAt: new Date(now + ms) })
    .onConflictDoUpdate({
      target: leases.name,
      set: { owner, expiresAt: new Date(now + ms) },
      setWhere: sql`${leases.expiresAt} <= ${now} OR ${leases.owner} = ${owner}`,
    })
    .returning({ owner: leases.owner }));
  return rows[0]?.owner === owner;
}

/** Gives the lease up (only the holder can), so the next round may start at once elsewhere. */
export async function releaseLease(ctx: Pick<ServiceContext, 'db'>, name: string, owner: string): Promise<void> {
  await ctx.db.transaction((tx) => tx.delete(leases).where(sql`${leases.name} = ${name} AND ${leases.owner} = ${owner}`));
}
