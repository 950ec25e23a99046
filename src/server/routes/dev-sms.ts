import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { devInbox } from '../../domain/sms/dev-inbox';
import { handleInbound } from '../../domain/sms/inbound';
import { NotFound } from '../../domain/errors';
import { readBody } from '../middleware/body';
import type { Services } from '../services';

const replyBody = z.object({ from: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number like +14155552671'), body: z.string().max(1600) });

/** SMS_TRANSPORT=dev only (404 otherwise): the local inbox and a reply box into the real inbound handler. */
export function devSmsRoutes(s: Services) {
  const { ctx } = s;
  return new Hono()
    .use(async (_c, next) => {
      if (s.config.sms.transport !== 'dev') throw NotFound('Endpoint');
      await next();
    })
    .get('/sms', async (c) => c.json(await devInbox({ ctx, input: { phone: c.req.query('phone') ?? null } })))
    .post('/sms/reply', async (c) => {
      const { data, kind } = await readBody(c, replyBody);
      // Unsigned on purpose: this is the dev stand-in for Twilio calling /api/twilio/inbound.
      const result = await handleInbound({ ctx, input: { sid: `SMdevin${randomUUID().replaceAll('-', '')}`, from: data.from, to: null, body: data.body } });
      if (kind === 'form') return c.redirect(`/dev/sms?phone=${encodeURIComponent(data.from)}`, 303);
      return c.json({ reply: result.reply, keyword: result.keyword });
    });
}
