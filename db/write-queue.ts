import type { LibSQLDatabase } from 'drizzle-orm/libsql';

// A process's write transactions on a database file, queued and committed in groups. SQLite has
// one write lock: a second write transaction in this process could only wait for the first, so
// they take turns here — and the ones that arrive while a turn runs share the next turn: one
// BEGIN and one COMMIT (the commit's fsync is most of a small transaction's cost), each job in a
// savepoint of its own, so a job that fails undoes only itself. A job's promise settles after
// the commit that makes it durable. Every write goes through db.transaction() for this reason.

const GROUP_MAX = 32;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = LibSQLDatabase<any>;
type TxFn = Parameters<AnyDb['transaction']>[0];
interface Job { fn: TxFn; resolve(value: unknown): void; reject(error: unknown): void }
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A database error other than a constraint (Drizzle wraps it as the cause): SQLite may have ended the transaction with it, or did. */
function mayEndTransaction(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | null | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (e.code === 'TRANSACTION_CLOSED') return true;
    if (typeof e.code === 'string' && e.code.startsWith('SQLITE_')) return e.code !== 'SQLITE_CONSTRAINT';
  }
  return false;
}

export function groupWriteTransactions(db: AnyDb): void {
  const transaction = db.transaction.bind(db);
  const waiting: Job[] = [];
  let running = false;

  const runGroup = async (group: Job[]) => {
    if (group.length === 1) return transaction(group[0]!.fn).then(group[0]!.resolve, group[0]!.reject);
    const outcomes: Outcome[] = [];
    try {
      await transaction(async (tx) => {
        for (const job of group) {
          try {
            outcomes.push({ ok: true, value: await tx.transaction(job.fn) });
          } catch (error) {
            outcomes.push({ ok: false, error });
            // SQLite may have rolled the whole transaction back (a full disk, an I/O error): the jobs
            // not run yet wait for the next group rather than run outside any transaction
            if (mayEndTransaction(error)) break;
          }
        }
      });
    } catch (error) {
      // BEGIN or COMMIT failed: nothing the group ran was stored
      outcomes.splice(0, outcomes.length, ...outcomes.map((): Outcome => ({ ok: false, error })));
    }
    waiting.unshift(...group.slice(outcomes.length));
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) group[i]!.resolve(outcome.value);
      else group[i]!.reject(outcome.error);
    });
  };

  const drain = async () => {
    while (waiting.length) await runGroup(waiting.splice(0, GROUP_MAX));
    running = false;
  };

  db.transaction = ((fn: TxFn) =>
    new Promise((resolve, reject) => {
      waiting.push({ fn, resolve, reject });
      if (running) return;
      running = true;
      // after the requests already read in this turn of the event loop have queued theirs too
      setImmediate(() => void drain());
    })) as AnyDb['transaction'];
}
