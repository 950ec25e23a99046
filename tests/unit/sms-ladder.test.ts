import { describe, expect, it } from 'vitest';
import { renderSms, type SmsContext, type SmsFacts } from '../../src/domain/sms/templates';

// What gives way, and in which order, when a text must fit in two segments (src/domain/sms/ladder.ts).
const LINK = 'https://track.example.com/t/Xk3vQ9mZ2pLr7TnB4wYc8HdF6sJa1Ue0';
const ctx: SmsContext = { lang: 'en', sellerName: 'Flor y Canela', orderNumber: 'SO-1001', link: LINK, contact: 'hola@florycanela.com' };
const text = (kind: Parameters<typeof renderSms>[0], facts: SmsFacts = {}, over: Partial<SmsContext> = {}) => renderSms(kind, { ...ctx, ...over }, facts).body;

describe('an emoji in the seller name', () => {
  it('when cutting the order number is not enough, the emoji goes and the whole order number comes back (GSM-7)', () => {
    const orderNumber = 'WOO-2026-11-25-0000012345-PT02'; // 30 characters
    const sms = renderSms('confirmed', { ...ctx, sellerName: 'Flor y Canela 🌸', orderNumber });
    expect(sms.encoding).toBe('GSM-7');
    expect(sms.segments).toBeLessThanOrEqual(2);
    expect(sms.body.startsWith('Flor y Canela: ')).toBe(true);
    expect(sms.body).toContain(`order ${orderNumber}.`);
  });

  it('in a short text, a long order number is cut to its end first, so the emoji can stay', () => {
    const orderNumber = 'WOO-2026-11-25-STOREFRONT-0000012345-REPLACEMENT-SHIPMENT-PART-02'; // 64 characters
    const sms = renderSms('out_for_delivery', { ...ctx, sellerName: 'Flor 🌸', orderNumber });
    expect(sms.encoding).toBe('UCS-2');
    expect(sms.segments).toBeLessThanOrEqual(2);
    expect(sms.body).toBe(`Flor 🌸: Order ...MENT-PART-02 is out for delivery today. ${LINK}`);
  });
});

describe('shipped texts', () => {
  it('an absurdly long carrier name is dropped, and the tracking number kept', () => {
    const carrierName = 'Southeastern Regional Parcel Express '.repeat(6).trim();
    const body = text('shipped', { carrierName, trackingNumber: '1Z999AA10123456784' });
    expect(body).toContain('has shipped. Tracking number: 1Z999AA10123456784.');
    expect(body).not.toContain('Southeastern');
  });

  it('with a tracking number but no carrier name, the text does not say "shipped with ."', () => {
    expect(text('shipped', { trackingNumber: '1Z999' })).toBe(`Flor y Canela: Order SO-1001 has shipped. Tracking number: 1Z999. Track it: ${LINK}`);
  });

  it('with no tracking number, just "has shipped"', () => {
    expect(text('shipped', { carrierName: 'UPS' })).toBe(`Flor y Canela: Order SO-1001 has shipped. Track it: ${LINK}`);
  });
});

describe('out for delivery: how many stops away', () => {
  it.each([
    [0, "and you're the next stop."],
    [1, ', 1 stop away.'],
    [2, ', 2 stops away.'],
    [37, ', 37 stops away.'],
  ])('%i stops away reads "%s"', (stopsAway, words) => {
    expect(text('out_for_delivery', { stopsAway })).toContain(`is out for delivery${words.startsWith(',') ? '' : ' '}${words}`);
  });

  it.each([null, undefined, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'a stop count of %s is not shown: just "out for delivery today"',
    (stopsAway) => {
      expect(text('out_for_delivery', { stopsAway })).toBe(`Flor y Canela: Order SO-1001 is out for delivery today. ${LINK}`);
    },
  );
});

describe('help and unknown-reply texts', () => {
  it('help gives the seller contact, and the page when there is none; never the "didn’t understand" reply', () => {
    expect(text('help')).toContain('Delivery updates for order SO-1001. Help: hola@florycanela.com.');
    const without = text('help', {}, { contact: null });
    expect(without).toContain(`Help and details: ${LINK}`);
    for (const body of [text('help'), without]) expect(body).not.toContain('understand');
  });

  it('an unknown reply says it was not understood, with the contact when there is one', () => {
    expect(text('unknown_reply')).toContain('Contact: hola@florycanela.com.');
    expect(text('unknown_reply', {}, { contact: '' })).toContain(`Order SO-1001: ${LINK}`);
  });
});
