// GSM 03.38: what a text costs depends on whether every character fits the 7-bit alphabet.
// One character outside it (an emoji, a curly quote) turns the whole text into UCS-2, which
// holds less than half as much per segment — hence toGsm7 before counting.

// The basic table, minus ESC (0x1B), which only introduces the extension table.
const BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// Extension table: each is sent as ESC + char, so it costs two septets (form feed included for completeness).
const EXTENSION = new Set('\f^{}\\[~]|€');

const isGsmChar = (ch: string): boolean => BASIC.has(ch) || EXTENSION.has(ch);

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!isGsmChar(ch)) return false;
  return true;
}

// Look-alikes that word processors and phones put in place of plain ASCII.
const LOOKALIKES: Readonly<Record<string, string>> = {
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'",
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '«': '"', '»': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
  '…': '...', '×': 'x', '\t': ' ',
  '\u00A0': ' ', '\u202F': ' ', '\u2007': ' ', '\u2009': ' ', '\u200A': ' ',
  // Invisible characters pasted from web pages: nothing to show, so nothing to send.
  '\u00AD': '', '\u200B': '', '\uFEFF': '',
};

/**
 * Best-effort transliteration so a text stays GSM-7: look-alike punctuation becomes ASCII and
 * accented letters outside the alphabet lose their accent (á→a, Ó→O, ç→c), while letters the
 * alphabet has (é, ñ, ü, à, ¿, ¡) are kept. Anything without an equivalent (emoji, CJK) stays.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (isGsmChar(ch)) out += ch;
    else out += LOOKALIKES[ch] ?? withoutMarks(ch);
  }
  return out;
}

// NFKD splits "á" into "a" + accent and folds compatibility forms (fullwidth "Ａ", "™");
// the result is used only if it is entirely GSM, so nothing turns into a worse character.
function withoutMarks(ch: string): string {
  const folded = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  return folded !== '' && isGsm7(folded) ? folded : ch;
}

export type SmsEncoding = 'GSM-7' | 'UCS-2';
export interface SegmentInfo {
  encoding: SmsEncoding;
  /** septets (GSM-7) or UTF-16 code units (UCS-2) */
  units: number;
  segments: number;
}

// A concatenated segment gives up room to its header: 7 septets in GSM-7, 3 units in UCS-2.
const CAPACITY = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
} as const;

export function segmentInfo(text: string): SegmentInfo {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  // An emoji is a surrogate pair (ch.length 2); an extension character is ESC + char.
  const costs = [...text].map((ch) => (encoding === 'GSM-7' ? (EXTENSION.has(ch) ? 2 : 1) : ch.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const { single, part } = CAPACITY[encoding];
  if (units <= single) return { encoding, units, segments: 1 };
  // Phones cannot rejoin an escape or surrogate pair split across parts, so parts hold whole characters.
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments };
}
