import { and, eq, lt, ne, or } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase, decodeHex } from '@oslojs/encoding';
import { sessions, users, type Role } from '../../../db/schema';
import type { ServiceContext } from '../context';
import type { Tx } from '../sms/rate-limits';
import { DAY_MS, HOUR_MS } from '../zoned-time';

// Seller sessions as lucia-auth.com teaches them now (the v3 package is deprecated): the cookie
// holds "<id>.<secret>"; the database keeps the id and only the SHA-256 of the secret, compared in
// constant time, so a copy of the database opens no session and a timing probe learns nothing.

/** However busy, a session ends 30 days after sign-in. */
export const SESSION_ABSOLUTE_MS = 30 * DAY_MS;
/** Unused for 7 days, it ends too. */
export const SESSION_IDLE_MS = 7 * DAY_MS;
/** Using a session moves its idle deadline, written at most once an hour (not on every request). */
export const SESSION_REFRESH_MS = HOUR_MS;

const randomString = (bytes: number) => encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
const hashSecret = (secret: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));

export interface SessionUser {
  id: number;
  sellerId: number;
  email: string;
  name: string | null;
  role: Role;
}
export interface ValidSession {
  id: string;
  user: SessionUser;
  /** when it ends if unused (idle), never later than its absolute end */
  expiresAt: Date;
}

/** When a session created at `createdAt` and last used at `lastSeenAt` ends. */
export const sessionExpiresAt = (createdAt: Date, lastSeenAt: Date) =>
  new Date(Math.min(createdAt.getTime() + SESSION_ABSOLUTE_MS, lastSeenAt.getTime() + SESSION_IDLE_MS));

/** A new session for the user; returns the token for the cookie (120-bit id, 136-bit secret). */
export async function createSession(tx: Tx, userId: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const id = randomString(15);
  const secret = randomString(17);
  await tx.insert(sessions).values({ id, secretHash: hashSecret(secret), userId, createdAt: now, lastSeenAt: now });
  return { token: `${id}.${secret}`, expiresAt: sessionExpiresAt(now, now) };
}

const TOKEN = /^([a-z2-7]{24})\.([a-z2-7]{28})$/;

/**
 * The session a cookie's token opens, or null (malformed, unknown, wrong secret, ended). A live
 * session used again after SESSION_REFRESH_MS gets its idle deadline moved (sliding refresh).
 */
export async function validateSession({ ctx, input }: { ctx: ServiceContext; input: { token: string } }): Promise<ValidSession | null> {
  const match = TOKEN.exec(input.token);
  if (!match) return null;
  const [, id, secret] = match as unknown as [string, string, string];
  const [row] = await ctx.db
    .select({ session: sessions, user: { id: users.id, sellerId: users.sellerId, email: users.email, name: users.name, role: users.role } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  if (!row) return null;
  if (!constantTimeEqual(decodeHex(row.session.secretHash), sha256(new TextEncoder().encode(secret)))) return null;
  const now = ctx.now();
  const expiresAt = sessionExpiresAt(row.session.createdAt, row.session.lastSeenAt);
  if (now >= expiresAt) {
    await ctx.db.transaction((tx) => tx.delete(sessions).where(eq(sessions.id, id)));
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() >= SESSION_REFRESH_MS) {
    await ctx.db.transaction((tx) => tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)));
    return { id, user: row.user, expiresAt: sessionExpiresAt(row.session.createdAt, now) };
  }
  return { id, user: row.user, expiresAt };
}

/** Sign-out: the session ends now. */
export async function invalidateSession({ ctx, input }: { ctx: ServiceContext; input: { sessionId: string } }): Promise<void> {
  await ctx.db.transaction((tx) => tx.delete(sessions).where(eq(sessions.id, input.sessionId)));
}

/** Every session of the user ends, but `keep` (the one that changed the password, if any). */
export async function endSessionsOf(tx: Tx, userId: number, keep: string | null = null): Promise<void> {
  await tx.delete(sessions).where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId));
}

/** Ended sessions are only noise: removed now and then. */
export async function pruneSessions({ ctx }: { ctx: ServiceContext }): Promise<void> {
  const now = ctx.now().getTime();
  await ctx.db.transaction((tx) =>
    tx.delete(sessions).where(or(lt(sessions.createdAt, new Date(now - SESSION_ABSOLUTE_MS)), lt(sessions.lastSeenAt, new Date(now - SESSION_IDLE_MS)))),
  );
}
