import { describe, expect, it } from 'vitest';
import { clean, gsmOnlyName, graphemes, orderTail, subLink, truncateName } from '../../src/domain/sms/shorten';

describe('clean: a caller-supplied value as one safe line', () => {
  it('a missing value fills in as nothing, not as text', () => {
    expect(clean(null)).toBe('');
    expect(clean(undefined)).toBe('');
  });

  it('drops control characters and lone surrogates, which no SMS API can send', () => {
    expect(clean('Flor\u0007 y\u0000 Canela\uD800')).toBe('Flor y Canela');
  });
});

describe('truncateName: the seller name cut to whole characters', () => {
  it('a cut that lands after a space does not leave the space before the ellipsis', () => {
    expect(truncateName(graphemes('Bloom Flowers'), 6)).toBe('Bloom…');
  });

  it('keeps a flag whole: graphemes, not code points', () => {
    expect(truncateName(graphemes('🇲🇽🇲🇽 Tienda'), 1)).toBe('🇲🇽…');
  });

  it('a name exactly as long as the room is kept whole, without an ellipsis', () => {
    expect(truncateName(graphemes('Bloom'), 5)).toBe('Bloom');
    expect(truncateName(graphemes('Bloom'), 4)).toBe('Bloo…');
  });
});

describe('orderTail: the end of a long order number', () => {
  it('an order number of exactly 12 characters is shown whole; 13 loses its first character', () => {
    expect(orderTail('ABCDEFGHIJKL', 12)).toBe('ABCDEFGHIJKL');
    expect(orderTail('ABCDEFGHIJKLM', 12)).toBe('…BCDEFGHIJKLM');
  });
});

describe('gsmOnlyName: what a GSM phone can show of the seller name', () => {
  it('a plain name is kept as it is', () => {
    expect(gsmOnlyName('Bloom')).toBe('Bloom');
    expect(gsmOnlyName('🌸 Bloom 🌸')).toBe('Bloom');
  });

  it('digits count as readable: "🌸 24/7" is "24/7"', () => {
    expect(gsmOnlyName('🌸 24/7')).toBe('24/7');
  });

  it('nothing readable left (only punctuation) means no name at all', () => {
    expect(gsmOnlyName('🌸 !!! 🌸')).toBe('');
  });
});

describe('subLink: a path under the tracking link', () => {
  it('goes before a fragment or query, even one at the very start', () => {
    expect(subLink('https://t.example/t/abc#top', '/not-received')).toBe('https://t.example/t/abc/not-received#top');
    expect(subLink('?lang=es', '/not-received')).toBe('/not-received?lang=es');
  });
});
