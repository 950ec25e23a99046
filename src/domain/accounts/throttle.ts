import { and, count, desc, eq, gt } from 'drizzle-orm';
import { rateLimitHits } from '../../../db/schema';
import { DomainError } from '../errors';
import type { Tx } from '../sms/rate-limits';
import { MINUTE_MS } from '../zoned-time';

// Sign-in throttling with growing delays, per account (the email typed, known or not, so the
// answer tells nothing) and per network: after a few free failures each next try waits twice as
// long as the last, up to 15 minutes. A success clears the account's failures.

export const SIGNIN_WINDOW_MS = 60 * MINUTE_MS;
export const SIGNIN_THROTTLES = {
  account: { bucket: 'signin_email', free: 5 },
  network: { bucket: 'signin_ip', free: 20 },
} as const;
const MAX_WAIT_MS = 15 * MINUTE_MS;

/** How long after the last failure the next try must wait, given the failures in the window. */
export const signInWait = (failures: number, free: number) => (failures < free ? 0 : Math.min(MAX_WAIT_MS, 1000 * 2 ** (failures - free)));

async function waitFor(tx: Tx, bucket: string, key: string, free: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - SIGNIN_WINDOW_MS);
  const where = and(eq(rateLimitHits.bucket, bucket), eq(rateLimitHits.key, key), gt(rateLimitHits.at, since));
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(rateLimitHits).where(where);
  if (n < free) return 0;
  const [last] = await tx.select({ at: rateLimitHits.at }).from(rateLimitHits).where(where).orderBy(desc(rateLimitHits.at)).limit(1);
  return Math.max(0, last!.at.getTime() + signInWait(n, free) - now.getTime());
}

/** Refuses a sign-in that comes too soon after failures (429, with the seconds to wait). */
export async function checkSignInThrottle(tx: Tx, keys: { email: string; ip: string }, now: Date): Promise<void> {
  const wait = Math.max(
    await waitFor(tx, SIGNIN_THROTTLES.account.bucket, keys.email, SIGNIN_THROTTLES.account.free, now),
    await waitFor(tx, SIGNIN_THROTTLES.network.bucket, keys.ip, SIGNIN_THROTTLES.network.free, now),
  );
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new DomainError('rate_limited', `Too many sign-in attempts. Try again in ${seconds} seconds.`, { retryAfter: seconds });
  }
}

export async function recordSignInFailure(tx: Tx, keys: { email: string; ip: string }, now: Date): Promise<void> {
  await tx.insert(rateLimitHits).values([
    { bucket: SIGNIN_THROTTLES.account.bucket, key: keys.email, at: now },
    { bucket: SIGNIN_THROTTLES.network.bucket, key: keys.ip, at: now },
  ]);
}

export async function clearSignInFailures(tx: Tx, email: string): Promise<void> {
  await tx.delete(rateLimitHits).where(and(eq(rateLimitHits.bucket, SIGNIN_THROTTLES.account.bucket), eq(rateLimitHits.key, email)));
}
