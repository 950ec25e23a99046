import { sql } from 'drizzle-orm';
import { orders, pageOpens } from '../../../db/schema';
import type { ServiceContext } from '../context';

// Tracking-page opens, counted in this process's memory (a page view must not wait on a write)
// and added to page_opens in batches. Every flush adds its own counts (count = count + excluded),
// so any number of processes can flush into the same rows without losing each other's opens.

/** Distinct (order, day) pairs held between flushes; past this, opens of new pairs are dropped. */
export const MAX_PENDING_PAIRS = 100_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const pending = new Map<string, { orderId: number; day: string; count: number }>();
let dropped = 0;

function add(orderId: number, day: string, count: number): boolean {
  const key = `${orderId}|${day}`;
  const row = pending.get(key);
  if (row) row.count += count;
  else if (pending.size >= MAX_PENDING_PAIRS) return (dropped += count), false;
  else pending.set(key, { orderId, day, count });
  return true;
}

/**
 * Counts one open of an order's tracking page on `day` ('YYYY-MM-DD', the destination's local
 * date). Returns false, counting nothing, for a malformed call or when the buffer is full.
 */
export function countPageOpen(orderId: number, day: string): boolean {
  if (!Number.isSafeInteger(orderId) || orderId <= 0 || typeof day !== 'string' || !DAY.test(day)) return false;
  return add(orderId, day, 1);
}

/** Opens counted and not yet flushed (for a shutdown hook or a health line). */
export const pendingPageOpens = (): number => [...pending.values()].reduce((n, r) => n + r.count, 0);

/**
 * Adds the counted opens to page_opens in one transaction and empties the buffer. Opens counted
 * while it runs wait for the next flush; if the write fails, the counts go back into the buffer.
 * Opens of an order deleted meanwhile are skipped (its rows went with it).
 */
export async function flushPageOpens({ ctx }: { ctx: ServiceContext }): Promise<{ opens: number; dropped: number }> {
  const batch = [...pending.values()];
  const lost = dropped;
  pending.clear();
  dropped = 0;
  if (!batch.length) return { opens: 0, dropped: lost };
  const rows = JSON.stringify(batch.map((r) => [r.orderId, r.day, r.count]));
  try {
    // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the upsert, not to the join.
    await ctx.db.transaction((tx) => tx.run(sql`
      INSERT INTO ${pageOpens} (${sql.identifier(pageOpens.orderId.name)}, ${sql.identifier(pageOpens.day.name)}, ${sql.identifier(pageOpens.count.name)})
      SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]')
        FROM json_each(${rows}) AS j JOIN ${orders} ON ${orders.id} = json_extract(j.value, '$[0]')
       WHERE true
      ON CONFLICT (${sql.identifier(pageOpens.orderId.name)}, ${sql.identifier(pageOpens.day.name)})
      DO UPDATE SET ${sql.identifier(pageOpens.count.name)} = ${pageOpens.count} + excluded.${sql.identifier(pageOpens.count.name)}`));
  } catch (e) {
    for (const r of batch) add(r.orderId, r.day, r.count);
    dropped += lost;
    throw e;
  }
  return { opens: batch.reduce((n, r) => n + r.count, 0), dropped: lost };
}
