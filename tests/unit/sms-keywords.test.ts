import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKeyword, type Keyword } from '../../src/domain/sms/keywords';

const STOP_KEYWORDS = [
  'STOP', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'OPT OUT', 'OPT-OUT', 'REVOKE',
  'ALTO', 'BASTA', 'PARAR', 'PARA', 'CANCELAR', 'BAJA', 'DAR DE BAJA',
] as const;

const expectAll = (keyword: Keyword, messages: readonly string[]) => {
  for (const m of messages) expect(parseKeyword(m), JSON.stringify(m)).toBe(keyword);
};

describe('carrier keywords, as the whole message', () => {
  it.each(STOP_KEYWORDS)('%s opts out, in any case and with surrounding spaces or punctuation', (k) => {
    expectAll('stop', [k, k.toLowerCase(), `  ${k}  `, `${k}.`, `${k}!!`, `¡${k}!`, `"${k}"`, `${k} 🙏`, `\n${k}\t`]);
  });

  it('Stop, with a capital and trailing emoji or punctuation, opts out', () => {
    expectAll('stop', ['Stop', '  Stop!! ', 'STOP.', 'stop!', 'Stop 🙏', 'sToP?', 'Stop All', 'Opt-Out', 'opt out.']);
  });

  it('START, UNSTOP and Spanish iniciar / comenzar re-subscribe', () => {
    expectAll('start', ['START', 'start', ' Start! ', 'UNSTOP', 'unstop.', 'INICIAR', 'Comenzar']);
  });

  it('YES, Y and Spanish SÍ / SI confirm, with or without the accent', () => {
    expectAll('yes', ['YES', 'yes', 'Yes!', ' y ', 'Y.', 'SÍ', 'sí', 'Si', 'si!', 'yes 👍']);
  });

  it('HELP, INFO and AYUDA ask for help', () => {
    expectAll('help', ['HELP', 'help?', ' Help! ', 'INFO', 'info.', 'AYUDA', '¿Ayuda?']);
  });

  it('only case, spacing and surrounding punctuation are ignored: spelled-out or glued words are not keywords', () => {
    expectAll('other', ['s.t.o.p', 's t o p', 'stopp', 'sto p', 'yess', 'yes please', 'yeah', 'yep', 'ok', 'sure', 'y e s', 'helpdesk']);
  });

  it('confirmation stays strict: near-yes answers ask again rather than confirm', () => {
    expectAll('other', ['yes but not now', 'maybe', 'no', 'YES?? who is this', 'okay']);
  });
});

describe('plain-language stop requests in English', () => {
  it.each([
    'please stop texting me', 'Please STOP texting me!', 'stop texting me', 'Stop sending me texts',
    'unsubscribe me', 'Unsubscribe me please', 'no more texts', 'No more messages!', "don't text me",
    'Don’t text me', 'dont text me', 'do not text me', 'remove me', 'Remove me.', 'take me off this list',
    'Take me off your list please', 'please stop', 'pls stop', 'stop it', 'Stop, wrong number', 'wrong number',
    'opt me out', 'cancel texts', 'leave me alone', 'STOP STOP STOP', 'quit texting me',
  ])('%j opts out', (m) => expect(parseKeyword(m)).toBe('stop'));
});

describe('plain-language stop requests in Spanish', () => {
  it.each([
    'alto', 'Basta', 'basta ya', 'parar', 'Para', 'cancelar', 'no más mensajes', 'No mas mensajes', 'NO MÁS MENSAJES!',
    'ya no me envíes mensajes', 'Ya no me envies mensajes', 'no quiero más mensajes', 'no quiero recibir mensajes',
    'dar de baja', 'Darme de baja por favor', 'baja', 'por favor, basta', 'Por favor alto', 'dejen de enviarme mensajes',
    'número equivocado',
  ])('%j opts out', (m) => expect(parseKeyword(m)).toBe('stop'));
});

