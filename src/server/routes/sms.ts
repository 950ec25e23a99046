import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { optIn, unsubscribe } from '../../domain/sms/opt-in';
import { DomainError } from '../../domain/errors';
import { openTrackingLink } from '../../domain/tracking';
import { isLang } from '../../i18n';
import { ApiError } from '../errors';
import { readBody } from '../middleware/body';
import type { Services } from '../services';

const optInBody = z.object({
  phone: z.string().trim().min(1, 'Enter a mobile number').max(40),
  // a checked box posts "on"; JSON sends true
  consent: z.union([z.literal(true), z.literal('on'), z.literal('true'), z.literal('yes')]).optional().transform((v) => v !== undefined),
  lang: z.string().optional(),
});

/** Where a form post lands again: the tracking page, with the outcome in the query. */
// Outcomes are codes the page translates; no free text travels in the URL.
function backToPage(c: Context, token: string, lang: string | undefined, outcome: string) {
  const q = new URLSearchParams({ sms: outcome, ...(lang && isLang(lang) ? { lang } : {}) });
  return c.redirect(`/t/${token}?${q}#sms`, 303);
}


/** Customer text updates: POST /api/t/{token}/sms (opt in) and …/sms/unsubscribe. */
export function smsRoutes(s: Services) {
  const open = async (token: string) => {
    const link = await openTrackingLink({ readRow: s.readRow, linkTtlDays: s.config.linkTtlDays }, token, s.now());
    if (link.kind === 'not_found') throw new ApiError(404, 'not_found', 'Tracking link not found');
    if (link.kind === 'gone') throw new ApiError(410, 'link_expired', 'This tracking link is no longer active');
    return link;
  };
  const clientIp = (c: Context) => s.clientIp?.(c.req.raw) ?? 'unknown';
  const keys = { db: s.db, appSecret: s.config.appSecret, baseUrl: s.config.publicBaseUrl, allowedCountries: s.config.sms.allowedCountries, optInsPerIpHour: s.config.sms.optInsPerIpHour };

  return new Hono()
    .post('/:token/sms', async (c) => {
      const token = c.req.param('token');
      const link = await open(token);
      const type = c.req.header('content-type') ?? '';
      const isForm = !type.includes('application/json');
      let body: z.output<typeof optInBody>;
      try {
        body = (await readBody(c, optInBody)).data;
      } catch (e) {
        if (isForm && e instanceof z.ZodError) return backToPage(c, token, undefined, e.issues.some((i) => i.path[0] === 'phone') ? 'phone_invalid' : 'invalid');
        throw e;
      }
      const lang = body.lang && isLang(body.lang) ? body.lang : (link.view.order.language ?? 'en');
      try {
        const result = await optIn(keys, {
          orderId: link.orderId, phone: body.phone, consent: body.consent, lang,
          ip: clientIp(c), userAgent: c.req.header('user-agent') ?? '', pageUrl: `${s.config.publicBaseUrl}/t/…${token.slice(-4)}`, now: s.now(),
        });
        if (isForm) return backToPage(c, token, body.lang, result.status === 'active' ? 'subscribed' : 'pending');
        return c.json({ status: result.status === 'active' ? 'subscribed' : 'pending_confirmation', phoneLast4: result.last4 }, 202);
      } catch (e) {
        if (isForm && e instanceof DomainError) return backToPage(c, token, body.lang, e.reason ?? 'invalid');
        throw e;
      }
    })
    .post('/:token/sms/unsubscribe', async (c) => {
      const token = c.req.param('token');
      const link = await open(token);
      const stopped = await unsubscribe(s.db, {
        orderId: link.orderId, ip: clientIp(c), userAgent: c.req.header('user-agent') ?? '', pageUrl: `${s.config.publicBaseUrl}/t/…${token.slice(-4)}`, now: s.now(),
      });
      const type = c.req.header('content-type') ?? '';
      if (!type.includes('application/json')) {
        const lang = type.includes('form') ? ((await c.req.parseBody()).lang as string | undefined) : undefined;
        return backToPage(c, token, lang, 'unsubscribed');
      }
      return c.json({ status: stopped ? 'unsubscribed' : 'not_subscribed' });
    });
}
