export type Keyword = 'stop' | 'start' | 'yes' | 'help' | 'other';

/**
 * Whole-message keywords (after normalisation). Carrier keywords are matched only as the whole
 * message; YES stays strict because an accidental confirmation is worse than asking again.
 * Spanish: alto, basta, parar, para, cancelar, baja opt out; iniciar, comenzar opt back in.
 */
const KEYWORDS = {
  stop: [
    'stop', 'stopall', 'stop all', 'unsubscribe', 'unsub', 'cancel', 'end', 'quit', 'optout', 'opt out', 'revoke',
    'alto', 'basta', 'parar', 'para', 'cancelar', 'baja', 'dar de baja',
  ],
  start: ['start', 'unstop', 'iniciar', 'comenzar'],
  yes: ['yes', 'y', 'si'],
  help: ['help', 'info', 'ayuda'],
} as const;

/**
 * Plain-language openings of a stop request, one slot per word, `|` between alternatives.
 * Deliberately absent: bare 'cancel', 'end', 'para', 'alto', 'baja' as openings ("cancel my order",
 * "end of day?", "para cuándo llega?" are not stop requests); they count only as the whole message.
 */
const STOP_OPENINGS = [
  'stop', 'stopall', 'unsubscribe', 'unsub', 'optout', 'opt out', 'opt me out', 'revoke', 'quit',
  'no more texts|text|txts|messages|msgs|sms|notifications|alerts|updates',
  'dont text|txt|message|msg|send|contact',
  'do not text|txt|message|msg|send|contact',
  'cancel|end texts|text|messages|sms|notifications|alerts|updates|subscription',
  'remove me', 'take me off', 'leave me alone', 'wrong number',
  'basta', 'dar|darme|dame|denme de baja',
  'no mas mensajes|mensaje|textos|sms|notificaciones|alertas',
  'ya no me envies|mandes|escribas', 'no me envies|mandes|escribas',
  'no quiero mas|recibir', 'deja|dejen|para|paren de enviarme|mandarme|escribirme',
  'cancelar mensajes|suscripcion', 'numero equivocado',
] as const;

/** Leading courtesy words that don't change what is asked ("please stop", "por favor, basta"). */
const COURTESY = new Set(['please', 'pls', 'plz', 'kindly', 'por', 'favor', 'porfa']);

/** "stop at the gate" is a delivery instruction, not an opt-out. */
const PLACE_AFTER_STOP = new Set(['at', 'by', 'in', 'on', 'outside', 'near', 'behind', 'here', 'there']);

/** A longer message that merely starts like a stop request is conversation, not a request. */
const MAX_PLAIN_STOP_WORDS = 8;

const EXACT = new Map<string, Keyword>(
  Object.entries(KEYWORDS).flatMap(([keyword, phrases]) => phrases.map((p) => [p, keyword as Keyword] as const)),
);
const OPENINGS = STOP_OPENINGS.map((pattern) => pattern.split(' ').map((slot) => slot.split('|')));

/**
 * Lower-case, drop apostrophes ("don't" → "dont"), strip accents (NFKD), and split on anything
 * that is not a letter or digit, so case, spacing and surrounding punctuation or emoji never matter.
 */
function wordsOf(body: string): string[] {
  return body
    .toLowerCase()
    .replace(/['’‘ʼ`´]/gu, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * Rule: the message IS a keyword; or, for stop only, after leading courtesy words it IS a stop
 * keyword or STARTS with a stop opening and is at most 8 words long. Never a substring search,
 * so "don't stop" or "I can't stop worrying" stay 'other'.
 */
export function parseKeyword(body: string): Keyword {
  const words = wordsOf(body);
  const exact = EXACT.get(words.join(' '));
  if (exact) return exact;
  return isPlainStop(words) ? 'stop' : 'other';
}

function isPlainStop(words: readonly string[]): boolean {
  if (words.length > MAX_PLAIN_STOP_WORDS) return false;
  let start = 0;
  while (start < words.length && COURTESY.has(words[start] ?? '')) start++;
  const rest = words.slice(start);
  if (rest.length === 0) return false;
  if (EXACT.get(rest.join(' ')) === 'stop') return true;
  if (rest[0] === 'stop' && PLACE_AFTER_STOP.has(rest[1] ?? '')) return false;
  return OPENINGS.some((slots) => slots.every((options, i) => options.includes(rest[i] ?? '')));
}
