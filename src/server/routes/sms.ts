import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { optIn, unsubscribe } from '../../domain/sms/opt-in';
import { DomainError } from '../../domain/errors';
import type { Lang } from '../../i18n';
import { readRaw } from '../middleware/body';
import type { Services } from '../services';
import { backTo, clientIpOf, langOf, openLinkOrFail } from './customer-link';

const optInBody = z.object({
  phone: z.string().trim().min(1).max(40),
  // a ticked box posts "on"; JSON sends true (false or absent: no consent)
  consent: z.union([z.boolean(), z.enum(['on', 'true', 'yes'])]).optional().transform((v) => v !== undefined && v !== false),
});

// Outcomes are codes the page translates; no free text travels in the URL.
const backToPage = (c: Context, token: string, lang: Lang | null, outcome: string) => backTo(c, `/t/${token}`, lang, 'sms', outcome, 'sms');

/** Customer text updates: POST /api/t/{token}/sms (opt in) and …/sms/unsubscribe. */
export function smsRoutes(s: Services) {
  const open = (token: string) => openLinkOrFail(s, token);
  const clientIp = (c: Context) => clientIpOf(s, c);
  const pageUrl = (token: string) => `${s.config.publicBaseUrl}/t/…${token.slice(-4)}`; // never the whole token
  const keys = {
    db: s.db, appSecret: s.config.appSecret, baseUrl: s.config.publicBaseUrl,
    allowedCountries: s.config.sms.allowedCountries, optInsPerIpHour: s.config.sms.optInsPerIpHour,
  };

  return new Hono()
    .post('/:token/sms', async (c) => {
      const token = c.req.param('token');
      const link = await open(token);
      const { raw, kind } = await readRaw(c);
      const lang = langOf(raw);
      try {
        const parsed = optInBody.safeParse(raw);
        if (!parsed.success) {
          const phoneIssue = parsed.error.issues.some((i) => i.path[0] === 'phone');
          throw new DomainError('invalid_input', phoneIssue ? 'Enter a mobile number' : 'The form was not filled in as expected', phoneIssue ? 'phone_invalid' : undefined);
        }
        const result = await optIn(keys, {
          orderId: link.orderId, phone: parsed.data.phone, consent: parsed.data.consent, lang: lang ?? link.view.order.language ?? 'en',
          ip: clientIp(c), userAgent: c.req.header('user-agent') ?? '', pageUrl: pageUrl(token), now: s.now(),
        });
        const status = result.status === 'active' ? 'subscribed' : 'pending';
        if (kind === 'form') return backToPage(c, token, lang, status);
        return c.json({ status: result.status === 'active' ? 'subscribed' : 'pending_confirmation', phoneLast4: result.last4 }, 202);
      } catch (e) {
        if (kind === 'form' && e instanceof DomainError) return backToPage(c, token, lang, e.reason ?? 'invalid');
        throw e;
      }
    })
    .post('/:token/sms/unsubscribe', async (c) => {
      const token = c.req.param('token');
      const link = await open(token);
      // Read the body first: a broken one must change nothing.
      const body = c.req.header('content-type') ? await readRaw(c) : { raw: {}, kind: 'json' as const };
      const stopped = await unsubscribe(s.db, { orderId: link.orderId, ip: clientIp(c), userAgent: c.req.header('user-agent') ?? '', pageUrl: pageUrl(token), now: s.now() });
      if (body.kind === 'form') return backToPage(c, token, langOf(body.raw), 'unsubscribed');
      return c.json({ status: stopped ? 'unsubscribed' : 'not_subscribed' });
    });
}
