import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsEn } from '../../src/i18n/sms-en';
import { smsEs } from '../../src/i18n/sms-es';
import { segmentInfo } from '../../src/domain/sms/segments';
import { DISCLOSURE_VERSION, disclosureSentence, disclosureText, renderSms, type SmsContext, type SmsFacts, type SmsKind } from '../../src/domain/sms/templates';

const KINDS: readonly SmsKind[] = [
  'confirm_request', 'confirmed', 'subscribed', 'shipped', 'out_for_delivery', 'delivered', 'delivery_attempted',
  'delayed', 'available_for_pickup', 'feedback_request', 'help', 'stop_confirm', 'start_confirm', 'unknown_reply', 'general_help', 'start_nothing',
];
const LANGS = ['en', 'es'] as const;
// The opt-out confirmation covers every text from the number, so it names no seller, order or link.
// These speak for the sender to a number, not about an order: no seller, order or link.
const SENDER_ONLY: readonly SmsKind[] = ['stop_confirm', 'general_help', 'start_nothing'];
const MUST_SAY_STOP: readonly SmsKind[] = ['confirm_request', 'confirmed', 'help'];
const STOP_WORDING = { en: 'Reply STOP to cancel', es: 'Responde STOP para cancelar' } as const;
const STOP_WORDING_ALT = { en: 'STOP to cancel', es: 'STOP para cancelar' } as const;

const LINK = 'https://track.example.com/t/Xk3vQ9mZ2pLr7TnB4wYc8HdF6sJa1Ue0'; // 60 characters
const ORDINARY: Record<(typeof LANGS)[number], { ctx: Omit<SmsContext, 'lang'>; facts: SmsFacts }> = {
  en: {
    ctx: { sellerName: 'Flor y Canela', orderNumber: 'SO-1001', link: LINK, contact: 'hola@florycanela.com' },
    facts: { carrierName: 'USPS', trackingNumber: '9400111899223197428490', stopsAway: 4, where: 'at the front desk', place: 'Amazon Locker - Hilda' },
  },
  es: {
    ctx: { sellerName: 'Flor y Canela', orderNumber: 'SO-1001', link: LINK, contact: 'hola@florycanela.com' },
    facts: { carrierName: 'USPS', trackingNumber: '9400111899223197428490', stopsAway: 4, where: 'en la recepción', place: 'Amazon Locker - Hilda' },
  },
};
const WORST_SELLER = 'The Extraordinarily Long-Named Northwest Handmade Candle, Soap & Sundries Company'.slice(0, 80);
const WORST_ORDER = 'WOO-2026-11-25-STOREFRONT-0000012345-REPLACEMENT-SHIPMENT-PART-02'.slice(0, 64);
const WORST_CTX = { sellerName: WORST_SELLER, orderNumber: WORST_ORDER, link: LINK, contact: 'customer-care@extraordinarily-long-candles.example.com' };
const WORST_FACTS: SmsFacts = {
  carrierName: 'Southeastern Regional Parcel Express Co.',
  trackingNumber: '1Z999AA10123456784420098765432101',
  stopsAway: 987654,
  where: 'with the security guard at the front desk',
  place: 'Amazon Hub Locker - Willamette Valley Shopping Center, 4200 Commercial Street SE, Building C, Salem',
  signatureRequired: true,
};

const render = (kind: SmsKind, lang: 'en' | 'es', ctx: Omit<SmsContext, 'lang'>, facts?: SmsFacts) => renderSms(kind, { lang, ...ctx }, facts);
const orderRef = (body: string, order: string) => body.includes(order) || body.includes(`...${order.slice(-12)}`);

