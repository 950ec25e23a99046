import { and, eq, gt, isNull } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { oneTimeTokens, type OneTimeToken } from '../../../db/schema';
import { DomainError } from '../errors';
import type { Tx } from '../sms/rate-limits';

// One-time links (an invite, a password reset): 160 random bits in the link, only their SHA-256
// stored; a link works once, until it expires.

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export async function issueOneTimeToken(
  tx: Tx,
  values: Omit<typeof oneTimeTokens.$inferInsert, 'id' | 'tokenHash' | 'createdAt' | 'expiresAt' | 'usedAt'>,
  now: Date,
  lifetimeMs: number,
): Promise<string> {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  await tx.insert(oneTimeTokens).values({ ...values, tokenHash: hashToken(token), createdAt: now, expiresAt: new Date(now.getTime() + lifetimeMs) });
  return token;
}

export const ONE_TIME_LINK_INVALID = () => new DomainError('one_time_link_invalid', 'This link has expired or was already used. Ask for a new one.');

/** The live, unused token of that purpose, or null. */
export async function findOneTimeToken(tx: Pick<Tx, 'select'>, purpose: OneTimeToken['purpose'], token: string, now: Date): Promise<OneTimeToken | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const [row] = await tx
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tokenHash, hashToken(token)), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/** Marks the token used, inside the transaction that acts on it (a second use finds it used). */
export async function useOneTimeToken(tx: Tx, purpose: OneTimeToken['purpose'], token: string, now: Date): Promise<OneTimeToken> {
  const row = await findOneTimeToken(tx, purpose, token, now);
  if (!row) throw ONE_TIME_LINK_INVALID();
  await tx.update(oneTimeTokens).set({ usedAt: now }).where(eq(oneTimeTokens.id, row.id));
  return row;
}
