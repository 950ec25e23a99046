import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { takeHit } from '../sms/rate-limits';
import { HOUR_MS } from '../zoned-time';
import { normalizeEmail } from './accounts';
import { deliverEmails, queueEmail } from './mail';
import { findOneTimeToken, ONE_TIME_LINK_INVALID, issueOneTimeToken, useOneTimeToken } from './one-time';
import { checkPassword, hashPassword } from './passwords';
import { createSession, endSessionsOf } from './sessions';

// "Forgot your password?": a one-time link by email, valid an hour. The answer is the same
// whether or not the email has an account.

export const RESET_LIFETIME_MS = HOUR_MS;
const RESET_LIMITS = {
  perEmail: { bucket: 'reset_email', limit: 3, windowMs: HOUR_MS, message: 'Too many reset emails. Try again later.' },
  perIp: { bucket: 'reset_ip', limit: 20, windowMs: HOUR_MS, message: 'Too many reset emails. Try again later.' },
};

export const requestResetInput = z.object({ email: z.string().max(254).transform(normalizeEmail) });
export const resetPasswordInput = z.object({ token: z.string().max(100), password: z.string().max(4096) });

/** Sends a reset link if the email has an account; says nothing either way (a limit hit is silent too). */
export async function requestPasswordReset({ ctx, input: raw }: { ctx: ServiceContext; input: z.infer<typeof requestResetInput> & { ip: string } }): Promise<void> {
  const input = { ...raw, email: normalizeEmail(raw.email) };
  const now = ctx.now();
  const emailId = await ctx.db
    .transaction(async (tx) => {
      await takeHit(tx, RESET_LIMITS.perIp, input.ip, now);
      await takeHit(tx, RESET_LIMITS.perEmail, input.email, now);
      const [user] = await tx.select({ id: users.id, sellerId: users.sellerId }).from(users).where(eq(users.email, input.email)).limit(1);
      if (!user) return null;
      const token = await issueOneTimeToken(tx, { purpose: 'password_reset', sellerId: user.sellerId, email: input.email, userId: user.id }, now, RESET_LIFETIME_MS);
      return queueEmail(tx, ctx, {
        to: input.email,
        subject: 'Reset your Porchlight password',
        text: `Someone asked to reset the password of your Porchlight account.\n\nChoose a new password (the link works once, for an hour):\n${ctx.baseUrl}/reset/${token}\n\nIf it was not you, ignore this email: your password stays as it is.`,
      }, now);
    })
    .catch((e: unknown) => {
      if (e instanceof Error && 'code' in e && e.code === 'rate_limited') return null;
      throw e;
    });
  if (emailId) await deliverEmails(ctx, [emailId]);
}

export const resetLinkValid = async ({ ctx, input }: { ctx: ServiceContext; input: { token: string } }) =>
  !!(await findOneTimeToken(ctx.db, 'password_reset', input.token, ctx.now()));

/** Sets the new password, ends every session of the account, and signs in with a new one. */
export async function resetPassword({ ctx, input }: { ctx: ServiceContext; input: z.infer<typeof resetPasswordInput> }) {
  checkPassword(input.password);
  if (!(await resetLinkValid({ ctx, input }))) throw ONE_TIME_LINK_INVALID();
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await useOneTimeToken(tx, 'password_reset', input.token, now);
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, row.userId!));
    await endSessionsOf(tx, row.userId!);
    return { userId: row.userId!, session: await createSession(tx, row.userId!, now) };
  });
}