describe.each(LANGS)('every text in %s', (lang) => {
  it.each(KINDS)('%s fits in two segments with the longest seller, order, link and details', (kind) => {
    for (const signatureRequired of [true, false]) {
      const sms = render(kind, lang, WORST_CTX, { ...WORST_FACTS, signatureRequired });
      expect(sms.segments, sms.body).toBeLessThanOrEqual(2);
      expect(segmentInfo(sms.body)).toMatchObject({ encoding: sms.encoding, segments: sms.segments });
      if (SENDER_ONLY.includes(kind)) continue;
      expect(sms.body.startsWith(WORST_SELLER.slice(0, 20)), sms.body).toBe(true);
      expect(orderRef(sms.body, WORST_ORDER), sms.body).toBe(true);
      expect(sms.body).toContain(LINK);
    }
  });

  it.each(KINDS)('%s stays GSM-7 and keeps everything for an ordinary order', (kind) => {
    const { ctx, facts } = ORDINARY[lang];
    const sms = render(kind, lang, ctx, facts);
    expect(sms.encoding, sms.body).toBe('GSM-7');
    expect(sms.segments).toBeLessThanOrEqual(2);
    if (SENDER_ONLY.includes(kind)) return;
    expect(sms.body.startsWith(`${ctx.sellerName}: `), sms.body).toBe(true);
    expect(sms.body).toContain(ctx.orderNumber);
    expect(sms.body).toContain(LINK);
  });

  it('asks for YES and carries the opt-out wording and rates in the first text', () => {
    for (const ctx of [ORDINARY[lang].ctx, WORST_CTX]) {
      const { body } = render('confirm_request', lang, ctx);
      expect(body).toContain('YES');
      expect(body).toContain(lang === 'en' ? 'Reply STOP to cancel, HELP for help' : 'Responde STOP para cancelar, HELP para ayuda');
      expect(body).toContain(lang === 'en' ? 'Msg&data rates may apply' : 'Pueden aplicarse tarifas de mensajes y datos');
    }
  });

  it('keeps the STOP wording in the texts that must carry it, however long the inputs', () => {
    for (const kind of MUST_SAY_STOP) {
      for (const contact of [null, 'x'.repeat(300)]) {
        const { body } = render(kind, lang, { ...WORST_CTX, contact });
        expect(body.includes(STOP_WORDING[lang]) || body.includes(STOP_WORDING_ALT[lang]), `${kind}: ${body}`).toBe(true);
        expect(body).toContain(LINK);
      }
    }
  });

  it('says how to resubscribe after STOP, from Porchlight rather than a seller', () => {
    const { body } = render('stop_confirm', lang, WORST_CTX);
    expect(body).toContain('Porchlight');
    expect(body).toContain('START');
    expect(body).not.toContain(WORST_SELLER.slice(0, 10));
  });

  it('gives the tracking number when shipped, the stops away, and the not-received link when delivered', () => {
    for (const ctx of [ORDINARY[lang].ctx, WORST_CTX]) {
      const facts = ctx === WORST_CTX ? WORST_FACTS : ORDINARY[lang].facts;
      expect(render('shipped', lang, ctx, facts).body).toContain(facts.trackingNumber);
      expect(render('out_for_delivery', lang, ctx, facts).body).toContain(String(facts.stopsAway));
      expect(render('delivered', lang, ctx, facts).body).toContain(`${LINK}/not-received`);
      expect(render('delivered', lang, ctx, {}).body).toContain(`${LINK}/not-received`);
    }
  });

  it('says the driver comes back tomorrow when a signature is needed', () => {
    const word = lang === 'en' ? 'tomorrow' : 'mañana';
    expect(render('delivery_attempted', lang, WORST_CTX, WORST_FACTS).body).toContain(word);
    expect(render('delivery_attempted', lang, ORDINARY[lang].ctx, { signatureRequired: true }).body).toContain(word);
    expect(render('delivery_attempted', lang, ORDINARY[lang].ctx, { signatureRequired: false }).body).not.toContain(word);
  });

  it('says where it was left and where to pick it up when there is room, and drops them rather than overflow', () => {
    const { ctx, facts } = ORDINARY[lang];
    expect(render('delivered', lang, ctx, facts).body).toContain(lang === 'en' ? 'at the front desk' : 'en la recepcion');
    expect(render('available_for_pickup', lang, ctx, facts).body).toContain('Amazon Locker - Hilda');
    const huge = 'Locker '.repeat(50);
    const pickup = render('available_for_pickup', lang, ctx, { place: huge });
    expect(pickup.segments).toBeLessThanOrEqual(2);
    expect(pickup.body).not.toContain(huge.trim());
    expect(pickup.body).toContain(LINK);
  });

  it('points the feedback request at the tracking page, without steering towards a rating', () => {
    const { body } = render('feedback_request', lang, ORDINARY[lang].ctx);
    expect(body).toContain(`${LINK}#feedback`);
    expect(body).not.toMatch(/5|star|estrella|review|reseña/i);
  });

  it('gives the seller contact in help and unknown-reply texts, and the page when there is none', () => {
    const { ctx } = ORDINARY[lang];
    for (const kind of ['help', 'unknown_reply'] as const) {
      expect(render(kind, lang, ctx).body).toContain('hola@florycanela.com');
      const without = render(kind, lang, { ...ctx, contact: null }).body;
      expect(without).toContain(LINK);
      expect(without).not.toContain('{contact}');
    }
  });

  it('is written in Spanish, not copied from English', () => {
    if (lang === 'en') return;
    const { ctx, facts } = ORDINARY.es;
    const same = KINDS.filter((kind) => render(kind, 'es', ctx, facts).body === render(kind, 'en', ctx, facts).body);
    expect(same).toEqual([]);
  });
});

