// The "max" metadata: it knows each number's type, so premium-rate (+1 900), toll-free (+1 800/888…),
// pagers, VoIP and shared-cost lines are refused before we pay to text them. It costs ~75 kB more
// than "min" on disk (server only) and loads as fast. It is also stricter on validity: a number must
// fit one of its country's type patterns (+1 242 555 1234 is no Bahamas number).
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

export type PhoneResult =
  | { ok: true; e164: string; country: string; last4: string }
  | { ok: false; reason: 'invalid' | 'country_not_allowed' | 'not_mobile' };

/**
 * Types a person's own phone can be: MOBILE, or FIXED_LINE_OR_MOBILE where the numbering plan cannot
 * tell (all of the US and Canada). A plain landline could take texts with some carriers, but not reliably.
 */
const TEXTABLE_TYPES: readonly NumberType[] = ['MOBILE', 'FIXED_LINE_OR_MOBILE'];

/** NANP (+1) shares one calling code across ~25 countries, so its block is area code + exchange. */
const NANP_PREFIX_DIGITS = 7;
const NATIONAL_PREFIX_DIGITS = 4;

/**
 * A phone number typed on the tracking page, in national format for the order's destination
 * country or in international format, as E.164 — if it is valid and its own country (not the
 * default's) is allowed: +1 242… parses fine with default US but is the Bahamas.
 */
export function normalizePhone(raw: string, defaultCountry: string, allowedCountries: readonly string[]): PhoneResult {
  const country = defaultCountry.toUpperCase();
  // extract: false — the field must be just the number; "call me at 415…" is a mistake to show, not to guess at.
  const phone = parsePhoneNumberFromString(raw.trim(), {
    defaultCountry: isSupportedCountry(country) ? (country as CountryCode) : undefined,
    extract: false,
  });
  // An extension means an office line behind a switchboard: it cannot receive a text.
  if (!phone || !phone.isValid() || phone.ext) return { ok: false, reason: 'invalid' };
  const allowed = allowedCountries.map((c) => c.toUpperCase());
  // Non-geographic numbers (+800…) have no country: never allowed (the check also narrows the type).
  if (!phone.country || !allowed.includes(phone.country)) return { ok: false, reason: 'country_not_allowed' };
  const type = phone.getType();
  if (!type || !TEXTABLE_TYPES.includes(type)) return { ok: false, reason: 'not_mobile' };
  return { ok: true, e164: phone.number, country: phone.country, last4: phone.number.slice(-4) };
}

/**
 * The number block that SMS-pumping velocity limits count by: pumpers cycle through consecutive
 * numbers in one block. NANP: '+1' + area code + exchange ('+1415555'); elsewhere calling code +
 * the first 4 national digits ('+447911'). Takes an E.164 from normalizePhone.
 */
export function prefixOf(e164: string): string {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) throw new TypeError('prefixOf expects an E.164 number');
  const digits = phone.countryCallingCode === '1' ? NANP_PREFIX_DIGITS - 1 : NATIONAL_PREFIX_DIGITS;
  return `+${phone.countryCallingCode}${phone.nationalNumber.slice(0, digits)}`;
}

/** For screens and logs: the last 4 digits only, so a stored number is never shown whole. */
export function maskPhone(e164: string): string {
  return `•••• ${e164.replace(/\D/g, '').slice(-4)}`;
}
