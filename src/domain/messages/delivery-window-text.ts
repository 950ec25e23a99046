import { LOCALES, translator, type Lang } from '../../i18n';
import type { ExpectedArrival } from '../delivery-window';
import { addDays, localDate } from '../zoned-time';

// {delivery_window} in an email: the expected arrival as the tracking page words it ("Today,
// 8 AM – 8 PM", "Hoy, 8 a.m. – 8 p.m."), in the destination's zone. The page's formatter lives in
// src/components, which the domain may not import; this one uses the same catalogue entries.

/** What {delivery_window} says when there is no honest date to give (delivered, delayed, no date yet). */
export const NO_WINDOW: Record<Lang, string> = { en: 'To be confirmed', es: 'Por confirmar' };

const formatters = new Map<string, Intl.DateTimeFormat>();
function format(lang: Lang, zone: string, options: Intl.DateTimeFormatOptions, at: Date): string {
  const key = `${lang}|${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f.format(at);
}

/** "8 AM", "2:30 PM", "8 a.m.": minutes only when not on the hour. */
function time(at: Date, zone: string, lang: Lang): string {
  const onHour = Number(format(lang, zone, { minute: 'numeric' }, at)) === 0;
  return format(lang, zone, onHour ? { hour: 'numeric' } : { hour: 'numeric', minute: '2-digit' }, at);
}

/** "Today", "Tomorrow", "Friday, November 27" / "Viernes 27 de noviembre" (or "el viernes …" mid-sentence). */
function day(date: string, o: { zone: string; lang: Lang; now: Date }, position: 'start' | 'mid'): string {
  const t = translator(o.lang);
  const today = localDate(o.now, o.zone);
  if (date === today) return t(position === 'start' ? 'eta.today' : 'day.today.mid');
  if (date === addDays(today, 1)) return t(position === 'start' ? 'eta.tomorrow' : 'day.tomorrow.mid');
  // Noon UTC of that date is the same calendar day everywhere within ±12 hours.
  const noon = new Date(`${date}T12:00:00Z`);
  const vars = { weekday: format(o.lang, 'UTC', { weekday: 'long' }, noon), date: format(o.lang, 'UTC', { month: 'long', day: 'numeric' }, noon) };
  const phrase = t(position === 'start' ? 'day.weekday.start' : 'day.weekday.mid', vars);
  return position === 'start' ? phrase.charAt(0).toLocaleUpperCase(LOCALES[o.lang]) + phrase.slice(1) : phrase;
}

/** The expected arrival in words, in `zone` and `lang`, as of `now`; the neutral phrase when nothing is known or it is late. */
export function deliveryWindowText(expected: ExpectedArrival | null, o: { zone: string; lang: Lang; now: Date }): string {
  if (!expected || (expected.kind === 'by_date' && expected.late)) return NO_WINDOW[o.lang];
  const t = translator(o.lang);
  if (expected.kind === 'by_date') return t('eta.by_date', { day: day(expected.date, o, 'mid') });
  return t('eta.window', { day: day(expected.date, o, 'start'), start: time(expected.start, o.zone, o.lang), end: time(expected.end, o.zone, o.lang) });
}
