import { getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { smsMessages, type SmsMessage } from '../schema';
import { decodeNamed } from './columns';

// The outbox claim: one UPDATE … RETURNING, so two processes can never take the same row.

const KEYS = Object.keys(getTableColumns(smsMessages)) as (keyof SmsMessage)[];
const c = (k: keyof SmsMessage) => sql.raw(getTableColumns(smsMessages)[k].name);
const RETURNING = sql.raw(KEYS.map((k) => `${getTableColumns(smsMessages)[k].name} AS "${k}"`).join(', '));

/** Texts sent, or out and not yet settled, since `dayStart` (the daily budget counts them). */
const usedSince = (dayStart: number) =>
  sql`(SELECT count(*) FROM sms_messages WHERE ${c('submittedAt')} >= ${dayStart} OR (${c('state')} IN ('leased', 'unknown') AND ${c('leasedAt')} >= ${dayStart}))`;

/**
 * Leases up to `limit` due texts to `owner`. Within a subscription texts go in order: one waits
 * while an earlier one is still unsent. The daily budget is enforced inside the same statement,
 * so processes cannot overshoot it together.
 */
export async function claimDueRows(tx: Pick<Db, 'all'>, o: { owner: string; now: number; leaseMs: number; limit: number; dailyBudget: number; dayStart: number }): Promise<SmsMessage[]> {
  const rows = await tx.all<Record<string, unknown>>(sql`
    UPDATE sms_messages
       SET ${c('state')} = 'leased', ${c('leaseOwner')} = ${o.owner}, ${c('leaseUntil')} = ${o.now + o.leaseMs}, ${c('leasedAt')} = ${o.now},
           ${c('attempts')} = ${c('attempts')} + 1, ${c('updatedAt')} = ${o.now}
     WHERE ${c('id')} IN (
       SELECT m.${c('id')} FROM sms_messages m
        WHERE m.${c('state')} = 'pending' AND m.${c('dueAt')} <= ${o.now}
          AND NOT EXISTS (SELECT 1 FROM sms_messages e
                           WHERE e.${c('subscriptionId')} = m.${c('subscriptionId')} AND e.${c('id')} < m.${c('id')}
                             AND e.${c('state')} IN ('pending', 'leased', 'unknown'))
        ORDER BY m.${c('dueAt')}, m.${c('id')}
        LIMIT max(0, min(${o.limit}, ${o.dailyBudget} - ${usedSince(o.dayStart)}))
     )
    RETURNING ${RETURNING}`);
  return rows.map((r) => decodeNamed(smsMessages, KEYS, r) as SmsMessage);
}

/** Whether the budget is used up while due texts wait (for the alert). */
export async function budgetUsedUp(db: Pick<Db, 'all'>, o: { now: number; dayStart: number; dailyBudget: number }): Promise<boolean> {
  const [row] = await db.all<{ used: number; waiting: number }>(sql`
    SELECT ${usedSince(o.dayStart)} AS used,
           (SELECT count(*) FROM sms_messages WHERE ${c('state')} = 'pending' AND ${c('dueAt')} <= ${o.now}) AS waiting`);
  return !!row && row.used >= o.dailyBudget && row.waiting > 0;
}
