import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brandColors } from '../../src/domain/brand-colors';

// An independent WCAG 2.x contrast ratio, so the module is not checked against itself.
function wcagContrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const HEX = /^#[0-9a-f]{6}$/;

function expectReadable(input: string) {
  const c = brandColors(input);
  expect(c.accent).toMatch(HEX);
  expect(c.onAccent).toMatch(HEX);
  expect(c.accentText).toMatch(HEX);
  expect(wcagContrast(c.onAccent, c.accent)).toBeGreaterThanOrEqual(4.5);
  expect(wcagContrast(c.accentText, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  return c;
}

describe('seller accent colours stay readable (WCAG AA 4.5:1)', () => {
  it.each([
    ['white', '#ffffff'],
    ['yellow', '#ffcc00'],
    ['light grey', '#d3d3d3'],
    ['mid grey', '#777777'],
    ['black', '#000000'],
    ['the default blue', '#1f6feb'],
    ['pure red', '#ff0000'],
    ['lime', '#00ff00'],
    ['cyan', '#00ffff'],
    ['pastel pink', '#ffc0cb'],
    ['upper-case hex', '#FFCC00'],
  ])('%s (%s): text on the accent and accent text on white both read', (_name, hex) => {
    expectReadable(hex);
  });

  it('a colour that already reads well is kept as the seller chose it', () => {
    expect(brandColors('#1f6feb').accent).toBe('#1f6feb');
    expect(brandColors('#000000')).toEqual({ accent: '#000000', onAccent: '#ffffff', accentText: '#000000', accentLine: '#000000' });
    expect(brandColors('#0B3D91')).toMatchObject({ accent: '#0b3d91', accentText: '#0b3d91' });
  });

  it('yellow keeps its fill with dark text, but is darkened for text on white', () => {
    const c = expectReadable('#ffcc00');
    expect(c.accent).toBe('#ffcc00');
    expect(c.onAccent).toBe('#111111');
    expect(c.accentText).not.toBe('#ffcc00');
  });

  it.each(['', 'blue', '#fff', '#12345g', 'url(javascript:x)', '#1f6feb; color: red'])(
    'an invalid colour (%j) falls back to the default blue',
    (bad) => {
      expect(brandColors(bad)).toEqual(brandColors('#1f6feb'));
    },
  );

  it('any colour at all comes out readable', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        expectReadable(`#${n.toString(16).padStart(6, '0')}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('every grey comes out readable', () => {
    for (let v = 0; v < 256; v++) {
      const h = v.toString(16).padStart(2, '0');
      expectReadable(`#${h}${h}${h}`);
    }
  });
});

describe('lines, dots and borders in the accent stand out from the page (WCAG 1.4.11, 3:1)', () => {
  const CARD = '#ffffff';
  const PAGE = '#f4f5f7';

  it.each([['pale sky blue', '#e0f2fe'], ['signal yellow', '#ffd400'], ['white', '#ffffff'], ['mint', '#d1fae5']])(
    'a light accent (%s, %s) gets a stroke colour of at least 3:1 against the card and the page',
    (_name, accent) => {
      const { accentLine } = brandColors(accent);
      expect(wcagContrast(accentLine, CARD)).toBeGreaterThanOrEqual(3);
      expect(wcagContrast(accentLine, PAGE)).toBeGreaterThanOrEqual(3);
    },
  );

  it('an accent that already stands out is used for strokes as it is', () => {
    expect(brandColors('#2f6b4f').accentLine).toBe('#2f6b4f');
    expect(brandColors('#1f6feb').accentLine).toBe('#1f6feb');
  });

  it('any colour at all gets a stroke of at least 3:1 against both surfaces', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const { accentLine } = brandColors(`#${n.toString(16).padStart(6, '0')}`);
        expect(accentLine).toMatch(HEX);
        expect(Math.min(wcagContrast(accentLine, CARD), wcagContrast(accentLine, PAGE))).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: 3000 },
    );
  });
});
