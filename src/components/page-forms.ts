import type { AstroGlobal } from 'astro';
import { forLink, type OpenLink } from '../domain/context';
import { explained, formOutcome } from '../domain/errors';
import { giveFeedback } from '../domain/feedback/feedback';
import { parseFeedback, parseReport, reportPageQuery } from '../domain/feedback/inputs';
import { reportNotReceived } from '../domain/feedback/reports';
import { consentPageUrl, optIn, parseOptIn, unsubscribe } from '../domain/sms/opt-in';
import { firstLang, isLang, type Lang } from '../i18n';

// The customer page's own forms, posted without JavaScript to the page itself: a success goes back
// to the page (303) with its outcome; a refusal renders the page again, with what the customer typed
// kept and the error tied to its field. (With JavaScript the same verbs answer through /api/t/….)

export type FormName = 'sms' | 'unsubscribe' | 'feedback' | 'report';

/** A refused post: which form, what was typed, and the outcome code the form explains. */
export interface FormState {
  form: FormName;
  values: Record<string, string>;
  error: string;
}

const FORMS: ReadonlySet<string> = new Set<FormName>(['sms', 'unsubscribe', 'feedback', 'report']);
const MAX_FIELD = 4_000;

/** Handles a POST to a tracking page: a redirect on success, the form's state on a refusal, null for a GET. */
export async function pagePost(astro: AstroGlobal, link: OpenLink): Promise<Response | FormState | null> {
  if (astro.request.method !== 'POST') return null;
  let values: Record<string, string> = {};
  try {
    const data = await astro.request.formData();
    values = Object.fromEntries([...data].flatMap(([k, v]) => (typeof v === 'string' ? [[k, v.slice(0, MAX_FIELD)]] : [])));
  } catch {
    // an unreadable body is one more form that "wasn't filled in as expected"
  }
  const form = (FORMS.has(values.form ?? '') ? values.form : 'sms') as FormName;
  const formLang: Lang | null = isLang(values.lang) ? values.lang : null;
  const lang = firstLang(formLang, link.view.order.language);
  const { locals, request, url } = astro;
  const ctx = forLink(locals.ctx, link);
  const token = astro.params.token!;
  const ip = locals.clientIp(request);
  const consent = { ip, userAgent: request.headers.get('user-agent') ?? '', pageUrl: consentPageUrl(ctx.baseUrl, token) };
  const back = (param: string, outcome: string, anchor: string, more: Record<string, string> = {}) => {
    const q = new URLSearchParams({ [param]: outcome, ...(formLang ? { lang: formLang } : {}), ...more });
    return astro.redirect(`${url.pathname}?${q}#${anchor}`, 303);
  };
  try {
    switch (form) {
      case 'sms': {
        const result = await optIn({ ctx, input: { ...parseOptIn(values), lang, ...consent } });
        return back('sms', result.status === 'active' ? 'subscribed' : 'pending', 'sms');
      }
      case 'unsubscribe':
        await unsubscribe({ ctx, input: consent });
        return back('sms', 'unsubscribed', 'sms');
      case 'feedback': {
        const { created } = await giveFeedback({ ctx, input: { feedback: parseFeedback(values), lang, ip } });
        return back('feedback', created ? 'thanks' : 'updated', 'feedback');
      }
      case 'report':
        await reportNotReceived({ ctx, input: { report: parseReport(values), lang, ip } });
        return back('report', 'sent', 'report', reportPageQuery(values));
    }
  } catch (e) {
    const known = explained(e);
    if (!known) throw e;
    // The page itself answers (the API's JSON twin keeps the exact status per code).
    astro.response.status = 422;
    const { form: _form, lang: _lang, ...typed } = values;
    return { form, values: typed, error: formOutcome(known.code) };
  }
}

/** The state of one form, if the refused post was that form's. */
export const stateOf = (state: FormState | null, ...forms: FormName[]): FormState | null => (state && forms.includes(state.form) ? state : null);
