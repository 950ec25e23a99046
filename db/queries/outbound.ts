import { getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { outboundMessages, type OutboundMessage } from '../schema';
import { decodeNamed } from './columns';

// The outbound claim: one UPDATE … RETURNING, so two processes never take the same message. Of one
// endpoint, only as many as keep this process's sends to it in flight at `perTarget` at most, and
// at `perFailingTarget` for an endpoint in a run of failures: a receiver that hangs cannot take
// every slot, and a healthy one is not held to a trickle.

const KEYS = Object.keys(getTableColumns(outboundMessages)) as (keyof OutboundMessage)[];
const c = (k: keyof OutboundMessage) => sql.raw(getTableColumns(outboundMessages)[k].name);
const RETURNING = sql.raw(KEYS.map((k) => `${getTableColumns(outboundMessages)[k].name} AS "${k}"`).join(', '));

const CANDIDATES = 1_000;

export async function claimOutboundRows(
  tx: Pick<Db, 'all'>,
  o: { owner: string; now: number; leaseMs: number; limit: number; perTarget: number; perFailingTarget: number; inFlight: Readonly<Record<string, number>> },
): Promise<OutboundMessage[]> {
  const inFlight = JSON.stringify(o.inFlight);
  const rows = await tx.all<Record<string, unknown>>(sql`
    UPDATE outbound_messages
       SET ${c('state')} = 'leased', ${c('leaseOwner')} = ${o.owner}, ${c('leaseUntil')} = ${o.now + o.leaseMs},
           ${c('attempts')} = ${c('attempts')} + 1, ${c('lastAttemptAt')} = ${o.now}
     WHERE ${c('id')} IN (
       WITH candidates AS (
         -- the oldest due messages of endpoints with room left, through the (state, due_at) index:
         -- a claim looks at a bounded set, however long the queue
         SELECT m.${c('id')} AS id, m.${c('dueAt')} AS due, m.${c('targetId')} AS target,
                (CASE WHEN e.failing_since IS NULL THEN ${o.perTarget} ELSE ${o.perFailingTarget} END)
                  - coalesce(json_extract(${inFlight}, '$."' || m.${c('targetId')} || '"'), 0) AS room
           FROM outbound_messages m
           LEFT JOIN webhook_endpoints e ON e.id = m.${c('targetId')}
          WHERE m.${c('state')} = 'pending' AND m.${c('dueAt')} <= ${o.now} AND room > 0
          ORDER BY m.${c('dueAt')}, m.${c('id')}
          LIMIT ${CANDIDATES}
       )
       SELECT id FROM (
         SELECT id, due, room, row_number() OVER (PARTITION BY target ORDER BY due, id) AS nth FROM candidates
       ) WHERE nth <= room
       ORDER BY due, id
       LIMIT ${o.limit}
     )
    RETURNING ${RETURNING}`);
  return rows.map((r) => decodeNamed(outboundMessages, KEYS, r) as OutboundMessage);
}
