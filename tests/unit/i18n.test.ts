import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { es } from '../../src/i18n/es';
import { LOCALES, pickLang, translator } from '../../src/i18n/index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const enKeys = Object.keys(en) as (keyof typeof en)[];
const esKeys = Object.keys(es) as (keyof typeof es)[];

describe('Spanish and English catalogues match', () => {
  it('every English message has a non-empty Spanish one', () => {
    const missing = enKeys.filter((k) => typeof es[k] !== 'string' || es[k].trim() === '');
    expect(missing).toEqual([]);
  });

  it('Spanish has no message English lacks, and none is empty in English', () => {
    expect(esKeys.filter((k) => !(k in en))).toEqual([]);
    expect(enKeys.filter((k) => en[k].trim() === '')).toEqual([]);
  });

  it('every message has exactly the same {placeholders} in both languages', () => {
    const mismatched = enKeys
      .filter((k) => JSON.stringify(placeholders(en[k])) !== JSON.stringify(placeholders(es[k])))
      .map((k) => `${k}: en ${placeholders(en[k]).join(',')} / es ${placeholders(es[k]).join(',')}`);
    expect(mismatched).toEqual([]);
  });

  it('no placeholder is left malformed ("{ name}", unbalanced braces)', () => {
    const bad = [...enKeys.map((k) => ['en', k, en[k]]), ...esKeys.map((k) => ['es', k, es[k]])].filter(
      ([, , text]) => (text!.match(/[{}]/g)?.length ?? 0) !== placeholders(text!).length * 2,
    );
    expect(bad).toEqual([]);
  });

  it('the Spanish catalogue is actually translated, not copied', () => {
    const same = enKeys.filter((k) => es[k] === en[k]);
    // Only format-only strings (e.g. "{day}, {start} – {end}") and words both languages share may be identical.
    const SHARED_WORDS = new Set(['No']);
    expect(same.filter((k) => en[k].replace(/\{\w+\}/g, '').replace(/[\s,–×·:]/g, '') !== '' && !SHARED_WORDS.has(en[k]))).toEqual([]);
    expect(same.length / enKeys.length).toBeLessThan(0.05);
  });
});

describe('translator', () => {
  it('fills the variables into the message', () => {
    expect(translator('en')('greeting', { name: 'Dana', order: 'SO-1001' })).toBe('Hi Dana, here is your order SO-1001.');
    expect(translator('es')('greeting', { name: 'Dana', order: 'SO-1001' })).toBe('Hola Dana, este es tu pedido SO-1001.');
  });

  it('fills numbers and repeated use of the same variable', () => {
    expect(translator('en')('headline.partial', { delivered: 1, total: 2 })).toBe('1 of 2 packages delivered');
    expect(translator('es')('stops.other', { count: 0 })).toBe('A 0 paradas');
  });

  it('leaves an unknown placeholder visible rather than printing "undefined"', () => {
    expect(translator('en')('greeting', { name: 'Dana' })).toBe('Hi Dana, here is your order {order}.');
  });

  it('does not reinterpret "$" patterns in a value', () => {
    expect(translator('en')('contact.body', { seller: 'A$&B $1' })).toBe('A$&B $1 is happy to help.');
  });

  it('returns the plain message without variables', () => {
    expect(translator('es')('eta.today')).toBe('Hoy');
  });
});

