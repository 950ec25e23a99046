import { en, type MessageKey, type Messages } from './en';
import { es } from './es';

export const LANGS = ['en', 'es'] as const;
export type Lang = (typeof LANGS)[number];
export type { MessageKey };

export const catalogues: Record<Lang, Messages> = { en, es };
/** BCP 47 locales for Intl: US Spanish writes "8 a.m.", Spain's would write "8:00". */
export const LOCALES: Record<Lang, string> = { en: 'en-US', es: 'es-US' };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

// Spanish hours take "las" ("a las 2") except one o'clock, which is singular: "a la 1", "la 1:30".
// Only the template's own article before a placeholder changes, so a value's words are never touched.
const spanishHourArticle = (text: string, vars: Vars) =>
  text.replace(/\b([Ll])as \{(\w+)\}/g, (m, l: string, name: string) => (name in vars && /^1(?!\d)/.test(String(vars[name])) ? `${l}a {${name}}` : m));

export function translator(lang: Lang): Translate {
  const messages = catalogues[lang];
  return (key, vars) => {
    if (!vars) return messages[key];
    const text = lang === 'es' ? spanishHourArticle(messages[key], vars) : messages[key];
    // "… at 2 p.m.." → one full stop when a value ends a sentence with its own.
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)).replace(/(?<!\.)\.\.(?!\.)/g, '.');
  };
}

export const isLang = (v: unknown): v is Lang => v === 'en' || v === 'es';

/** The language when nothing better is known. */
export const DEFAULT_LANG: Lang = 'en';

/** The first of the candidates that is a language we speak, else the default: the one fallback rule. */
export const firstLang = (...candidates: unknown[]): Lang => candidates.find(isLang) ?? DEFAULT_LANG;

/** ?lang= first (the visible switch), then the browser's Accept-Language, then the order's language. */
export function pickLang(query: string | null, acceptLanguage: string | null, fallback: Lang | null): Lang {
  if (isLang(query)) return query;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.trim().split('-')[0], q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return firstLang(...ranked.map((r) => r.base), fallback);
}
