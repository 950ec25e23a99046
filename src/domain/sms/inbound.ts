import { and, desc, eq, inArray } from 'drizzle-orm';
import { orders, smsConfirmedPhones, smsInbound, smsMessages, smsOptOuts, smsSubscriptions, type SmsSubscription } from '../../../db/schema';
import { firstLang } from '../../i18n';
import type { ServiceContext } from '../context';
import { loadTextingContext } from './context';
import { parseKeyword, type Keyword } from './keywords';
import { recordConsent } from './ledger';
import type { Tx } from './rate-limits';
import { renderSms, type SmsKind } from './templates';
import { queueOptedOut } from '../outbound/customer-events';

export interface InboundText {
  sid: string;
  from: string;
  to: string | null;
  body: string;
}

export interface InboundResult {
  /** the reply to send back (TwiML), or null for none */
  reply: string | null;
  keyword: Keyword;
  /** the same MessageSid was handled before: nothing was done again */
  duplicate: boolean;
}

/**
 * A customer's reply: STOP/START/YES/HELP or anything else. Runs once per MessageSid, in one
 * transaction, and returns the reply text; the reply is kept in the outbox table as sent.
 */
export async function handleInbound({ ctx: keys, input: text }: { ctx: ServiceContext; input: InboundText }): Promise<InboundResult> {
  const keyword = parseKeyword(text.body);
  const now = keys.now();
  return keys.db.transaction(async (tx) => {
    const inserted = await tx.insert(smsInbound)
      .values({ messageSid: text.sid, fromPhone: text.from, toPhone: text.to, body: text.body.slice(0, 1600), keyword, receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: smsInbound.id });
    if (!inserted.length) return { reply: null, keyword, duplicate: true };

    const subs = await tx.select().from(smsSubscriptions).where(eq(smsSubscriptions.phone, text.from)).orderBy(desc(smsSubscriptions.id));
    const [optedOut] = await tx.select().from(smsOptOuts).where(eq(smsOptOuts.phone, text.from));
    const orderNumbers = new Map((await orderNumbersOf(tx, subs)).map((o) => [o.id, o.orderNumber]));
    const ledger = (event: 'stop' | 'start' | 'confirm' | 'help', sub: SmsSubscription | undefined) =>
      recordConsent(tx, {
        at: now, event, source: 'sms', phone: text.from, sellerId: sub?.sellerId ?? null, orderId: sub?.orderId ?? null,
        orderNumber: sub ? (orderNumbers.get(sub.orderId) ?? null) : null, subscriptionId: sub?.id ?? null,
        language: sub?.language ?? null, messageSid: text.sid, messageBody: text.body.slice(0, 1600),
      });

    let kind: SmsKind | null;
    let about = subs[0];
    switch (keyword) {
      case 'stop': {
        if (optedOut) { kind = null; break; } // STOP is confirmed once; later STOPs get silence
        await tx.insert(smsOptOuts).values({ phone: text.from, at: now, source: 'stop_keyword' });
        const live = subs.filter((s) => s.status === 'pending' || s.status === 'active');
        if (live.length) {
          await tx.update(smsSubscriptions).set({ status: 'stopped', endedAt: now, endReason: 'stop_keyword' })
            .where(inArray(smsSubscriptions.id, live.map((s) => s.id)));
          await queueOptedOut(tx, live, 'stop_keyword', now);
        }
        await tx.update(smsMessages).set({ state: 'cancelled', updatedAt: now })
          .where(and(eq(smsMessages.toPhone, text.from), eq(smsMessages.state, 'pending')));
        for (const s of live.length ? live : [about]) await ledger('stop', s);
        kind = 'stop_confirm';
        break;
      }
      case 'start': {
        await tx.delete(smsOptOuts).where(eq(smsOptOuts.phone, text.from));
        const resumed = await resumeStopped(tx, subs, now);
        for (const s of resumed.length ? resumed : [about]) await ledger('start', s);
        // Only promise an order's updates if START brought its subscription back.
        if (resumed.length) about = resumed[0];
        kind = resumed.length ? 'start_confirm' : 'start_nothing';
        break;
      }
      case 'yes': {
        const pending = subs.filter((s) => s.status === 'pending');
        if (optedOut || !pending.length) { kind = 'unknown_reply'; break; }
        await tx.update(smsSubscriptions).set({ status: 'active', confirmedAt: now }).where(inArray(smsSubscriptions.id, pending.map((s) => s.id)));
        for (const s of pending) {
          await tx.insert(smsConfirmedPhones).values({ sellerId: s.sellerId, phone: text.from, confirmedAt: now }).onConflictDoNothing();
          await ledger('confirm', s);
        }
        about = pending[0];
        kind = 'confirmed';
        break;
      }
      case 'help':
        await ledger('help', about);
        kind = 'help';
        break;
      default:
        kind = 'unknown_reply';
    }
    const reply = kind ? await replyText(tx, keys, kind, about) : null;
    await tx.update(smsInbound).set({ reply }).where(eq(smsInbound.id, inserted[0]!.id));
    if (reply && kind) {
      // Replies go back in the webhook's response (TwiML); they are kept here as sent texts.
      await tx.insert(smsMessages).values({
        subscriptionId: about?.id ?? null, eventId: null, kind, toPhone: text.from, body: reply, segments: 1, state: 'submitted',
        dueAt: now, providerStatus: 'sent', createdAt: now, submittedAt: now, updatedAt: now,
      });
    }
    return { reply, keyword, duplicate: false };
  });
}

/** START: the subscriptions STOP ended come back, unless their order has a newer live one. */
async function resumeStopped(tx: Tx, subs: SmsSubscription[], now: Date): Promise<SmsSubscription[]> {
  const liveOrders = new Set(subs.filter((s) => s.status === 'pending' || s.status === 'active').map((s) => s.orderId));
  const resumed: SmsSubscription[] = [];
  for (const s of subs) {
    if (s.status !== 'stopped' || s.endReason !== 'stop_keyword' || liveOrders.has(s.orderId)) continue;
    liveOrders.add(s.orderId);
    await tx.update(smsSubscriptions).set({ status: s.confirmedAt ? 'active' : 'pending', endedAt: null, endReason: null }).where(eq(smsSubscriptions.id, s.id));
    resumed.push(s);
  }
  return resumed;
}

async function orderNumbersOf(tx: Tx, subs: SmsSubscription[]) {
  const ids = [...new Set(subs.map((s) => s.orderId))];
  return ids.length ? tx.select({ id: orders.id, orderNumber: orders.orderNumber }).from(orders).where(inArray(orders.id, ids)) : [];
}

async function replyText(tx: Tx, keys: Pick<ServiceContext, 'secrets' | 'baseUrl'>, kind: SmsKind, sub: SmsSubscription | undefined): Promise<string> {
  const ctx = sub ? await loadTextingContext(tx, keys, sub.orderId) : null;
  const lang = firstLang(sub?.language);
  // A number we know no order for gets the sender's general help, not a text about "order ".
  if (!ctx && (kind === 'help' || kind === 'unknown_reply' || kind === 'start_confirm' || kind === 'confirmed')) kind = 'general_help';
  return renderSms(kind, {
    lang,
    sellerName: ctx?.sellerName ?? 'Porchlight',
    orderNumber: ctx?.orderNumber ?? '',
    link: ctx?.link ?? keys.baseUrl,
    contact: ctx?.contact ?? null,
  }).body;
}
