import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { es } from '../../src/i18n/es';
import { LOCALES, pickLang, translator } from '../../src/i18n/index';
import { smsEn } from '../../src/i18n/sms-en';
import { smsEs } from '../../src/i18n/sms-es';
import { formatDay, formatInstantDay, formatStamp, formatTime, zoneName } from '../../src/components/format';

/** The page joins a time's hour and a.m./PM with a no-break space; these sentences are compared as read. */
const spaced = (s: string) => s.replaceAll('\u00a0', ' ');
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
    expect(translator('es')('greeting', { name: 'Dana', order: 'SO-1001' })).toBe('Hola, Dana. Este es tu pedido SO-1001.');
  });

  it('fills numbers and repeated use of the same variable', () => {
    expect(translator('en')('headline.partial', { delivered: 1, total: 2 })).toBe('1 of 2 packages delivered');
    expect(translator('es')('stops.other', { count: 0 })).toBe('Faltan 0 paradas');
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

// The examples (issue 13, "Spanish" and "One English"), pinned on the catalogues and the day formatter.
describe('Spanish reads as US Spanish', () => {
  const t = translator('es');
  const CHICAGO = 'America/Chicago';
  const now = new Date('2026-12-01T18:00:00Z'); // Tuesday, December 1, noon in Chicago
  // Saturday, November 28, 2026: 1 PM and 2 PM in Chicago (UTC-6)
  const saturdayAt1 = new Date('2026-11-28T19:00:00Z');
  const delivered = (at: Date, lang: 'en' | 'es' = 'es') =>
    spaced(translator(lang)('delivered.at', { day: formatInstantDay(at, now, CHICAGO, lang, translator(lang), 'mid'), time: formatTime(at, CHICAGO, lang) }));

  it('a weekday date inside a sentence takes "el" and no comma: "Entregado el sábado 28 de noviembre a la 1 p.m."', () => {
    expect(delivered(saturdayAt1)).toBe('Entregado el sábado 28 de noviembre a la 1 p.m.');
    expect(delivered(new Date('2026-11-28T20:30:00Z'))).toBe('Entregado el sábado 28 de noviembre a las 2:30 p.m.');
  });

  it('"hoy" and "ayer" take no article', () => {
    expect(delivered(new Date('2026-12-01T16:00:00Z'))).toBe('Entregado hoy a las 10 a.m.');
    expect(delivered(new Date('2026-11-30T19:00:00Z'))).toBe('Entregado ayer a la 1 p.m.');
  });

  it('English keeps its comma and takes no article', () => {
    expect(delivered(saturdayAt1, 'en')).toBe('Delivered Saturday, November 28 at 1 PM');
    expect(delivered(new Date('2026-12-01T16:00:00Z'), 'en')).toBe('Delivered today at 10 AM');
  });

  it('a date that starts a line starts with a capital, without the comma after the weekday', () => {
    expect(formatDay('2026-12-05', now, CHICAGO, 'es', t)).toBe('Sábado 5 de diciembre');
    expect(formatDay('2026-12-05', now, CHICAGO, 'es', t, 'start')).toBe('Sábado 5 de diciembre');
    expect(formatDay('2026-12-01', now, CHICAGO, 'es', t, 'start')).toBe('Hoy');
    expect(formatDay('2026-12-02', now, CHICAGO, 'es', t, 'start')).toBe('Mañana');
    expect(formatInstantDay(new Date('2026-11-30T19:00:00Z'), now, CHICAGO, 'es', t, 'start')).toBe('Ayer');
    expect(formatDay('2026-12-05', now, CHICAGO, 'en', translator('en'))).toBe('Saturday, December 5');
    const window = t('eta.window', { day: formatDay('2026-12-05', now, CHICAGO, 'es', t, 'start'), start: '8 a.m.', end: '8 p.m.' });
    expect(window).toBe('Sábado 5 de diciembre, 8 a.m. – 8 p.m.');
  });

  it('dates inside the expected-arrival sentences read naturally', () => {
    const mid = (date: string) => formatDay(date, now, CHICAGO, 'es', t, 'mid');
    expect(t('eta.by_date', { day: mid('2026-12-05') })).toBe('A más tardar el sábado 5 de diciembre');
    expect(t('eta.by_date', { day: mid('2026-12-02') })).toBe('A más tardar mañana');
    expect(t('eta.late', { day: mid('2026-12-01') })).toBe('Con retraso. Se esperaba hoy.');
    expect(t('eta.late_window', { day: mid('2026-12-05'), start: '1 p.m.', end: '5 p.m.' })).toBe(
      'Con retraso. Ahora se espera el sábado 5 de diciembre, entre la 1 p.m. y las 5 p.m.',
    );
    expect(spaced(t('nr.delivered_at', { day: formatInstantDay(saturdayAt1, now, CHICAGO, 'es', t, 'mid'), time: formatTime(saturdayAt1, CHICAGO, 'es') }))).toBe(
      'Aparece como entregado el sábado 28 de noviembre a la 1 p.m.',
    );
  });

  it('says it as US Spanish does', () => {
    expect(t('stops.other', { count: 7 })).toBe('Faltan 7 paradas');
    expect(t('stops.one')).toBe('Falta 1 parada');
    expect(t('headline.ready_to_ship')).toBe('Empacado y listo para enviar');
    expect(t('event.ready_to_ship')).toBe('Empacado y listo para enviar');
    expect(t('notReceived.link')).toBe('¿Aparece como entregado, pero no lo recibiste?');
    expect(t('nr.title')).toBe('¿Aparece como entregado, pero no lo recibiste?');
    expect(t('fb.rating')).toBe('Tu calificación');
    expect(t('amzl.safe_place')).toContain('un casillero');
    expect(t('next.delayed')).toContain('reportó un retraso');
  });

  it('avoids the words of Spain and the calques the review found', () => {
    const text = Object.values(es).join('\n');
    for (const word of [/\bempaquetad/i, /\bfigura\b/i, /\bvaloraci/i, /\ba \d+ paradas?\b/i, /informó de/i, /\bun locker\b/i, /\bhora central\b/i, /\bfranja\b/i, /\bcomprueba\b/i, /\breponer/i]) {
      expect(text).not.toMatch(word);
    }
  });

  it('"Horario del Centro" names the clock, not "Las horas están en hora central"', () => {
    expect(t('zone.note', { zone: zoneName(CHICAGO, 'es', now) })).toBe('Horario del Centro.');
    expect(t('zone.note.assumed', { zone: zoneName('America/New_York', 'es', now) })).toBe('Horario del Este (lo suponemos por la zona de entrega).');
    expect(translator('en')('zone.note', { zone: zoneName(CHICAGO, 'en', now) })).toBe('Times are in Central Time.');
  });

  it('says SÍ works wherever it asks for YES, on the page and in the text', () => {
    for (const key of ['sms.pending', 'legal.sms.body1'] as const) expect(t(key)).toContain('SÍ (o YES)');
    expect(smsEs.confirm_request).toContain('Responde SI o YES');
  });
});

describe('one style for a.m. and p.m.: the one Intl writes for es-US, since the page formats its times with Intl', () => {
  const intl = (hour: number) => spaced(formatTime(new Date(Date.UTC(2026, 0, 15, hour)), 'UTC', 'es'));
  const written = [...Object.values(es), ...Object.values(smsEs)].join('\n');

  it('Intl writes "8 a.m." and "8 p.m." (no space inside)', () => {
    expect([intl(8), intl(20)]).toEqual(['8 a.m.', '8 p.m.']);
  });

  it('every hour the Spanish catalogues write is written as Intl writes it', () => {
    const hours = [...written.matchAll(/\b(\d{1,2})\s*([ap])\.\s*m\./g)];
    expect(hours.length).toBeGreaterThan(0);
    for (const [text, hour, half] of hours) expect(text).toBe(intl((Number(hour) % 12) + (half === 'p' ? 12 : 0)));
    expect(written).not.toMatch(/[ap]\.\s+m\.|\b[ap]m\b|\b[AP]M\b/);
  });
});

describe('English is US English', () => {
  const written = [...Object.values(en), ...Object.values(smsEn)].join('\n');

  it('writes US spellings and words', () => {
    for (const british of [/neighbour/i, /\btick\b/i, /cancelled/i, /colour/i, /favour/i, /organis/i, /\bcentre\b/i, /licence/i, /\bparcel post\b/i, /\bpostcode\b/i, /\bmobile phone\b/i]) {
      expect(written).not.toMatch(british);
    }
    expect(en['where.NEIGHBOR']).toBe('with a neighbor');
    expect(en['sms.outcome.consent_required']).toBe('Check the box to agree to get texts.');
    expect(en['headline.cancelled']).toBe('Order canceled');
  });
});

describe('a time on the page never splits across two lines', () => {
  const at = new Date(Date.UTC(2026, 0, 15, 19, 30));
  it('the hour and AM/PM (a.m./p.m.) are joined by a no-break space, in both languages, with and without minutes', () => {
    expect(formatTime(at, 'UTC', 'en')).toBe('7:30\u00a0PM');
    expect(formatTime(new Date(Date.UTC(2026, 0, 15, 8)), 'UTC', 'en')).toBe('8\u00a0AM');
    expect(formatTime(at, 'UTC', 'es')).toBe('7:30\u00a0p.m.');
    expect(formatStamp(at, 'UTC', 'en')).toBe('Jan 15, 7:30\u00a0PM');
  });
});
