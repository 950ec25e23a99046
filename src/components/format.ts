import { addDays, localDate } from '../domain/zoned-time';
import { LOCALES, type Lang, type Translate } from '../i18n';

// Intl formatters are costly to build and cheap to reuse: one per (locale, zone, style).
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, zone: string, style: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${style}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: zone });
    cache.set(key, f);
  }
  return f;
}

/** A time never splits across lines on the page: "7" at the end of one and "PM" on the next. */
const keepTimeWhole = (s: string) => s.replace(/ (?=[^ ]*$)/, '\u00a0');

/** "8 AM", "2:05 PM" (minutes only when not on the hour), its hour and AM/PM joined by a no-break space. */
export function formatTime(at: Date, zone: string, lang: Lang): string {
  const onHour = formatter(lang, zone, 'h', { hour: 'numeric' });
  const withMinutes = formatter(lang, zone, 'hm', { hour: 'numeric', minute: '2-digit' });
  const minutes = Number(formatter(lang, zone, 'm', { minute: 'numeric' }).format(at));
  return keepTimeWhole((minutes === 0 ? onHour : withMinutes).format(at));
}

/**
 * Where a day phrase sits: starting a line ("Today, 8 AM", "Sábado 28 de noviembre, 8 a.m.") or
 * inside a sentence ("Delivered today", "Entregado el sábado 28 de noviembre"). A weekday date
 * in the middle of a Spanish sentence takes "el"; "hoy", "mañana" and "ayer" never do. The
 * catalogue says how a weekday and its date join ('day.weekday.start' / 'day.weekday.mid'), so
 * Spanish drops the comma Intl puts after the weekday and English keeps it.
 */
export type Position = 'start' | 'mid';

/** "Sábado 28 de noviembre" at the start of a line: the first letter is a capital in every language. */
const sentenceStart = (text: string, lang: Lang) => text.charAt(0).toLocaleUpperCase(LOCALES[lang]) + text.slice(1);

/** "Today", "Tomorrow" or "Thursday, November 27" / "Sábado 28 de noviembre", as the customer's own calendar has it. */
export function formatDay(date: string, now: Date, zone: string, lang: Lang, t: Translate, position: Position = 'start'): string {
  const today = localDate(now, zone);
  if (date === today) return t(position === 'start' ? 'eta.today' : 'day.today.mid');
  if (date === addDays(today, 1)) return t(position === 'start' ? 'eta.tomorrow' : 'day.tomorrow.mid');
  // Noon UTC of that date lands on the same calendar day in every zone within ±12h.
  const noon = new Date(`${date}T12:00:00Z`);
  const weekday = formatter(lang, 'UTC', 'weekday', { weekday: 'long' }).format(noon);
  const monthDay = formatter(lang, 'UTC', 'monthday', { month: 'long', day: 'numeric' }).format(noon);
  const phrase = t(position === 'start' ? 'day.weekday.start' : 'day.weekday.mid', { weekday, date: monthDay });
  return position === 'start' ? sentenceStart(phrase, lang) : phrase;
}

/** The day of an instant as the customer says it: "Today", "Tuesday, November 24", "el martes 24 de noviembre". */
export function formatInstantDay(at: Date, now: Date, zone: string, lang: Lang, t: Translate, position: Position = 'start'): string {
  const date = localDate(at, zone);
  if (date === addDays(localDate(now, zone), -1)) return t(position === 'start' ? 'day.yesterday' : 'day.yesterday.mid');
  return formatDay(date, now, zone, lang, t, position);
}

/** "November 24" / "24 de noviembre": a calendar date in the customer's zone, never "Today". */
export function formatDate(at: Date, zone: string, lang: Lang): string {
  return formatter(lang, zone, 'date', { month: 'long', day: 'numeric' }).format(at);
}

/** "Nov 24, 2:05 PM" for timeline rows. */
export function formatStamp(at: Date, zone: string, lang: Lang): string {
  return keepTimeWhole(formatter(lang, zone, 'stamp', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at));
}

/**
 * Spanish names of the US zones as US Spanish writes them ("Horario del Centro"), keyed by the
 * English generic name Intl gives (so every IANA zone of a region, Detroit or Boise or Menominee,
 * is covered without a list of zones). Intl's own Spanish ("hora central", "hora de las Montañas
 * Rocosas") is not what US customers read. Zones without daylight time say so, as in English.
 */
const SPANISH_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Eastern Time': 'Horario del Este',
  'Eastern Standard Time': 'Horario estándar del Este',
  'Central Time': 'Horario del Centro',
  'Central Standard Time': 'Horario estándar del Centro',
  'Mountain Time': 'Horario de la Montaña',
  'Mountain Standard Time': 'Horario estándar de la Montaña',
  'Pacific Time': 'Horario del Pacífico',
  'Alaska Time': 'Horario de Alaska',
  'Hawaii-Aleutian Time': 'Horario de Hawái-Aleutianas',
  'Hawaii-Aleutian Standard Time': 'Horario estándar de Hawái-Aleutianas',
  'Atlantic Time': 'Horario del Atlántico',
  'Atlantic Standard Time': 'Horario estándar del Atlántico',
  'Chamorro Standard Time': 'Horario estándar de Chamorro',
};

/** Intl's generic name of `zone` in `lang` ("Pacific Time" is the same in summer and winter). */
function intlZoneName(zone: string, lang: Lang, now: Date): string {
  const parts = formatter(lang, zone, 'zone', { timeZoneName: 'longGeneric' }).formatToParts(now);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/**
 * "Eastern Time", "Horario del Este": from Intl (no table of zones to keep up to date), as the zone
 * is named now: at 1970 Detroit had no daylight time and would read "Eastern Standard Time". The
 * name starts the zone note, so a Spanish name Intl gives in lower case ("hora de Terranova") gets
 * its capital.
 */
export function zoneName(zone: string, lang: Lang, now: Date): string {
  const key = `${lang}|${zone}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    const english = intlZoneName(zone, 'en', now);
    name = lang === 'en' ? english : SPANISH_ZONE_NAMES[english] ?? sentenceStart(intlZoneName(zone, lang, now), lang);
    zoneNames.set(key, name);
  }
  return name;
}
const zoneNames = new Map<string, string>();
