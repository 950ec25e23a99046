import { describe, expect, it } from 'vitest';
import { isGsm7, segmentInfo, toGsm7 } from '../../src/domain/sms/segments';

const gsm = (n: number) => 'a'.repeat(n);
const ucs = (n: number) => 'ж'.repeat(n); // Cyrillic: one UTF-16 unit, not in GSM-7

describe('segment counting', () => {
  it('fits 160 GSM-7 characters in one segment and splits at 153 per part after that', () => {
    expect(segmentInfo(gsm(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(segmentInfo(gsm(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(segmentInfo(gsm(306)).segments).toBe(2);
    expect(segmentInfo(gsm(307)).segments).toBe(3);
  });

  it('fits 70 UCS-2 units in one segment and splits at 67 per part after that', () => {
    expect(segmentInfo(ucs(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(segmentInfo(ucs(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
    expect(segmentInfo(ucs(134)).segments).toBe(2);
    expect(segmentInfo(ucs(135)).segments).toBe(3);
  });

  it('charges two septets for an extension character such as €', () => {
    expect(segmentInfo('€')).toEqual({ encoding: 'GSM-7', units: 2, segments: 1 });
    expect(segmentInfo('[]{}^~|\\')).toMatchObject({ encoding: 'GSM-7', units: 16 });
    expect(segmentInfo('€'.repeat(80)).segments).toBe(1);
    expect(segmentInfo('€'.repeat(81)).segments).toBe(2);
  });

  it('charges two UCS-2 units for an emoji outside the BMP', () => {
    expect(segmentInfo('😀')).toEqual({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(segmentInfo('😀'.repeat(35)).segments).toBe(1);
    expect(segmentInfo('😀'.repeat(36)).segments).toBe(2);
  });

  it('never splits an escape pair or a surrogate pair across parts, which can cost a segment', () => {
    expect(segmentInfo(gsm(152) + '€' + gsm(152))).toMatchObject({ units: 306, segments: 3 });
    expect(segmentInfo(ucs(66) + '😀' + ucs(66))).toMatchObject({ units: 134, segments: 3 });
  });

  it('turns a whole text UCS-2 for a single character outside the alphabet', () => {
    expect(segmentInfo(gsm(100) + 'á')).toEqual({ encoding: 'UCS-2', units: 101, segments: 2 });
  });
});

describe('isGsm7', () => {
  it('accepts the accented letters and marks that GSM phones have', () => {
    expect(isGsm7('¿Qué tal? ¡Mañana! Pingüino, Ñu: é è ì ò ù à Ü Ä Ö Å Ç ß ¥ £ § @ _ €')).toBe(true);
    expect(isGsm7('line one\nline two\r')).toBe(true);
  });

  it('rejects what would force UCS-2: á í ó ú, curly quotes, emoji, CJK, a bare ESC', () => {
    for (const text of ['á', 'í', 'ó', 'ú', '’', '“', '😀', '小', '\x1B', '\t']) expect(isGsm7(text), text).toBe(false);
  });
});

describe('toGsm7', () => {
  it('takes accents GSM lacks off a, i, o, u and keeps the ones it has', () => {
    expect(toGsm7('Canción, Día, Había, Último, Ángel, Óscar, Íñigo')).toBe('Cancion, Dia, Habia, Ultimo, Angel, Oscar, Iñigo');
    const kept = 'é É ñ Ñ ü Ü ¿ ¡ à è ì ò ù';
    expect(toGsm7(kept)).toBe(kept);
  });

  it('straightens quotes and dashes, spells out the ellipsis and the times sign, and plain-spaces nbsp', () => {
    expect(toGsm7('‘It’s’ “here” – now — 2×3…')).toBe(`'It's' "here" - now - 2x3...`);
    expect(toGsm7('8\u00A0AM\u202Fto\u00A08\u202FPM')).toBe('8 AM to 8 PM');
  });

  it('composes a decomposed accent before deciding ("e" + combining acute is é)', () => {
    expect(toGsm7('Jose\u0301')).toBe('José');
  });

  it('leaves emoji and CJK as they are (the text then goes as UCS-2)', () => {
    expect(toGsm7('Flor 🌸 花屋')).toBe('Flor 🌸 花屋');
  });

  it('makes ordinary Spanish and English prose GSM-7', () => {
    const text = toGsm7('Tu pedido está en camino; llegará mañana — “¡qué bien!” It’s on its way…');
    expect(isGsm7(text)).toBe(true);
    expect(text).toBe(`Tu pedido esta en camino; llegara mañana - "¡qué bien!" It's on its way...`);
  });
});

describe('toGsm7: every look-alike a phone or word processor pastes', () => {
  it.each([
    ['‘', "'"], ['’', "'"], ['‚', "'"], ['‛', "'"], ['′', "'"],
    ['“', '"'], ['”', '"'], ['„', '"'], ['‟', '"'], ['″', '"'], ['«', '"'], ['»', '"'],
    ['‐', '-'], ['‑', '-'], ['‒', '-'], ['–', '-'], ['—', '-'], ['―', '-'], ['−', '-'],
    ['…', '...'], ['×', 'x'], ['\t', ' '],
    ['\u00A0', ' '], ['\u202F', ' '], ['\u2007', ' '], ['\u2009', ' '], ['\u200A', ' '],
  ])('%j becomes the plain %j, so the text stays GSM-7', (fancy, plain) => {
    const text = toGsm7(`a${fancy}b`);
    expect(text).toBe(`a${plain}b`);
    expect(isGsm7(text)).toBe(true);
  });

  it.each([['soft hyphen', '\u00AD'], ['zero-width space', '\u200B'], ['byte-order mark', '\uFEFF']])(
    'an invisible %s pasted from a web page is dropped, not sent',
    (_name, invisible) => {
      expect(toGsm7(`Flor${invisible}Canela`)).toBe('FlorCanela');
    },
  );
});

describe('toGsm7: nothing turns into a worse character', () => {
  it('a character whose plain form is still outside GSM-7 is left as typed (½ does not become 1⁄2)', () => {
    expect(toGsm7('½ kg')).toBe('½ kg');
  });

  it('an accent that cannot join its letter is kept rather than silently dropped', () => {
    // There is no precomposed "x with acute", so NFC leaves the combining mark on its own.
    expect(toGsm7('x\u0301')).toBe('x\u0301');
  });

  it('compatibility forms fold to plain letters and digits (fullwidth Ａ, ①, ™)', () => {
    expect(toGsm7('Ａ① Shop™')).toBe('A1 ShopTM');
  });
});