describe('shortening', () => {
  it('keeps as much of the seller name as fits, never less than about 20 characters', () => {
    const { body } = render('confirmed', 'en', WORST_CTX);
    const name = body.slice(0, body.indexOf(': '));
    expect(name.endsWith('...')).toBe(true);
    expect(name.length).toBeGreaterThanOrEqual(23);
    expect(WORST_SELLER.startsWith(name.slice(0, -3).trimEnd())).toBe(true);
  });

  it('shortens the order number to its last 12 characters only when the seller name is already short', () => {
    expect(render('delayed', 'en', { ...ORDINARY.en.ctx, orderNumber: WORST_ORDER }).body).toContain(WORST_ORDER);
    expect(render('confirmed', 'es', WORST_CTX).body).toContain(`...${WORST_ORDER.slice(-12)}`);
  });

  it('puts every value on one line, so a pasted name cannot break the text', () => {
    const { body } = render('delayed', 'en', { ...ORDINARY.en.ctx, sellerName: ' Flor\n  y\tCanela ' });
    expect(body.startsWith('Flor y Canela: ')).toBe(true);
  });

  it('does not double the full stop after a carrier name that ends in one', () => {
    const { body } = render('shipped', 'en', ORDINARY.en.ctx, { carrierName: 'Acme Parcel Co.', trackingNumber: 'AP123' });
    expect(body).toContain('with Acme Parcel Co. Tracking number: AP123.');
  });

  it('does not fill placeholders found inside a value', () => {
    const { body } = render('delayed', 'en', { ...ORDINARY.en.ctx, sellerName: 'Shop {link}' });
    expect(body.startsWith('Shop {link}: ')).toBe(true);
  });

  it('adds the not-received path before a query string on the link', () => {
    const link = `${LINK}?lang=es`;
    expect(render('delivered', 'es', { ...ORDINARY.es.ctx, link }).body).toContain(`${LINK}/not-received?lang=es`);
  });

  it('fits every text in two segments with links up to 100 characters', () => {
    const link = `https://deliveries.a-rather-long-store-domain.example.com/t/${'k'.repeat(40)}`.slice(0, 100);
    for (const lang of LANGS) for (const kind of KINDS) expect(render(kind, lang, { ...WORST_CTX, link }, WORST_FACTS).segments, kind).toBeLessThanOrEqual(2);
  });
});