describe('messages that mention stopping are not stop requests', () => {
  it.each([
    "don't stop", 'Don’t stop sending updates please', "when will it arrive? I can't stop worrying",
    'I can’t stop checking this page', 'cancel my order', 'Can I cancel the order?', 'end of the day?',
    'para cuándo llega?', 'para mañana?', 'baja el precio?', 'alto el paquete?', 'stop at the gate please',
    'Stop by the side door', 'stop here', 'please leave it at the door',
    'Stop texting me about the sale and instead tell me when my package arrives', // longer than 8 words
    'yes stop', 'help stop',
  ])('%j is other', (m) => expect(parseKeyword(m)).toBe('other'));

  it('empty, blank, emoji-only and punctuation-only messages are other', () => {
    expectAll('other', ['', '   ', '🙏', '!!!', '...', '👍👍', '12345']);
  });
});

// Properties -------------------------------------------------------------------------------------

const space = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0');
const surroundingSpace = fc.array(space, { maxLength: 3 }).map((s) => s.join(''));
const trailingPunctuation = fc
  .array(fc.constantFrom('.', '!', '?', ',', ';', ':', '…', '!!', '?!', ')', '"', '🙏', '😡'), { maxLength: 4 })
  .map((s) => s.join(''));

/** Characters that hold no letter even after compatibility decomposition (ⓨ decomposes to y). */
const noLetterChar = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 1 })
  .filter((c) => !/\p{L}/u.test(c.normalize('NFKD')));

describe('keyword properties', () => {
  it('any STOP keyword in random case, with surrounding whitespace and trailing punctuation, opts out', () => {
    fc.assert(
      fc.property(
        fc.mixedCase(fc.constantFrom(...STOP_KEYWORDS.map((k) => k.toLowerCase()))),
        surroundingSpace,
        surroundingSpace,
        trailingPunctuation,
        (keyword, before, after, punctuation) => parseKeyword(`${before}${keyword}${punctuation}${after}`) === 'stop',
      ),
    );
  });

  it('a message with no letters never opts out, confirms or re-subscribes', () => {
    fc.assert(
      fc.property(fc.array(noLetterChar, { maxLength: 40 }).map((cs) => cs.join('')), (body) => {
        expect(['stop', 'yes', 'start']).not.toContain(parseKeyword(body));
      }),
      { numRuns: 500 },
    );
  });

  it('upper- or lower-casing the whole message never changes what it means', () => {
    const phrase = fc.constantFrom(
      ...STOP_KEYWORDS, 'start', 'unstop', 'yes', 'sí', 'help', 'ayuda', 'please stop texting me',
      'no más mensajes', "don't stop", 'stop at the gate', 'cancel my order',
    );
    const body = fc.oneof(
      fc.tuple(surroundingSpace, fc.mixedCase(phrase), trailingPunctuation).map((parts) => parts.join('')),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    fc.assert(
      fc.property(body, (m) => {
        const meaning = parseKeyword(m);
        expect(parseKeyword(m.toUpperCase())).toBe(meaning);
        expect(parseKeyword(m.toLowerCase())).toBe(meaning);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the edges of a plain-language stop request', () => {
  it.each(['plz stop', 'kindly stop texting me', 'porfa basta', 'please kindly unsubscribe me'])(
    'courtesy words in front do not hide it: %j opts out',
    (m) => expect(parseKeyword(m)).toBe('stop'),
  );

  it('eight words is still a request, nine is conversation', () => {
    expect(parseKeyword('please stop texting me about this order now')).toBe('stop'); // 8 words
    expect(parseKeyword('please stop texting me about this order right now')).toBe('other'); // 9 words
  });

  it.each(['stop in front of the garage', 'stop on the corner', 'stop outside', 'stop near the mailbox', 'stop behind the house', 'stop there'])(
    '"stop" followed by a place is a delivery instruction: %j is other',
    (m) => expect(parseKeyword(m)).toBe('other'),
  );

  it.each(['unsubscribe here', 'quit at once', 'remove me here'])(
    'only "stop" is read as a place instruction: %j still opts out',
    (m) => expect(parseKeyword(m)).toBe('stop'),
  );
});
