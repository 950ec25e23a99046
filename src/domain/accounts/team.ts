import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { oneTimeTokens, ROLES, sellers, users, type Role } from '../../../db/schema';
import type { MemberContext, ServiceContext } from '../context';
import { Conflict, Forbidden, NotFound } from '../errors';
import { displayText } from '../text';
import { DAY_MS } from '../zoned-time';
import { normalizeEmail } from './accounts';
import { deliverEmails, queueEmail } from './mail';
import { findOneTimeToken, issueOneTimeToken, ONE_TIME_LINK_INVALID, useOneTimeToken } from './one-time';
import { checkPassword, hashPassword } from './passwords';
import { createSession } from './sessions';

// A seller's team: owners invite teammates with a one-time link; members can't manage keys,
// teammates or settings (requireOwner).

export const INVITE_DAYS = 7;

export const inviteInput = z.object({
  email: z.string().trim().max(254).pipe(z.email('an email address like you@example.com')).transform(normalizeEmail),
  role: z.enum(ROLES).default('member'),
});
export const acceptInviteInput = z.object({ token: z.string().max(100), name: displayText(80).optional(), password: z.string().max(4096) });

/** Only an owner may: otherwise 403. */
export function requireOwner(ctx: MemberContext): void {
  if (ctx.member.role !== 'owner') throw Forbidden('Only an owner of this store can do that.');
}

export async function listTeam({ ctx }: { ctx: MemberContext }) {
  const now = ctx.now();
  const [people, invites] = await Promise.all([
    ctx.db.select({ id: users.id, email: users.email, name: users.name, role: users.role, createdAt: users.createdAt }).from(users).where(eq(users.sellerId, ctx.sellerId)).orderBy(asc(users.id)),
    ctx.db
      .select({ id: oneTimeTokens.id, email: oneTimeTokens.email, role: oneTimeTokens.role, expiresAt: oneTimeTokens.expiresAt })
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.sellerId, ctx.sellerId), eq(oneTimeTokens.purpose, 'invite'), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now)))
      .orderBy(desc(oneTimeTokens.id)),
  ]);
  return { people, invites };
}

/** Emails a one-time link to join this store (valid INVITE_DAYS days); returns the link for the page to show once. */
export async function inviteTeammate({ ctx, input: raw }: { ctx: MemberContext; input: z.infer<typeof inviteInput> }) {
  requireOwner(ctx);
  const input = { ...raw, email: normalizeEmail(raw.email) };
  const now = ctx.now();
  const { token, emailId } = await ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (taken) throw Conflict('This email already has a Porchlight account.', 'email_taken');
    const [seller] = await tx.select({ name: sellers.name }).from(sellers).where(eq(sellers.id, ctx.sellerId)).limit(1);
    const token = await issueOneTimeToken(tx, { purpose: 'invite', sellerId: ctx.sellerId, email: input.email, role: input.role, createdBy: ctx.member.id }, now, INVITE_DAYS * DAY_MS);
    const link = `${ctx.baseUrl}/invite/${token}`;
    const emailId = await queueEmail(tx, ctx, {
      to: input.email,
      subject: `Join ${seller!.name} on Porchlight`,
      text: `${ctx.member.name ?? ctx.member.email} invited you to help run ${seller!.name}'s delivery tracking on Porchlight.\n\nAccept the invite (the link works once, for ${INVITE_DAYS} days):\n${link}\n\nIf you did not expect this, ignore this email.`,
    }, now);
    return { token, emailId };
  });
  await deliverEmails(ctx, [emailId]);
  return { link: `${ctx.baseUrl}/invite/${token}` };
}

/** What an invite link offers, for its page (null: expired, used or unknown). */
export async function openInvite({ ctx, input }: { ctx: ServiceContext; input: { token: string } }) {
  const row = await findOneTimeToken(ctx.db, 'invite', input.token, ctx.now());
  if (!row) return null;
  const [seller] = await ctx.db.select({ name: sellers.name }).from(sellers).where(eq(sellers.id, row.sellerId)).limit(1);
  return { email: row.email, role: row.role ?? 'member', sellerName: seller?.name ?? '' };
}

/** Accepting makes the account (the email is the invite's) and signs it in; the link then stops working. */
export async function acceptInvite({ ctx, input }: { ctx: ServiceContext; input: z.infer<typeof acceptInviteInput> }) {
  checkPassword(input.password);
  if (!(await findOneTimeToken(ctx.db, 'invite', input.token, ctx.now()))) throw ONE_TIME_LINK_INVALID();
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const invite = await useOneTimeToken(tx, 'invite', input.token, now);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invite.email)).limit(1);
    if (taken) throw Conflict('This email already has a Porchlight account. Sign in instead.', 'email_taken');
    const [user] = await tx
      .insert(users)
      .values({ sellerId: invite.sellerId, email: invite.email, name: input.name ?? null, passwordHash, role: invite.role ?? 'member', createdAt: now, passwordChangedAt: now })
      .returning({ id: users.id });
    return { userId: user!.id, session: await createSession(tx, user!.id, now) };
  });
}

async function teammate(ctx: MemberContext, userId: number) {
  const [row] = await ctx.db.select({ id: users.id, role: users.role }).from(users).where(and(eq(users.id, userId), eq(users.sellerId, ctx.sellerId))).limit(1);
  if (!row) throw NotFound('Teammate');
  return row;
}

async function ownersLeft(ctx: MemberContext, without: number) {
  const rows = await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.sellerId, ctx.sellerId), eq(users.role, 'owner')));
  return rows.filter((r) => r.id !== without).length;
}

/** A teammate leaves the store (their sessions end with the account); the last owner cannot be removed. */
export async function removeTeammate({ ctx, input }: { ctx: MemberContext; input: { userId: number } }) {
  requireOwner(ctx);
  const row = await teammate(ctx, input.userId);
  if (row.role === 'owner' && (await ownersLeft(ctx, row.id)) === 0) throw Conflict('A store needs at least one owner.');
  await ctx.db.transaction((tx) => tx.delete(users).where(and(eq(users.id, row.id), eq(users.sellerId, ctx.sellerId))));
}

export async function changeRole({ ctx, input }: { ctx: MemberContext; input: { userId: number; role: Role } }) {
  requireOwner(ctx);
  const row = await teammate(ctx, input.userId);
  if (row.role === 'owner' && input.role !== 'owner' && (await ownersLeft(ctx, row.id)) === 0) throw Conflict('A store needs at least one owner.');
  await ctx.db.transaction((tx) => tx.update(users).set({ role: input.role }).where(and(eq(users.id, row.id), eq(users.sellerId, ctx.sellerId))));
}

/** Withdraws a pending invite: its link stops working. */
export async function revokeInvite({ ctx, input }: { ctx: MemberContext; input: { inviteId: number } }) {
  requireOwner(ctx);
  const now = ctx.now();
  const [row] = await ctx.db.transaction((tx) =>
    tx.update(oneTimeTokens).set({ usedAt: now })
      .where(and(eq(oneTimeTokens.id, input.inviteId), eq(oneTimeTokens.sellerId, ctx.sellerId), eq(oneTimeTokens.purpose, 'invite'), isNull(oneTimeTokens.usedAt)))
      .returning({ id: oneTimeTokens.id }),
  );
  if (!row) throw NotFound('Invite');
}
