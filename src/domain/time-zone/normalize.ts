/** Upper-case, accent-free, punctuation-free key: 'Québec' → 'QUEBEC', 'Prince Edward Is.' → 'PRINCE EDWARD IS'. */
export function normalizeKey(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/[.'’]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Region key with an ISO 3166-2 country prefix removed ('US-MI' → 'MI'). */
export function regionKey(raw: string, country: string): string {
  const trimmed = raw.trim();
  const prefixed = trimmed.length > 3 && trimmed[2] === '-' && trimmed.slice(0, 2).toUpperCase() === country;
  return normalizeKey(prefixed ? trimmed.slice(3) : trimmed);
}

/** Digits only, when the postal code consists of digits plus spaces or dashes. */
export function postalDigits(raw: string): string | undefined {
  const compact = raw.trim();
  return /^[\d\s-]+$/.test(compact) ? compact.replace(/\D/g, '') : undefined;
}

/** Looks a number up in [from, to, ...rest] rows. */
export function findRange<R extends readonly [number, number, ...unknown[]]>(rows: readonly R[], n: number): R | undefined {
  return rows.find((row) => n >= row[0] && n <= row[1]);
}
