import { and, count, countDistinct, eq, gt, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { orders, smsConfirmedPhones, smsMessages, smsOptOuts, smsSubscriptions } from '../../../db/schema';
import type { LinkContext } from '../context';
import { DAY_MS } from '../zoned-time';
import { Conflict, DomainError, Invalid, NotFound, RateLimited } from '../errors';
import { loadTextingContext } from './context';
import { enqueueText } from './enqueue';
import { recordConsent } from './ledger';
import { normalizePhone, prefixOf } from './phone';
import { LIMITS, takeHit } from './rate-limits';
import { DISCLOSURE_VERSION, disclosureText } from './templates';
import { queueOptedOut } from '../outbound/customer-events';

/** The opt-in form as posted: JSON sends consent: true, a ticked box posts "on" (absent: no consent). */
export const optInForm = z.object({
  phone: z.string().trim().min(1).max(40),
  consent: z.union([z.boolean(), z.enum(['on', 'true', 'yes'])]).optional().transform((v) => v !== undefined && v !== false),
});

/** Parses a posted opt-in; a missing or malformed phone reads as one the customer must fix. */
export function parseOptIn(raw: unknown): z.output<typeof optInForm> {
  const parsed = optInForm.safeParse(raw);
  if (parsed.success) return parsed.data;
  const phoneIssue = parsed.error.issues.some((i) => i.path[0] === 'phone');
  throw phoneIssue ? Invalid('Enter a mobile number', 'phone_invalid') : Invalid('The form was not filled in as expected');
}

/** The page a customer opted in on, as the consent ledger keeps it: never the whole token. */
export const consentPageUrl = (baseUrl: string, token: string) => `${baseUrl}/t/…${token.slice(-4)}`;

/** Who asked, from where: the consent ledger keeps it. */
export interface ConsentSource {
  ip: string;
  userAgent: string;
  pageUrl: string;
}

export interface OptInInput extends ConsentSource {
  phone: string;
  consent: boolean;
  lang: 'en' | 'es';
}

const PHONE_ERRORS: Record<Exclude<ReturnType<typeof normalizePhone>, { ok: true }>['reason'], () => DomainError> = {
  invalid: () => Invalid('That does not look like a mobile number', 'phone_invalid'),
  country_not_allowed: () => Invalid('Texts can only go to numbers in the countries we deliver to', 'phone_country_not_allowed'),
  not_mobile: () => Invalid('Texts can only go to a mobile number, not a toll-free, premium-rate or other service number', 'phone_not_mobile'),
};

// One live phone per order; a customer may change it at most this many times.
const MAX_PHONE_CHANGES = 3;
const CONFIRM_TEXTS_PER_DAY = 3;

export const legalUrls = (baseUrl: string, lang: 'en' | 'es') => ({
  termsUrl: `${baseUrl}/legal/sms-terms${lang === 'es' ? '?lang=es' : ''}`,
  privacyUrl: `${baseUrl}/legal/privacy${lang === 'es' ? '?lang=es' : ''}`,
});

/**
 * Subscribes a phone to an order's texts. A number this seller has seen confirm before is active
 * at once; any other gets one text asking for YES and nothing else until it answers.
 */
export async function optIn({ ctx: service, input }: { ctx: LinkContext; input: OptInInput }): Promise<{ status: 'pending' | 'active'; last4: string }> {
  const orderId = service.link.orderId;
  const now = service.now();
  return service.db.transaction(async (tx) => {
    const ctx = await loadTextingContext(tx, service, orderId);
    if (!ctx) throw NotFound('Tracking link');
    const phone = normalizePhone(input.phone, ctx.destCountry, service.link.smsCountries ?? service.sms.allowedCountries);
    if (!phone.ok) throw PHONE_ERRORS[phone.reason]();
    if (!input.consent) throw Invalid('Check the box to agree to receive texts', 'consent_required');

    const [live] = await tx.select().from(smsSubscriptions)
      .where(and(eq(smsSubscriptions.orderId, orderId), inArray(smsSubscriptions.status, ['pending', 'active'])));
    if (live?.phone === phone.e164) return { status: live.status as 'pending' | 'active', last4: phone.last4 };

    const [optedOut] = await tx.select().from(smsOptOuts).where(eq(smsOptOuts.phone, phone.e164));
    if (optedOut) throw Conflict('This number replied STOP to our texts. Reply START to one of them to turn texts back on.', 'phone_opted_out');

    await takeHit(tx, { ...LIMITS.optInPerIp, limit: service.sms.optInsPerIpHour }, input.ip, now);
    await takeHit(tx, LIMITS.optInPerPrefix, prefixOf(phone.e164), now);
    const [{ phones }] = (await tx.select({ phones: countDistinct(smsSubscriptions.phone) }).from(smsSubscriptions)
      .where(and(eq(smsSubscriptions.orderId, orderId), ne(smsSubscriptions.phone, phone.e164)))) as [{ phones: number }];
    if (phones > MAX_PHONE_CHANGES) throw RateLimited('This order’s phone number has been changed too many times');

    const [known] = await tx.select().from(smsConfirmedPhones)
      .where(and(eq(smsConfirmedPhones.sellerId, ctx.sellerId), eq(smsConfirmedPhones.phone, phone.e164)));
    if (!known) {
      const since = new Date(now.getTime() - DAY_MS);
      const [{ n }] = (await tx.select({ n: count() }).from(smsMessages)
        .where(and(eq(smsMessages.toPhone, phone.e164), eq(smsMessages.kind, 'confirm_request'), gt(smsMessages.createdAt, since)))) as [{ n: number }];
      if (n >= CONFIRM_TEXTS_PER_DAY) throw RateLimited('We already sent this number several confirmation texts today. Reply YES to one of them.');
    }

    if (live) {
      await tx.update(smsSubscriptions).set({ status: 'replaced', endedAt: now, endReason: 'replaced' }).where(eq(smsSubscriptions.id, live.id));
      await tx.update(smsMessages).set({ state: 'cancelled', updatedAt: now })
        .where(and(eq(smsMessages.subscriptionId, live.id), eq(smsMessages.state, 'pending')));
    }
    const status = known ? 'active' : 'pending';
    const [sub] = await tx.insert(smsSubscriptions).values({
      orderId, sellerId: ctx.sellerId, phone: phone.e164, language: input.lang, status,
      createdAt: now, confirmedAt: known ? now : null,
    }).returning({ id: smsSubscriptions.id });
    await recordConsent(tx, {
      at: now, event: 'opt_in', source: 'web', phone: phone.e164, sellerId: ctx.sellerId, orderId,
      orderNumber: ctx.orderNumber, subscriptionId: sub!.id, ip: input.ip, userAgent: input.userAgent, pageUrl: input.pageUrl,
      language: input.lang, checkboxChecked: true, disclosureVersion: DISCLOSURE_VERSION,
      disclosureText: disclosureText({ lang: input.lang, sellerName: ctx.sellerName, orderNumber: ctx.orderNumber, ...legalUrls(service.baseUrl, input.lang) }),
    });
    await enqueueText(tx, {
      to: { subscriptionId: sub!.id, phone: phone.e164, lang: input.lang }, ctx,
      kind: known ? 'subscribed' : 'confirm_request', eventId: null, now, immediate: true,
    });
    return { status, last4: phone.last4 };
  });
}

/** The customer's unsubscribe button: ends this order's texts (a STOP reply ends all of them). */
export async function unsubscribe({ ctx, input }: { ctx: LinkContext; input: ConsentSource }): Promise<boolean> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [live] = await tx.select().from(smsSubscriptions)
      .where(and(eq(smsSubscriptions.orderId, ctx.link.orderId), inArray(smsSubscriptions.status, ['pending', 'active'])));
    if (!live) return false;
    await tx.update(smsSubscriptions).set({ status: 'stopped', endedAt: now, endReason: 'unsubscribed' }).where(eq(smsSubscriptions.id, live.id));
    await queueOptedOut(tx, [live], 'page', now);
    await tx.update(smsMessages).set({ state: 'cancelled', updatedAt: now })
      .where(and(eq(smsMessages.subscriptionId, live.id), eq(smsMessages.state, 'pending')));
    const [order] = await tx.select({ orderNumber: orders.orderNumber }).from(orders).where(eq(orders.id, live.orderId));
    await recordConsent(tx, {
      at: now, event: 'unsubscribe', source: 'web', phone: live.phone, sellerId: live.sellerId, orderId: live.orderId, orderNumber: order?.orderNumber ?? null,
      subscriptionId: live.id, ip: input.ip, userAgent: input.userAgent, pageUrl: input.pageUrl, language: live.language,
    });
    return true;
  });
}
