import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone, prefixOf } from '../../src/domain/sms/phone';

const NORTH_AMERICA = ['US', 'CA'] as const;

describe('a phone typed on the tracking page becomes E.164', () => {
  it.each([
    '(415) 555-2671', '415.555.2671', '4155552671', '415-555-2671', '+1 415 555 2671', '1-415-555-2671',
    '+14155552671', '1 (415) 555-2671', '  415 555 2671  ', '+1-415-555-2671.', '４１５５５５２６７１',
  ])('US national or international %j → +14155552671', (raw) => {
    expect(normalizePhone(raw, 'US', NORTH_AMERICA)).toEqual({ ok: true, e164: '+14155552671', country: 'US', last4: '2671' });
  });

  it('a Canadian number is recognised as Canada from its area code, whatever the default country', () => {
    const expected = { ok: true, e164: '+14165550123', country: 'CA', last4: '0123' };
    expect(normalizePhone('(416) 555-0123', 'CA', NORTH_AMERICA)).toEqual(expected);
    expect(normalizePhone('416 555 0123', 'US', NORTH_AMERICA)).toEqual(expected);
    expect(normalizePhone('+1 604 555 1234', 'US', NORTH_AMERICA)).toMatchObject({ ok: true, country: 'CA' });
  });

  it('a number for another country is accepted in international format when that country is allowed', () => {
    expect(normalizePhone('+44 7400 123456', 'US', ['US', 'GB'])).toEqual({ ok: true, e164: '+447400123456', country: 'GB', last4: '3456' });
    expect(normalizePhone('+33 6 12 34 56 78', 'US', ['FR'])).toEqual({ ok: true, e164: '+33612345678', country: 'FR', last4: '5678' });
  });

  it('a national number is read with the order destination as its country', () => {
    expect(normalizePhone('07400 123456', 'GB', ['GB'])).toMatchObject({ ok: true, e164: '+447400123456' });
    expect(normalizePhone('06 12 34 56 78', 'FR', ['FR'])).toMatchObject({ ok: true, e164: '+33612345678' });
  });

  it('country codes are compared case-insensitively', () => {
    expect(normalizePhone('4155552671', 'us', ['us', 'ca'])).toMatchObject({ ok: true, country: 'US' });
  });

  it('an unknown default country still accepts international format', () => {
    expect(normalizePhone('+1 415 555 2671', 'XX', NORTH_AMERICA)).toMatchObject({ ok: true, e164: '+14155552671' });
    expect(normalizePhone('4155552671', 'XX', NORTH_AMERICA)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('numbers that cannot be texted are refused', () => {
  it.each([
    ['too short', '415 555 267'],
    ['too long', '415 555 26711'],
    ['area code starting with 1', '+1 123 456 7890'],
    ['exchange starting with 0', '(415) 055-2671'],
    ['555 is not an area code', '555-555-5555'],
    ['letters', 'call me'],
    ['empty', ''],
    ['two numbers in one field', '415-555-2671 or 415-555-2672'],
    ['a number inside a sentence', 'call me at 415 555 2671'],
    ['with an extension', '415-555-2671 ext 12'],
    ['UK drama range, not a real number', '+44 7700 900123'],
    ['outside every Bahamas range', '+1 242 555 1234'],
  ])('%s: %j is invalid', (_why, raw) => {
    expect(normalizePhone(raw, 'US', NORTH_AMERICA)).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each([
    ['UK mobile', '+44 7400 123456'],
    ['France', '+33 6 12 34 56 78'],
    ['Bahamas, inside +1', '+1 242 357 1234'],
    ['Jamaica, typed like a US number', '876 555 1234'],
    ['non-geographic +800', '+800 1234 5678'],
  ])('%s: %j is a valid number in a country that is not allowed', (_why, raw) => {
    expect(normalizePhone(raw, 'US', NORTH_AMERICA)).toEqual({ ok: false, reason: 'country_not_allowed' });
  });

  it('a Canadian number is refused when only the US is allowed', () => {
    expect(normalizePhone('416 555 0123', 'US', ['US'])).toEqual({ ok: false, reason: 'country_not_allowed' });
  });
});

describe('only a number a person carries can opt in', () => {
  const WITH_GB = ['US', 'CA', 'GB'];

  it.each([
    ['US premium rate 900', '+1 900 555 1234', 'US'],
    ['US premium rate 900, typed nationally', '(900) 555-0100', 'US'],
    ['US toll-free 800', '1-800-555-1234', 'US'],
    ['US toll-free 888', '888 555 1234', 'US'],
    ['US toll-free 877', '+1 877 555 1234', 'US'],
    ['US toll-free 866', '866-555-1234', 'US'],
    ['US personal-number range 500', '+1 500 555 0006', 'US'],
    ['toll-free 888 typed in Canada', '888 555 1234', 'CA'],
    ['Canadian VoIP 600', '+1 600 555 1234', 'CA'],
    ['UK landline 020', '+44 20 7946 0000', 'US'],
    ['UK landline 0161, typed nationally', '0161 496 0000', 'GB'],
    ['UK pager 076', '+44 7640 123456', 'US'],
    ['UK VoIP 056', '+44 56 1234 5678', 'US'],
    ['UK 084 service number (premium rate in the metadata; it types no GB or NANP shared-cost range)', '+44 843 123 4567', 'US'],
    ['UK premium rate 09', '+44 901 234 5678', 'US'],
    ['UK personal number 070', '+44 70 1234 5678', 'US'],
    ['UK non-geographic 03', '+44 300 123 4567', 'GB'],
  ])('%s: %j cannot receive our texts', (_why, raw, defaultCountry) => {
    expect(normalizePhone(raw, defaultCountry, WITH_GB)).toEqual({ ok: false, reason: 'not_mobile' });
  });

  it.each([
    ['a US number (mobile and landline share ranges)', '(415) 555-2671', 'US', '+14155552671'],
    ['a US number in another area code', '+1 313 555 0100', 'US', '+13135550100'],
    ['a Canadian number', '(416) 555-0123', 'CA', '+14165550123'],
    ['a Canadian number in BC', '778.349 1456', 'CA', '+17783491456'],
    ['a UK mobile', '+44 7400 123456', 'GB', '+447400123456'],
    ['a UK mobile typed nationally', '07400 123456', 'GB', '+447400123456'],
  ])('%s is accepted: %j', (_why, raw, country, e164) => {
    expect(normalizePhone(raw, country, WITH_GB)).toMatchObject({ ok: true, e164, country });
  });

  it('a number outside the allowed countries is refused for its country first, whatever its type', () => {
    expect(normalizePhone('+44 20 7946 0000', 'US', NORTH_AMERICA)).toEqual({ ok: false, reason: 'country_not_allowed' });
  });
});

describe('number block for SMS-pumping limits', () => {
  it('NANP: +1, area code and exchange', () => {
    expect(prefixOf('+14155552671')).toBe('+1415555');
    expect(prefixOf('+14155550100')).toBe('+1415555');
    expect(prefixOf('+14165550123')).toBe('+1416555');
  });

  it('elsewhere: calling code and the first 4 national digits', () => {
    expect(prefixOf('+447400123456')).toBe('+447400');
    expect(prefixOf('+33612345678')).toBe('+336123');
    expect(prefixOf('+4915123456789')).toBe('+491512');
  });

  it('neighbouring numbers share a block; another exchange does not', () => {
    expect(prefixOf('+14155552671')).toBe(prefixOf('+14155559999'));
    expect(prefixOf('+14155552671')).not.toBe(prefixOf('+14155562671'));
  });

  it('refuses something that is not a phone number', () => {
    expect(() => prefixOf('not a phone')).toThrow(TypeError);
  });
});

describe('masked phone', () => {
  it('shows the last 4 digits only', () => {
    expect(maskPhone('+14155552671')).toBe('•••• 2671');
    expect(maskPhone('+447400123456')).toBe('•••• 3456');
    expect(maskPhone('+14155552671')).not.toContain('415');
  });
});
