import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { consentPageUrl, optIn, optInForm, parseOptIn, unsubscribe } from '../../domain/sms/opt-in';
import { customerRoute, FORMS_TOO } from '../openapi/customer';
import { json, jsonBody, serve } from '../openapi/spec';
import { OptInResource, UnsubscribeResource } from '../resources/customer';
import type { Services } from '../services';
import { clientIpOf, customerPost, type LinkEnv } from './customer-link';

const optInRoute = customerRoute({
  method: 'post', path: '/{token}/sms',
  summary: 'Opt in to text updates',
  description: `Double opt-in: the first text asks the customer to reply YES; nothing else is sent until then. \`consent\` must be true (the ticked box). ${FORMS_TOO}`,
  request: { body: jsonBody(optInForm, { description: FORMS_TOO, example: { phone: '+14155552671', consent: true } }) },
  ok: { 202: json(OptInResource, 'Accepted: a confirmation text is on its way (`pending_confirmation`), or the number was already confirmed (`subscribed`).') },
  errors: {
    409: 'This number replied STOP (`phone_opted_out`): replying START turns texts back on.',
    422: 'Not a mobile number, a country texts are not sent to, or consent not given (`phone_invalid`, `phone_not_mobile`, `phone_country_not_allowed`, `consent_required`).',
    429: 'Too many sign-ups from this network or for similar numbers, or too many confirmation texts (`rate_limited`).',
  },
});
const unsubscribeRoute = customerRoute({
  method: 'post', path: '/{token}/sms/unsubscribe',
  summary: 'Stop text updates',
  description: 'Stops this order’s texts. No body is needed; a form post goes back to the page.',
  ok: { 200: json(UnsubscribeResource, 'Stopped (`unsubscribed`), or there was nothing to stop (`not_subscribed`).') },
});

/** Customer text updates: POST /api/t/{token}/sms (opt in) and …/sms/unsubscribe. */
export function smsRoutes(s: Services) {
  // The ledger keeps where consent was given, never the whole token.
  const source = (c: Context<LinkEnv>) => ({
    ip: clientIpOf(s, c), userAgent: c.req.header('user-agent') ?? '', pageUrl: consentPageUrl(s.ctx.baseUrl, c.req.param('token')!),
  });
  const back = (c: Context<LinkEnv>) => ({ page: `/t/${c.req.param('token')}`, param: 'sms', anchor: 'sms' });

  const app = new OpenAPIHono<LinkEnv>();
  serve(app, optInRoute, (c) =>
    customerPost(c, back(c), async (raw, lang) => {
      const result = await optIn({ ctx: c.var.ctx, input: { ...parseOptIn(raw), lang, ...source(c) } });
      const active = result.status === 'active';
      return { outcome: active ? 'subscribed' : 'pending', status: 202, json: { status: active ? 'subscribed' : 'pending_confirmation', phoneLast4: result.last4 } };
    }),
  );
  serve(app, unsubscribeRoute, async (c) => {
    // A body is optional here; when there is one, read it first: a broken one must change nothing.
    if (!c.req.header('content-type')) {
      const stopped = await unsubscribe({ ctx: c.var.ctx, input: source(c) });
      return c.json({ status: stopped ? 'unsubscribed' : 'not_subscribed' });
    }
    return customerPost(c, back(c), async () => {
      const stopped = await unsubscribe({ ctx: c.var.ctx, input: source(c) });
      return { outcome: 'unsubscribed', status: 200, json: { status: stopped ? 'unsubscribed' : 'not_subscribed' } };
    });
  });
  return app;
}