describe('a seller name with emoji', () => {
  const ctx = { ...ORDINARY.en.ctx, sellerName: 'Flor y Canela 🌸' };

  it('keeps the emoji and fits two UCS-2 segments (134 units) when the text is short', () => {
    const sms = render('out_for_delivery', 'en', ctx);
    expect(sms.encoding).toBe('UCS-2');
    expect(sms.body.startsWith('Flor y Canela 🌸: ')).toBe(true);
    expect(segmentInfo(sms.body).units).toBeLessThanOrEqual(134);
    expect(sms.segments).toBeLessThanOrEqual(2);
  });

  it.each(LANGS)('still fits every %s text in two segments, losing the emoji before any fact', (lang) => {
    for (const kind of KINDS) {
      const sms = render(kind, lang, { ...ctx, sellerName: `🌸 ${WORST_SELLER}` }, WORST_FACTS);
      expect(sms.segments, sms.body).toBeLessThanOrEqual(2);
      if (sms.encoding === 'UCS-2') expect(segmentInfo(sms.body).units).toBeLessThanOrEqual(134);
      if (!SENDER_ONLY.includes(kind)) expect(sms.body).toContain(WORST_SELLER.slice(0, 20));
    }
  });

  it('names the store generically only when nothing of the name can be shown in GSM-7', () => {
    expect(render('confirmed', 'en', { ...ctx, sellerName: '🌸🌸🌸' }).body.startsWith('Your store: ')).toBe(true);
    expect(render('confirmed', 'es', { ...ctx, sellerName: '花屋さん' }).body.startsWith('Tu tienda: ')).toBe(true);
  });
});

describe('SMS catalogue', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
  const keys = Object.keys(smsEn) as (keyof typeof smsEn)[];

  it('has every key in both languages, with the same {placeholders}', () => {
    expect(Object.keys(smsEs).sort()).toEqual([...keys].sort());
    const mismatched = keys.filter((k) => JSON.stringify(placeholders(smsEn[k])) !== JSON.stringify(placeholders(smsEs[k])));
    expect(mismatched).toEqual([]);
  });

  it('starts every text about an order with the seller name', () => {
    const texts = keys.filter((k) => !['stop_confirm', 'general_help', 'start_nothing', 'seller_fallback', 'disclosure', 'disclosure_terms', 'disclosure_privacy'].includes(k));
    expect(texts.filter((k) => !smsEn[k].startsWith('{seller}: ') || !smsEs[k].startsWith('{seller}: '))).toEqual([]);
  });

  it('needs no transliteration in Spanish texts (no á, í, ó, ú), so they read as written', () => {
    const texts = keys.filter((k) => !k.startsWith('disclosure'));
    expect(texts.filter((k) => /[áíóúÁÍÓÚ]/.test(smsEs[k]))).toEqual([]);
  });
});

