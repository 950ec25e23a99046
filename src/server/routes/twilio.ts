import { Hono, type Context } from 'hono';
import twilio from 'twilio';
import { z } from 'zod';
import { handleInbound } from '../../domain/sms/inbound';
import { applyStatusCallback } from '../../domain/sms/status-callback';
import { BadRequest, DomainError, Forbidden } from '../../domain/errors';
import type { Services } from '../services';

const inboundParams = z.object({ MessageSid: z.string().min(1).max(64), From: z.string().min(1).max(32), To: z.string().max(32).optional(), Body: z.string().max(1600).default('') });
const statusParams = z.object({ MessageSid: z.string().min(1).max(64), MessageStatus: z.string().min(1).max(32), ErrorCode: z.string().max(16).optional() });

/** The posted form, every parameter of it: Twilio signs all of them. */
async function formParams(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) throw new DomainError('unsupported_media_type', 'Twilio posts application/x-www-form-urlencoded');
  return Object.fromEntries(new URLSearchParams(await c.req.text()));
}

/** TwiML for an optional reply text. */
export function twiml(reply: string | null): string {
  const response = new twilio.twiml.MessagingResponse();
  if (reply) response.message(reply);
  return response.toString();
}

/** Twilio webhooks: inbound texts and status callbacks, verified before any database work. */
export function twilioRoutes(s: Services) {
  const authToken = s.config.sms.authToken;
  const { ctx } = s;
  // Twilio signs the public URL it called: our PUBLIC_BASE_URL, the path and the query.
  const verified = (c: Context, params: Record<string, string>) => {
    const signature = c.req.header('x-twilio-signature');
    if (!authToken || !signature) return false;
    const url = new URL(c.req.url);
    return twilio.validateRequest(authToken, signature, `${ctx.baseUrl}${url.pathname}${url.search}`, params);
  };

  return new Hono()
    .post('/inbound', async (c) => {
      const params = await formParams(c);
      if (!verified(c, params)) throw Forbidden('Invalid Twilio signature');
      const p = inboundParams.parse(params);
      const result = await handleInbound({ ctx, input: { sid: p.MessageSid, from: p.From, to: p.To ?? null, body: p.Body } });
      return c.body(twiml(result.reply), 200, { 'Content-Type': 'text/xml; charset=utf-8' });
    })
    .post('/status', async (c) => {
      const params = await formParams(c);
      if (!verified(c, params)) throw Forbidden('Invalid Twilio signature');
      const messageId = Number(c.req.query('m'));
      if (!Number.isSafeInteger(messageId) || messageId <= 0) throw BadRequest('m must be our message id');
      const p = statusParams.parse(params);
      await applyStatusCallback({ ctx, input: { messageId, sid: p.MessageSid, status: p.MessageStatus, errorCode: p.ErrorCode ?? null } });
      return c.body(null, 204);
    });
}
