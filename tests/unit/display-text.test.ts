import { describe, expect, it } from 'vitest';
import { displayText, optionalDisplayText, stripControls } from '../../src/domain/text';

// What a seller or customer types is shown to someone else: no control characters, no half emoji.

const NASTIES: [string, string][] = [
  ['a NUL', '\u0000'],
  ['a bell', '\u0007'],
  ['an escape (terminal repaint)', '\u001b[2J'],
  ['DEL', '\u007f'],
  ['a C1 control', '\u009b'],
  ['a lone high surrogate', '\ud800'],
  ['a lone low surrogate', '\udc00'],
];

describe('single-line display text', () => {
  const field = displayText(20);

  it.each(NASTIES)('%s is not kept', (_, bad) => {
    const kept = field.parse(`Da${bad}na`);
    expect(kept).toMatch(/^Da(\[2J)?na$/);
    expect(kept).not.toMatch(/[\p{Cc}\p{Cs}]/u);
  });

  it('a line break or tab becomes a space, not a glued word', () => {
    expect(field.parse('New\tYork')).toBe('New York');
    expect(field.parse('New\r\nYork')).toBe('New  York');
    expect(field.parse('  Troy\n')).toBe('Troy');
  });

  it('keeps emoji, accents and scripts whole (a surrogate pair is not a lone surrogate)', () => {
    expect(field.parse('Zoë 🌸 東京')).toBe('Zoë 🌸 東京');
    expect(field.parse('👨‍👩‍👧')).toBe('👨‍👩‍👧');
  });

  it('a value that is nothing but controls and spaces is refused like an empty one', () => {
    expect(field.safeParse('\u0000\u0007 \ud800').success).toBe(false);
    expect(field.safeParse('').success).toBe(false);
  });

  it('the length limit counts what is stored, not what was sent', () => {
    expect(field.parse(`${'a'.repeat(20)}\u0000\u0000`)).toBe('a'.repeat(20));
    expect(field.safeParse('a'.repeat(21)).success).toBe(false);
  });
});

describe('multi-line display text (comments and notes)', () => {
  const field = optionalDisplayText(10, { multiline: true });

  it('keeps line breaks, as one \\n each, and drops the other controls', () => {
    expect(optionalDisplayText(100, { multiline: true }).parse('one\r\ntwo\rthree\nfour')).toBe('one\ntwo\nthree\nfour');
    expect(optionalDisplayText(100, { multiline: true }).parse('Left at\u0000 the\u001b door.\n\nThanks\ud800!')).toBe('Left at the door.\n\nThanks!');
  });

  it('a tab becomes a space', () => {
    expect(field.parse('a\tb')).toBe('a b');
  });

  it('empty or only controls reads as absent', () => {
    expect(field.parse('\u0000 \n\u0007')).toBeUndefined();
    expect(field.parse('')).toBeUndefined();
    expect(field.parse(undefined)).toBeUndefined();
  });

  it('a CR LF counts as one character towards the limit, as the textarea showed it', () => {
    expect(field.parse('12345\r\n6789')).toBe('12345\n6789');
    expect(field.safeParse('12345\r\n67890').success).toBe(false);
  });
});

describe('stripControls', () => {
  it('strips every control character (Cc) and lone surrogate (Cs)', () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('');
    // \t \n \v \f \r and NEL (U+0085) become spaces; every other C0, DEL and C1 control goes
    expect(stripControls(all)).toBe(`${' '.repeat(5)}${all.slice(0x20, 0x7f)} `);
    expect(stripControls(all, { multiline: true })).not.toMatch(/[^\n\P{Cc}]/u);
  });
});
