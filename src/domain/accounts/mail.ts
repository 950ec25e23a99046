import { desc, eq, inArray } from 'drizzle-orm';
import { emails } from '../../../db/schema';
import type { ServiceContext } from '../context';
import type { Tx } from '../sms/rate-limits';

// Emails to sellers' teams (invites, password resets). Written in the transaction that made the
// link, sent after it commits: with the dev transport they are only stored and shown on /dev/mail.

export interface OutgoingEmail { to: string; subject: string; text: string }

export async function queueEmail(tx: Tx, ctx: Pick<ServiceContext, 'mail'>, email: OutgoingEmail, now: Date): Promise<number> {
  const [row] = await tx
    .insert(emails)
    .values({ ...email, state: ctx.mail.deliver ? 'pending' : 'sent', createdAt: now, sentAt: ctx.mail.deliver ? null : now })
    .returning({ id: emails.id });
  return row!.id;
}

/** Sends queued emails (SMTP); a failure is recorded on the email, never thrown at the person who asked. */
export async function deliverEmails(ctx: ServiceContext, ids: number[]): Promise<void> {
  const { deliver } = ctx.mail;
  if (!deliver || !ids.length) return;
  const rows = await ctx.db.select().from(emails).where(inArray(emails.id, ids));
  for (const row of rows.filter((r) => r.state === 'pending')) {
    try {
      await deliver({ to: row.to, subject: row.subject, text: row.text });
      await ctx.db.transaction((tx) => tx.update(emails).set({ state: 'sent', sentAt: ctx.now() }).where(eq(emails.id, row.id)));
    } catch (e) {
      const error = e instanceof Error ? e.message.slice(0, 300) : 'unknown error';
      await ctx.db.transaction((tx) => tx.update(emails).set({ state: 'failed', error }).where(eq(emails.id, row.id)));
    }
  }
}

/** The dev inbox (/dev/mail): the newest emails, optionally to one address. */
export async function devMailbox({ ctx, input }: { ctx: ServiceContext; input: { to: string | null } }) {
  const query = ctx.db.select().from(emails);
  return (input.to ? query.where(eq(emails.to, input.to.trim().toLowerCase())) : query).orderBy(desc(emails.id)).limit(50);
}
