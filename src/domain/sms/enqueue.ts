import { and, eq, sql } from 'drizzle-orm';
import { smsMessages, smsOptOuts, smsSubscriptions, trackingEvents, packages, type TrackingEvent } from '../../../db/schema';
import type { Carrier } from '../../../db/schema/packages';
import { CARRIER_NAMES } from '../carriers';
import { orderStatus } from '../status';
import { addDays, localDate, zonedInstant } from '../zoned-time';
import { translator } from '../../i18n';
import { renderSms, type SmsFacts, type SmsKind } from './templates';
import { loadTextingContext, type TextingContext } from './context';
import { nextSendTime } from './quiet-hours';
import type { ServiceContext } from '../context';
import type { Tx } from './rate-limits';

export interface Recipient {
  subscriptionId: number | null;
  phone: string;
  lang: 'en' | 'es';
}

/**
 * Puts one text in the outbox, in the same transaction as whatever caused it. Texts answering
 * the customer's own action (the YES request, confirmations) go now; news waits out quiet hours.
 * A second text for the same (subscription, event, kind) is silently not added.
 */
export async function enqueueText(
  tx: Tx,
  input: { to: Recipient; ctx: TextingContext; kind: SmsKind; eventId: number | null; facts?: SmsFacts; now: Date; notBefore?: Date; immediate?: boolean },
): Promise<void> {
  const { ctx, to, now } = input;
  if (!ctx.link) return; // a revoked link: nothing honest to point the customer at
  const text = renderSms(input.kind, { lang: to.lang, sellerName: ctx.sellerName, orderNumber: ctx.orderNumber, link: ctx.link, contact: ctx.contact }, input.facts);
  const earliest = input.notBefore && input.notBefore > now ? input.notBefore : now;
  const dueAt = input.immediate ? earliest : nextSendTime(earliest, ctx.zone, ctx.quiet);
  await tx
    .insert(smsMessages)
    .values({
      subscriptionId: to.subscriptionId, eventId: input.eventId, kind: input.kind, toPhone: to.phone, body: text.body,
      segments: text.segments, state: 'pending', dueAt, createdAt: now, updatedAt: now,
    })
    .onConflictDoNothing();
}

const TEXTED: Partial<Record<TrackingEvent['type'], SmsKind>> = {
  shipped: 'shipped',
  out_for_delivery: 'out_for_delivery',
  delivered: 'delivered',
  delivery_attempted: 'delivery_attempted',
  delayed: 'delayed',
  available_for_pickup: 'available_for_pickup',
};

// The feedback request goes the morning after the order is complete, at this local hour.
const FEEDBACK_HOUR = 10;

/** Texts for a new tracking event, to the order's confirmed subscriber, in the event's transaction. */
export async function enqueueEventTexts(
  tx: Tx,
  keys: Pick<ServiceContext, 'secrets' | 'baseUrl'>,
  event: TrackingEvent,
  pkg: { carrier: Carrier; trackingNumber: string } | null,
  now: Date,
): Promise<void> {
  const kind = TEXTED[event.type];
  if (!kind) return;
  const [sub] = await tx
    .select({
      id: smsSubscriptions.id, phone: smsSubscriptions.phone, lang: smsSubscriptions.language,
      // A late, older scan is history, not news: only the newest event for its package is texted.
      newer: sql<number>`exists (select 1 from ${trackingEvents} e where e.order_id = ${event.orderId} and e.id <> ${event.id}
        and (e.package_id is null or ${event.packageId} is null or e.package_id = ${event.packageId})
        and e.occurred_at > ${event.occurredAt.getTime()})`,
    })
    .from(smsSubscriptions)
    .leftJoin(smsOptOuts, eq(smsOptOuts.phone, smsSubscriptions.phone))
    .where(and(eq(smsSubscriptions.orderId, event.orderId), eq(smsSubscriptions.status, 'active'), sql`${smsOptOuts.phone} is null`))
    .limit(1);
  if (!sub || sub.newer) return;
  const ctx = await loadTextingContext(tx, keys, event.orderId);
  if (!ctx) return;
  const to = { subscriptionId: sub.id, phone: sub.phone, lang: sub.lang };
  const facts = eventFacts(event, pkg, sub.lang);
  await enqueueText(tx, { to, ctx, kind, eventId: event.id, facts, now });
  if (event.type === 'delivered' && (await orderComplete(tx, event.orderId))) {
    const morning = zonedInstant(addDays(localDate(event.occurredAt, ctx.zone), 1), FEEDBACK_HOUR, 0, ctx.zone);
    await enqueueText(tx, { to, ctx, kind: 'feedback_request', eventId: event.id, now, notBefore: morning });
  }
}

function eventFacts(event: TrackingEvent, pkg: { carrier: Carrier; trackingNumber: string } | null, lang: 'en' | 'es'): SmsFacts {
  const t = translator(lang);
  return {
    carrierName: pkg ? CARRIER_NAMES[pkg.carrier] : undefined,
    trackingNumber: pkg?.trackingNumber,
    stopsAway: event.stopsAway,
    where: event.deliveredTo ? t(`where.${event.deliveredTo}`) : null,
    signatureRequired: event.signatureRequired ?? false,
    place: event.note ?? event.city,
  };
}

async function orderComplete(tx: Tx, orderId: number): Promise<boolean> {
  const [pkgs, events] = await Promise.all([
    tx.select({ id: packages.id }).from(packages).where(eq(packages.orderId, orderId)),
    tx.select({ id: trackingEvents.id, type: trackingEvents.type, occurredAt: trackingEvents.occurredAt, packageId: trackingEvents.packageId }).from(trackingEvents).where(eq(trackingEvents.orderId, orderId)),
  ]);
  const status = orderStatus(pkgs.map((p) => p.id), events);
  return status.packageCount > 0 ? status.deliveredCount === status.packageCount : status.stage === 'delivered';
}
