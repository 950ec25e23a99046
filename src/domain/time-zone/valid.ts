// Offsets like '+01:00' are accepted by Intl but are not IANA zones and carry no DST rules.
const OFFSET_LIKE = /^[+\-\u2212]/;

export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.trim() === '' || OFFSET_LIKE.test(zone.trim())) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone.trim() });
    return true;
  } catch {
    return false;
  }
}