describe('disclosureText', () => {
  const input = { sellerName: 'Flor y Canela', orderNumber: 'SO-1001', termsUrl: 'https://track.example.com/legal/sms-terms', privacyUrl: 'https://track.example.com/legal/privacy' };
  const REQUIRED = {
    en: ['Flor y Canela', 'delivery updates for order SO-1001', 'Msg frequency varies', 'Msg & data rates may apply', 'Reply STOP to cancel, HELP for help', 'Consent is not a condition of purchase'],
    es: ['Flor y Canela', 'avisos de entrega del pedido SO-1001', 'frecuencia de los mensajes', 'tarifas de mensajes y datos', 'Responde STOP para cancelar, HELP', 'no es una condición de compra'],
  } as const;

  it.each(LANGS)('names the seller, purpose, frequency, rates, STOP/HELP, consent and the terms and privacy links in %s', (lang) => {
    const text = disclosureText({ lang, ...input });
    for (const part of [...REQUIRED[lang], input.termsUrl, input.privacyUrl]) expect(text).toContain(part);
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it.each(LANGS)('is the sentence the page shows followed by its two link labels and targets (%s)', (lang) => {
    const shown = disclosureSentence({ lang, ...input });
    expect(shown.text).not.toContain('http');
    expect(disclosureText({ lang, ...input })).toBe(`${shown.text} ${shown.termsLabel}: ${input.termsUrl} · ${shown.privacyLabel}: ${input.privacyUrl}`);
  });

  it('is the same text every time for the same input, as the consent ledger stores it verbatim', () => {
    expect(disclosureText({ lang: 'es', ...input })).toBe(disclosureText({ lang: 'es', ...input }));
    expect(disclosureText({ lang: 'en', ...input })).not.toBe(disclosureText({ lang: 'en', ...input, orderNumber: 'SO-1002' }));
    expect(DISCLOSURE_VERSION).toMatch(/^sms-consent-\d{4}-\d{2}-v\d+$/);
  });
});

describe('any seller name and order number', () => {
  const names = fc.oneof(fc.string({ maxLength: 100 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 100 }));
  const orders = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:#-]{0,63}$/);
  const facts = fc.record({
    carrierName: fc.string({ maxLength: 40 }),
    trackingNumber: fc.string({ maxLength: 40 }),
    stopsAway: fc.option(fc.integer()),
    where: fc.option(fc.string({ unit: 'grapheme', maxLength: 100 })),
    place: fc.option(fc.string({ unit: 'grapheme', maxLength: 100 })),
    signatureRequired: fc.boolean(),
  });

  it('renders every kind in two segments or fewer, link included', () => {
    fc.assert(
      fc.property(names, orders, fc.constantFrom(...LANGS), facts, fc.option(fc.emailAddress()), (sellerName, orderNumber, lang, f, contact) => {
        for (const kind of KINDS) {
          const sms = renderSms(kind, { lang, sellerName, orderNumber, link: LINK, contact }, f);
          expect(sms.segments).toBeLessThanOrEqual(2);
          if (!SENDER_ONLY.includes(kind)) expect(sms.body).toContain(LINK);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('links and values as callers really pass them', () => {
  it('a tracking link with stray spaces or a line break around it still makes working links', () => {
    const { body } = render('delivered', 'en', { ...ORDINARY.en.ctx, link: `  ${LINK} \n` });
    expect(body.endsWith(`Not there? ${LINK}/not-received`)).toBe(true);
  });

  it('the feedback request replaces a fragment already on the link rather than adding a second one', () => {
    const { body } = render('feedback_request', 'en', { ...ORDINARY.en.ctx, link: `${LINK}#timeline` });
    expect(body.endsWith(`${LINK}#feedback`)).toBe(true);
    expect(body).not.toContain('#timeline');
  });

  it('a carrier name typed with a trailing ellipsis gets one full stop, not four', () => {
    const { body } = render('shipped', 'en', ORDINARY.en.ctx, { carrierName: 'Express Co...', trackingNumber: 'EX1' });
    expect(body).toContain('with Express Co. Tracking number: EX1.');
  });
});

describe('when the seller name has to give way', () => {
  // Letters only, so each grapheme kept costs exactly one septet.
  const seller = 'Northwesthandmadecandleandsoapcompany';

  it('keeps the longest name that fits, cut exactly at the end of the second segment, before dropping any fact', () => {
    let cut = 0;
    // With links of 180 to 193 characters the name must shrink; longer, and even 20 letters leave no room for the carrier.
    for (let pad = 100; pad <= 132; pad++) {
      const link = `${LINK}/${'k'.repeat(pad)}`;
      const sms = render('shipped', 'en', { ...ORDINARY.en.ctx, sellerName: seller, link }, ORDINARY.en.facts);
      expect(sms.segments, sms.body).toBeLessThanOrEqual(2);
      expect(sms.body).toContain('with USPS. Tracking number: 9400111899223197428490.');
      expect(sms.body).toContain('Order SO-1001 ');
      const name = sms.body.slice(0, sms.body.indexOf(': '));
      if (name === seller) continue;
      cut++;
      expect(name.endsWith('...'), name).toBe(true);
      // One more letter of the name would spill into a third segment.
      expect(segmentInfo(sms.body).units, `${pad}: ${sms.body}`).toBe(306);
    }
    expect(cut).toBeGreaterThan(10);
  });

  it('when even the shortest text is over two segments (an absurd link), the name is cut to 8 characters and the real count returned', () => {
    const link = `${LINK}/${'x'.repeat(400)}`;
    const sms = render('confirmed', 'en', { ...WORST_CTX, link });
    expect(sms.segments).toBeGreaterThan(2);
    expect(sms.body.startsWith('The Extr...: ')).toBe(true);
    expect(sms.body).toContain(link);
  });
});
