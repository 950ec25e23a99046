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

/** "8 AM", "2:05 PM" (minutes only when not on the hour). */
export function formatTime(at: Date, zone: string, lang: Lang): string {
  const onHour = formatter(lang, zone, 'h', { hour: 'numeric' });
  const withMinutes = formatter(lang, zone, 'hm', { hour: 'numeric', minute: '2-digit' });
  const minutes = Number(formatter(lang, zone, 'm', { minute: 'numeric' }).format(at));
  return (minutes === 0 ? onHour : withMinutes).format(at);
}

/** Where a day phrase sits: starting a sentence ("Today, 8 AM") or inside one ("by tomorrow"). */
export type Position = 'start' | 'mid';

/** "Today", "Tomorrow" or "Thursday, November 27", as the customer's own calendar has it. */
export function formatDay(date: string, now: Date, zone: string, lang: Lang, t: Translate, position: Position = 'start'): string {
  const today = localDate(now, zone);
  if (date === today) return t(position === 'start' ? 'eta.today' : 'day.today.mid');
  if (date === addDays(today, 1)) return t(position === 'start' ? 'eta.tomorrow' : 'day.tomorrow.mid');
  // Noon UTC of that date lands on the same calendar day in every zone within ±12h.
  const noon = new Date(`${date}T12:00:00Z`);
  return formatter(lang, 'UTC', 'day', { weekday: 'long', month: 'long', day: 'numeric' }).format(noon);
}

/** The day of an instant as the customer says it: "Today", "Tuesday, November 24". */
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
  return formatter(lang, zone, 'stamp', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}

/**
 * "Eastern Time", "hora del este", from Intl (no table of zone names to keep up to date), as the
 * zone is named now: at 1970 Detroit had no daylight time and would read "Eastern Standard Time".
 */
export function zoneName(zone: string, lang: Lang, now: Date): string {
  const key = `${lang}|${zone}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    // Generic names ("Pacific Time") are the same in summer and winter.
    const parts = formatter(lang, zone, 'zone', { timeZoneName: 'longGeneric' }).formatToParts(now);
    name = parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
    zoneNames.set(key, name);
  }
  return name;
}
const zoneNames = new Map<string, string>();
