import { asc, eq } from 'drizzle-orm';
import { smsMessages, smsSubscriptions, type SmsMessage } from '../../db/schema';
import { addTrackingEvent } from '../../src/domain/events';
import { createOrderInput, trackingEventInput } from '../../src/domain/inputs';
import { createOrder } from '../../src/domain/orders';
import { handleInbound } from '../../src/domain/sms/inbound';
import { optIn } from '../../src/domain/sms/opt-in';
import { sampleOrder, type Harness } from './harness';

// Customers who texted YES, and the texts their orders' events put in the outbox, made through
// the real domain verbs (no rows written by hand).

const ctx = (h: Harness) => ({ db: h.database.db, appSecret: h.config.appSecret, baseUrl: h.config.publicBaseUrl });

export async function placeOrder(h: Harness, sellerId: number, orderNumber: string): Promise<number> {
  const { orderId } = await createOrder(ctx(h), { sellerId, order: createOrderInput.parse(sampleOrder(orderNumber)), source: 'api', now: h.clock.now });
  return orderId;
}

let ipCounter = 0;
/** The tracking page's opt-in form: queues the "reply YES" text. Each call from its own IP. */
export async function optInPhone(h: Harness, orderId: number, phone: string): Promise<void> {
  ipCounter += 1;
  await optIn(
    { ...ctx(h), allowedCountries: h.config.sms.allowedCountries, optInsPerIpHour: h.config.sms.optInsPerIpHour },
    { orderId, phone, consent: true, lang: 'en', ip: `203.0.113.${ipCounter % 250}`, userAgent: 'vitest', pageUrl: 'https://track.example.test/t/x', now: h.clock.now },
  );
}

let sidCounter = 0;
export async function replyYes(h: Harness, phone: string): Promise<void> {
  sidCounter += 1;
  await handleInbound(ctx(h), { sid: `SMinbound${String(sidCounter).padStart(25, '0')}`, from: phone, to: '+13135550100', body: 'YES', now: h.clock.now });
}

/** A carrier scan for the order's package (sampleOrder's tracking number). */
export async function scan(h: Harness, orderId: number, type: 'shipped' | 'out_for_delivery' | 'delivered', occurredAt: Date): Promise<void> {
  const event = trackingEventInput.parse({ type, occurredAt: occurredAt.toISOString(), trackingNumber: 'TBA312345678000', stopsAway: type === 'out_for_delivery' ? 5 : undefined });
  await addTrackingEvent(ctx(h), { orderId, event, source: 'api', now: h.clock.now });
}

export async function outbox(h: Harness): Promise<SmsMessage[]> {
  return h.database.db.select().from(smsMessages).orderBy(asc(smsMessages.id));
}

export async function subscription(h: Harness, orderId: number) {
  const [sub] = await h.database.db.select().from(smsSubscriptions).where(eq(smsSubscriptions.orderId, orderId)).orderBy(asc(smsSubscriptions.id));
  return sub!;
}
