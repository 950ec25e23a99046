import { Hono, type Context } from 'hono';
import { consentPageUrl, optIn, parseOptIn, unsubscribe } from '../../domain/sms/opt-in';
import type { Services } from '../services';
import { clientIpOf, customerPost, type LinkEnv } from './customer-link';

/** Customer text updates: POST /api/t/{token}/sms (opt in) and …/sms/unsubscribe. */
export function smsRoutes(s: Services) {
  // The ledger keeps where consent was given, never the whole token.
  const source = (c: Context<LinkEnv>) => ({
    ip: clientIpOf(s, c), userAgent: c.req.header('user-agent') ?? '', pageUrl: consentPageUrl(s.ctx.baseUrl, c.req.param('token')!),
  });
  const back = (c: Context<LinkEnv>) => ({ page: `/t/${c.req.param('token')}`, param: 'sms', anchor: 'sms' });

  return new Hono<LinkEnv>()
    .post('/:token/sms', (c) =>
      customerPost(c, back(c), async (raw, lang) => {
        const result = await optIn({ ctx: c.var.ctx, input: { ...parseOptIn(raw), lang, ...source(c) } });
        const active = result.status === 'active';
        return { outcome: active ? 'subscribed' : 'pending', status: 202, json: { status: active ? 'subscribed' : 'pending_confirmation', phoneLast4: result.last4 } };
      }),
    )
    .post('/:token/sms/unsubscribe', async (c) => {
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
}