describe('Spanish says "la 1", not "las 1"', () => {
  const es = translator('es');
  // Times as the pages format them for Spanish ("1 p.m.", "1:30 p.m."): minutes only when not on the hour.
  const at = (hour: number, minute = 0) =>
    new Intl.DateTimeFormat(LOCALES.es, { hour: 'numeric', ...(minute ? { minute: '2-digit' } : {}), timeZone: 'UTC' }).format(Date.UTC(2026, 0, 15, hour, minute));

  it.each([
    ['1 PM', 13, 0, 'Entregado hoy a la 1 p.m.'],
    ['1:30 PM', 13, 30, 'Entregado hoy a la 1:30 p.m.'],
    ['1 AM', 1, 0, 'Entregado hoy a la 1 a.m.'],
    ['11 AM', 11, 0, 'Entregado hoy a las 11 a.m.'],
    ['10 PM', 22, 0, 'Entregado hoy a las 10 p.m.'],
    ['12 PM', 12, 0, 'Entregado hoy a las 12 p.m.'],
  ])('delivered at %s', (_, hour, minute, expected) => {
    expect(es('delivered.at', { day: 'hoy', time: at(hour, minute) })).toBe(expected);
  });

  it('"hasta la 1" and each end of "entre … y …" on its own', () => {
    expect(es('eta.extended', { time: at(13) })).toBe('Algunas entregas se hacen hasta la 1 p.m.');
    expect(es('eta.extended', { time: at(21) })).toBe('Algunas entregas se hacen hasta las 9 p.m.');
    expect(es('carrier.hours', { carrier: 'UPS', start: at(13), end: at(13, 30) })).toBe('UPS suele entregar entre la 1 p.m. y la 1:30 p.m.');
    expect(es('carrier.hours', { carrier: 'UPS', start: at(9), end: at(13) })).toBe('UPS suele entregar entre las 9 a.m. y la 1 p.m.');
    expect(es('carrier.hours', { carrier: 'UPS', start: at(13), end: at(19) })).toBe('UPS suele entregar entre la 1 p.m. y las 7 p.m.');
  });

  it('only the article before the time changes, never words inside a value or English', () => {
    expect(es('carrier.hours', { carrier: 'Mensajería las 1 Estrellas', start: at(8), end: at(13) })).toBe('Mensajería las 1 Estrellas suele entregar entre las 8 a.m. y la 1 p.m.');
    expect(translator('en')('delivered.at', { day: 'today', time: '1 PM' })).toBe('Delivered today at 1 PM');
  });
});

describe('pickLang', () => {
  it('?lang= wins over everything', () => {
    expect(pickLang('es', 'en-US,en;q=0.9', 'en')).toBe('es');
    expect(pickLang('en', 'es-MX', 'es')).toBe('en');
  });

  it('an unsupported ?lang= is ignored', () => {
    expect(pickLang('fr', 'es-MX', null)).toBe('es');
    expect(pickLang('ES', 'en', null)).toBe('en');
  });

  it('Accept-Language is read by q-value, not by position', () => {
    expect(pickLang(null, 'en;q=0.5, es;q=0.9', null)).toBe('es');
    expect(pickLang(null, 'es;q=0.4,en;q=0.8', 'es')).toBe('en');
  });

  it('regional tags and any case count for their language', () => {
    expect(pickLang(null, 'ES-mx', null)).toBe('es');
    expect(pickLang(null, 'es-419,en;q=0.9', null)).toBe('es');
  });

  it('unsupported languages are skipped in favour of the next supported one', () => {
    expect(pickLang(null, 'fr-FR, de;q=0.9, es;q=0.8, en;q=0.7', null)).toBe('es');
  });

  it('q=0 means "not this language"', () => {
    expect(pickLang(null, 'es;q=0', 'en')).toBe('en');
    expect(pickLang(null, 'es;q=0, fr', null)).toBe('en');
  });

  it('equal q-values keep the browser’s order', () => {
    expect(pickLang(null, 'es;q=0.8, en;q=0.8', null)).toBe('es');
    expect(pickLang(null, 'en, es', 'es')).toBe('en');
  });

  it('tolerates spaces around parameters', () => {
    expect(pickLang(null, 'en ; q=0.2 , es ; q=0.7', null)).toBe('es');
  });

  it('without a usable header, the order’s language, then English', () => {
    expect(pickLang(null, null, 'es')).toBe('es');
    expect(pickLang(null, '', 'es')).toBe('es');
    expect(pickLang(null, 'fr, de', 'es')).toBe('es');
    expect(pickLang(null, '*', 'es')).toBe('es');
    expect(pickLang(null, null, null)).toBe('en');
    expect(pickLang(null, 'garbage;;q=x', null)).toBe('en');
  });
});
