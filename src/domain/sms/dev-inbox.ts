import { asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { smsInbound, smsMessages } from '../../../db/schema';

export interface InboxEntry {
  direction: 'out' | 'in';
  phone: string;
  body: string;
  at: Date;
  kind: string | null;
  /** out: pending (waiting, e.g. quiet hours), submitted, failed …; in: the keyword it read as */
  state: string;
  dueAt: Date | null;
}

/** Every text to and from each number, oldest first: the dev transport's "phone". */
export async function devInbox({ ctx, input: { phone } }: { ctx: ServiceContext; input: { phone: string | null } }): Promise<{ phones: string[]; messages: InboxEntry[] }> {
  const [out, inbound] = await Promise.all([
    ctx.db.select().from(smsMessages).where(phone ? eq(smsMessages.toPhone, phone) : undefined).orderBy(asc(smsMessages.id)),
    ctx.db.select().from(smsInbound).where(phone ? eq(smsInbound.fromPhone, phone) : undefined).orderBy(asc(smsInbound.id)),
  ]);
  const messages: InboxEntry[] = [
    ...out.filter((m) => m.state !== 'cancelled').map((m) => ({
      direction: 'out' as const, phone: m.toPhone, body: m.body, at: m.submittedAt ?? m.createdAt, kind: m.kind, state: m.state, dueAt: m.state === 'pending' ? m.dueAt : null,
    })),
    ...inbound.map((m) => ({ direction: 'in' as const, phone: m.fromPhone, body: m.body, at: m.receivedAt, kind: null, state: m.keyword, dueAt: null })),
  // a reply shares its inbound text's instant: the customer's text comes first
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1));
  const phones = [...new Set([...out.map((m) => m.toPhone), ...inbound.map((m) => m.fromPhone)])].sort();
  return { phones, messages };
}
