import { getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { outboundMessages, type OutboundMessage } from '../schema';
import { decodeNamed } from './columns';

// The outbound claim: one UPDATE … RETURNING, so two processes never take the same message. Of one
// endpoint, only as many as keep this process's sends to it in flight at `perTarget` at most: a
// receiver that hangs cannot take every slot.

const KEYS = Object.keys(getTableColumns(outboundMessages)) as (keyof OutboundMessage)[];
const c = (k: keyof OutboundMessage) => sql.raw(getTableColumns(outboundMessages)[k].name);
const RETURNING = sql.raw(KEYS.map((k) => `${getTableColumns(outboundMessages)[k].name} AS "${k}"`).join(', '));

export async function claimOutboundRows(
  tx: Pick<Db, 'all'>,
  o: { owner: string; now: number; leaseMs: number; limit: number; perTarget: number; inFlight: Readonly<Record<string, number>> },
): Promise<OutboundMessage[]> {
  const rows = await tx.all<Record<string, unknown>>(sql`
    UPDATE outbound_messages
       SET ${c('state')} = 'leased', ${c('leaseOwner')} = ${o.owner}, ${c('leaseUntil')} = ${o.now + o.leaseMs},
           ${c('attempts')} = ${c('attempts')} + 1, ${c('lastAttemptAt')} = ${o.now}
     WHERE ${c('id')} IN (
       SELECT id FROM (
         SELECT m.${c('id')} AS id, m.${c('dueAt')} AS due, m.${c('targetId')} AS target,
                row_number() OVER (PARTITION BY m.${c('targetId')} ORDER BY m.${c('dueAt')}, m.${c('id')}) AS nth
           FROM outbound_messages m
          WHERE m.${c('state')} = 'pending' AND m.${c('dueAt')} <= ${o.now}
       ) WHERE nth <= ${o.perTarget} - coalesce(json_extract(${JSON.stringify(o.inFlight)}, '$."' || target || '"'), 0)
       ORDER BY due, id
       LIMIT ${o.limit}
     )
    RETURNING ${RETURNING}`);
  return rows.map((r) => decodeNamed(outboundMessages, KEYS, r) as OutboundMessage);
}
