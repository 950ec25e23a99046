import { asc, eq } from 'drizzle-orm';
import { smsMessages, smsSubscriptions, type SmsMessage } from '../../db/schema';
import { addTrackingEvent } from '../../src/domain/events';
import { createOrderInput, trackingEventInput } from '../../src/domain/inputs';
import { createOrder } from '../../src/domain/orders';
import { handleInbound } from '../../src/domain/sms/inbound';
import { optIn } from '../../src/domain/sms/opt-in';
import { forLink, forSeller } from '../../src/domain/context';
import { currentTrackingUrl } from '../../src/domain/links';
import { openLinkOrFail } from '../../src/domain/tracking';
import { sampleOrder, tokenOf, type Harness } from './harness';

// Customers who texted YES, and the texts their orders' events put in the outbox, made through
// the real domain verbs (no rows written by hand).

const sellerOf = new Map<number, { sellerId: number; orderNumber: string }>();

export async function placeOrder(h: Harness, sellerId: number, orderNumber: string): Promise<number> {
  const { orderId } = await createOrder({ ctx: forSeller(h.ctx, sellerId), input: { order: createOrderInput.parse(sampleOrder(orderNumber)), source: 'api' } });
  sellerOf.set(orderId, { sellerId, orderNumber });
  return orderId;
}

let ipCounter = 0;
/** The tracking page's opt-in form: queues the "reply YES" text. Each call from its own IP. */
export async function optInPhone(h: Harness, orderId: number, phone: string): Promise<void> {
  ipCounter += 1;
  const link = await openLinkOrFail({ ctx: h.ctx, input: { token: tokenOf((await currentTrackingUrl(forSeller(h.ctx, sellerOf.get(orderId)!.sellerId), orderId))!) } });
  await optIn({
    ctx: forLink(h.ctx, link),
    input: { phone, consent: true, lang: 'en', ip: `203.0.113.${ipCounter % 250}`, userAgent: 'vitest', pageUrl: 'https://track.example.test/t/x' },
  });
}

let sidCounter = 0;
export async function replyYes(h: Harness, phone: string): Promise<void> {
  sidCounter += 1;
  await handleInbound({ ctx: h.ctx, input: { sid: `SMinbound${String(sidCounter).padStart(25, '0')}`, from: phone, to: '+13135550100', body: 'YES' } });
}

/** A carrier scan for the order's package (sampleOrder's tracking number). */
export async function scan(h: Harness, orderId: number, type: 'shipped' | 'out_for_delivery' | 'delivered', occurredAt: Date): Promise<void> {
  const event = trackingEventInput.parse({ type, occurredAt: occurredAt.toISOString(), trackingNumber: 'TBA312345678000', stopsAway: type === 'out_for_delivery' ? 5 : undefined });
  const { sellerId, orderNumber } = sellerOf.get(orderId)!;
  await addTrackingEvent({ ctx: forSeller(h.ctx, sellerId), input: { orderNumber, event, source: 'api' } });
}

export async function outbox(h: Harness): Promise<SmsMessage[]> {
  return h.database.db.select().from(smsMessages).orderBy(asc(smsMessages.id));
}

export async function subscription(h: Harness, orderId: number) {
  const [sub] = await h.database.db.select().from(smsSubscriptions).where(eq(smsSubscriptions.orderId, orderId)).orderBy(asc(smsSubscriptions.id));
  return sub!;
}
