import { smsEn, type SmsMessages } from '../../i18n/sms-en';
import { smsEs } from '../../i18n/sms-es';
import { segmentInfo, toGsm7, type SmsEncoding } from './segments';
import { LADDER, templateKey } from './ladder';
import { clean, fill, graphemes, gsmOnlyName, orderTail, subLink, truncateName } from './shorten';

export type SmsKind =
  | 'confirm_request' | 'confirmed' | 'subscribed' | 'shipped' | 'out_for_delivery' | 'delivered' | 'delivery_attempted'
  | 'delayed' | 'available_for_pickup' | 'feedback_request' | 'help' | 'stop_confirm' | 'start_confirm' | 'unknown_reply'
  // replies to a number with no subscription to speak of: no seller, order or link to name
  | 'general_help' | 'start_nothing';

export interface SmsContext {
  lang: 'en' | 'es';
  /** may be long or contain emoji */
  sellerName: string;
  /** up to 64 characters */
  orderNumber: string;
  /** the tracking URL */
  link: string;
  /** seller contact for help texts: email, phone or URL */
  contact?: string | null;
}

export interface SmsFacts {
  carrierName?: string;
  trackingNumber?: string;
  stopsAway?: number | null;
  /** where it was left, already in the text's language ("at the front door") */
  where?: string | null;
  signatureRequired?: boolean;
  place?: string | null;
}

export interface RenderedSms {
  body: string;
  encoding: SmsEncoding;
  segments: number;
}

const CATALOGUES: Record<SmsContext['lang'], SmsMessages> = { en: smsEn, es: smsEs };

// Bump when the disclosure wording changes: the ledger records which text each consent saw.
export const DISCLOSURE_VERSION = 'sms-consent-2026-11-v1';

// Texts are billed per segment: two is the most any delivery text may cost.
export const MAX_SEGMENTS = 2;
const ORDER_TAIL = 12; // the end of an order number is the part that tells orders apart

/**
 * The text for `kind`, transliterated to GSM-7 where possible and shortened until it fits in two
 * segments. The link, part of the seller name and the opt-out wording always stay. Over two
 * segments is possible only if the link itself is absurdly long (hundreds of characters); the
 * real count is returned then rather than throwing inside the caller's transaction.
 */
export function renderSms(kind: SmsKind, ctx: SmsContext, facts: SmsFacts = {}): RenderedSms {
  const messages = CATALOGUES[ctx.lang];
  const seller = clean(ctx.sellerName) || messages.seller_fallback;
  const order = clean(ctx.orderNumber);
  const link = ctx.link.trim();
  const values = {
    link,
    notReceivedLink: subLink(link, '/not-received'),
    feedbackLink: `${link.replace(/#.*$/, '')}#feedback`,
    carrier: phrase(facts.carrierName),
    tracking: clean(facts.trackingNumber),
    stops: String(facts.stopsAway ?? ''),
    where: phrase(facts.where),
    place: phrase(facts.place),
    contact: clean(ctx.contact),
  };
  let last: RenderedSms | null = null;
  for (const cuts of LADDER) {
    const name = graphemes(cuts.gsmSeller ? gsmOnlyName(seller) || messages.seller_fallback : seller);
    const template = messages[templateKey(kind, facts, values, cuts)];
    const vars = { ...values, order: cuts.orderTail ? orderTail(order, ORDER_TAIL) : order };
    const make = (keep: number) => render(fill(template, { ...vars, seller: truncateName(name, keep) }));
    const fitting = longestFitting(name.length, cuts.sellerMin, make);
    if (fitting) return fitting;
    last = make(Math.min(cuts.sellerMin, name.length));
  }
  return last!;
}

// The templates put a full stop after these: "Express Co.." would look like a typo.
const phrase = (value: string | null | undefined) => clean(value).replace(/[.\s]+$/, '');

function render(text: string): RenderedSms {
  const body = toGsm7(text);
  const { encoding, segments } = segmentInfo(body);
  return { body, encoding, segments };
}

// Longer names never cost fewer units, so a binary search finds the longest that fits.
function longestFitting(length: number, min: number, make: (keep: number) => RenderedSms): RenderedSms | null {
  const whole = make(length);
  if (whole.segments <= MAX_SEGMENTS) return whole;
  let best: RenderedSms | null = null;
  let lo = Math.min(min, length);
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const text = make(mid);
    if (text.segments <= MAX_SEGMENTS) {
      best = text;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

/** The consent text beside the opt-in checkbox, as the page shows it (its two links follow it). */
export function disclosureSentence(input: { lang: 'en' | 'es'; sellerName: string; orderNumber: string }): { text: string; termsLabel: string; privacyLabel: string } {
  const c = CATALOGUES[input.lang];
  return { text: fill(c.disclosure, { seller: clean(input.sellerName), order: clean(input.orderNumber) }), termsLabel: c.disclosure_terms, privacyLabel: c.disclosure_privacy };
}

/**
 * What the consent ledger keeps: the sentence the customer saw and its links with their targets.
 * Deterministic for its input, so the same page always records the same words.
 */
export function disclosureText(input: { lang: 'en' | 'es'; sellerName: string; orderNumber: string; termsUrl: string; privacyUrl: string }): string {
  const d = disclosureSentence(input);
  return `${d.text} ${d.termsLabel}: ${input.termsUrl} · ${d.privacyLabel}: ${input.privacyUrl}`;
}
