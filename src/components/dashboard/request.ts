import type { AstroGlobal } from 'astro';
import { ZodError } from 'zod';
import type { MemberContext } from '../../domain/context';
import { explained } from '../../domain/errors';
import { isLang, pickLang, type Lang } from '../../i18n';
import { dashTranslator, hasDashKey, type DashKey, type DashTranslate } from '../../i18n/dashboard';

// What every page of the seller's side starts with: the language, the translator, and (on the
// dashboard) the signed-in member or a redirect to sign in.

const LANG_COOKIE = 'porchlight_lang';

export function dashLang(astro: AstroGlobal): { lang: Lang; t: DashTranslate } {
  const asked = astro.url.searchParams.get('lang');
  // a language chosen with the switch stays chosen on the next pages
  if (isLang(asked)) astro.response.headers.append('Set-Cookie', `${LANG_COOKIE}=${asked}; Path=/; SameSite=Lax; Max-Age=31536000`);
  const remembered = astro.cookies.get(LANG_COOKIE)?.value ?? null;
  const lang = pickLang(isLang(asked) ? asked : remembered, astro.request.headers.get('accept-language'), null);
  astro.response.headers.set('Vary', 'Accept-Language, Cookie');
  return { lang, t: dashTranslator(lang) };
}

/** The signed-in member, or a 303 to /login that comes back here afterwards. */
export function requireMember(astro: AstroGlobal): MemberContext | Response {
  const { member } = astro.locals;
  if (member) return member;
  return astro.redirect(`/login?next=${encodeURIComponent(astro.url.pathname + astro.url.search)}`, 303);
}

/** Where to go after signing in: only a path on the dashboard, never another site. */
export const safeNext = (next: string | null) => (next && /^\/dashboard(\/[\w\-./%?=&]*)?$/.test(next) && !next.startsWith('//') ? next : '/dashboard');

export async function formOf(astro: AstroGlobal): Promise<Record<string, string>> {
  try {
    const data = await astro.request.formData();
    return Object.fromEntries([...data].flatMap(([k, v]) => (typeof v === 'string' ? [[k, v.slice(0, 10_000)]] : [])));
  } catch {
    return {};
  }
}

export interface Refusal {
  /** the catalogue key of the message */
  key: DashKey;
  /** the form field it is about, to mark aria-invalid */
  field: string | null;
  status: number;
  retryAfter?: number;
  /** the domain's own words about what is wrong (English; names fields and variables) */
  detail: string;
}

const FIELD_OF: Record<string, string> = {
  password_too_short: 'password', password_too_long: 'password', password_common: 'password', email_taken: 'email', credentials_invalid: 'password',
};
const STATUS: Record<string, number> = { credentials_invalid: 401, rate_limited: 429, email_taken: 409, forbidden: 403, one_time_link_invalid: 410, not_found: 404, payload_too_large: 413 };

/** A refused form post as the page explains it, or the error again when it is a bug. */
export function refusal(err: unknown, fields: Record<string, DashKey> = {}): Refusal {
  if (err instanceof ZodError) {
    const path = String(err.issues[0]?.path[0] ?? '');
    return { key: fields[path] ?? 'error.invalid', field: path || null, status: 422, detail: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ') };
  }
  const known = explained(err);
  if (!known) throw err;
  const key = `error.${known.code}` as DashKey;
  const retryAfter = typeof known.extra?.retryAfter === 'number' ? known.extra.retryAfter : undefined;
  return { key: hasDashKey(key) ? key : 'error.invalid', field: FIELD_OF[known.code] ?? null, status: STATUS[known.code] ?? 422, retryAfter, detail: known.message };
}

/** A 303 that also sets (or clears) the session cookie: Astro.redirect drops headers set on Astro.response. */
export const redirectSetting = (location: string, ...cookies: string[]) => {
  const headers = new Headers({ Location: location });
  for (const c of cookies) headers.append('Set-Cookie', c);
  return new Response(null, { status: 303, headers });
};
