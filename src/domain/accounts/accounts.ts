import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema';
import type { MemberContext, ServiceContext } from '../context';
import { Conflict, Unauthorized } from '../errors';
import { insertSeller } from '../sellers';
import { displayText } from '../text';
import { checkPassword, decoyHash, hashPassword, verifyPassword } from './passwords';
import { createSession, endSessionsOf, invalidateSession } from './sessions';
import { checkSignInThrottle, clearSignInFailures, recordSignInFailure } from './throttle';

// A seller's own accounts: sign-up makes the seller and its owner; sign-in opens a session.

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const email = z.string().trim().max(254).pipe(z.email('an email address like you@example.com')).transform(normalizeEmail);
// Passwords are never trimmed or changed: what was typed is what is hashed.
const password = z.string().max(4096);

export const signUpInput = z.object({ storeName: displayText(80), email, password, name: displayText(80).optional() });
export const signInInput = z.object({ email: z.string().max(254).transform(normalizeEmail), password });
export const changePasswordInput = z.object({ current: password, next: password });

const WRONG = 'That email and password do not match an account.';

/** A new seller and its owner, signed in. The email is one account's, whoever's seller it is. */
export async function signUp({ ctx, input: raw }: { ctx: ServiceContext; input: z.infer<typeof signUpInput> }) {
  const input = { ...raw, email: normalizeEmail(raw.email) };
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (taken) throw Conflict('An account with this email already exists. Sign in instead.', 'email_taken');
    const seller = await insertSeller(tx, { seller: { name: input.storeName, supportEmail: input.email }, withKey: false }, now);
    const [user] = await tx
      .insert(users)
      .values({ sellerId: seller.sellerId, email: input.email, name: input.name ?? null, passwordHash, role: 'owner', createdAt: now, passwordChangedAt: now })
      .returning({ id: users.id });
    const session = await createSession(tx, user!.id, now);
    return { sellerId: seller.sellerId, slug: seller.slug, userId: user!.id, session };
  });
}

/**
 * Signs in: the same answer, after the same Argon2 work, for an unknown email and a wrong
 * password; throttled per account and per network (throttle.ts).
 */
export async function signIn({ ctx, input: raw }: { ctx: ServiceContext; input: z.infer<typeof signInInput> & { ip: string } }) {
  const input = { ...raw, email: normalizeEmail(raw.email) };
  const now = ctx.now();
  const keys = { email: input.email, ip: input.ip };
  await ctx.db.transaction((tx) => checkSignInThrottle(tx, keys, now));
  const [user] = await ctx.db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, input.email)).limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (!user || !ok) {
    await ctx.db.transaction((tx) => recordSignInFailure(tx, keys, now));
    throw Unauthorized(WRONG, 'credentials_invalid');
  }
  return ctx.db.transaction(async (tx) => {
    await clearSignInFailures(tx, input.email);
    return { userId: user.id, session: await createSession(tx, user.id, now) };
  });
}

export const signOut = ({ ctx }: { ctx: MemberContext }) => invalidateSession({ ctx, input: { sessionId: ctx.member.sessionId } });

/** A new password after the current one: every other session of the account ends. */
export async function changePassword({ ctx, input }: { ctx: MemberContext; input: z.infer<typeof changePasswordInput> }) {
  const [user] = await ctx.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, ctx.member.id)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, input.current))) throw Unauthorized('The current password is not right.', 'credentials_invalid');
  checkPassword(input.next);
  const passwordHash = await hashPassword(input.next);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, ctx.member.id));
    await endSessionsOf(tx, ctx.member.id, ctx.member.sessionId);
  });
}
