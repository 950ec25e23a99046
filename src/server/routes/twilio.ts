import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import twilio from 'twilio';
import { z } from 'zod';
import { handleInbound } from '../../domain/sms/inbound';
import { applyStatusCallback } from '../../domain/sms/status-callback';
import { BadRequest, DomainError, Forbidden } from '../../domain/errors';
import { errors, serve, type ErrorStatus } from '../openapi/spec';
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

// In the document: Twilio's own contract (its form, its signature header, TwiML or no content back);
// the parameter schemas are the ones the handlers parse with. Refusals are the one error envelope.

const SIGNED = 'Verified before anything is read or stored: `X-Twilio-Signature` must be Twilio’s signature, with `TWILIO_AUTH_TOKEN`, of the URL it called (`PUBLIC_BASE_URL`, the path and the query) and every posted parameter.';

const signature = z.object({
  'X-Twilio-Signature': z.string().meta({ description: 'Base64 HMAC-SHA1 of the URL and the sorted parameters, keyed with the account’s auth token (Twilio’s request validation).' }),
});

const twilioForm = (schema: z.ZodType, description: string) =>
  ({ required: true, description, content: { 'application/x-www-form-urlencoded': { schema } } });

const refusals = (why: Partial<Record<ErrorStatus, string>>) => errors({
  ...why,
  403: 'No `X-Twilio-Signature`, one that does not match, or no `TWILIO_AUTH_TOKEN` set (`forbidden`).',
  413: 'The body is larger than 64 KiB (`payload_too_large`).',
  415: 'The body is not `application/x-www-form-urlencoded` (`unsupported_media_type`).',
});

const inboundRoute = createRoute({
  method: 'post', path: '/inbound', tags: ['Twilio'],
  summary: 'Receive a customer’s text (Twilio)',
  description: `Where Twilio posts each text a customer sends to the sending number: set \`{PUBLIC_BASE_URL}/api/twilio/inbound\` as its incoming-message webhook. ${SIGNED} STOP, START, YES, HELP and anything else are handled once per \`MessageSid\` (Twilio’s retry gets an empty answer); the answer is TwiML with the reply text.`,
  request: { headers: signature, body: twilioForm(inboundParams, 'Twilio’s inbound-message form; it sends more parameters (`AccountSid`, `NumMedia` …), all of them signed, the ones below read.') },
  responses: {
    200: {
      description: 'TwiML: a `<Message>` with the reply (STOP’s confirmation, HELP’s contact …), or an empty `<Response/>` when there is nothing to say.',
      content: { 'text/xml': { schema: z.string(), example: '<?xml version="1.0" encoding="UTF-8"?><Response><Message>You are unsubscribed …</Message></Response>' } },
    },
    ...refusals({ 422: 'A signed form without a valid `MessageSid` or `From` (`validation_failed`).' }),
  },
});

const statusRoute = createRoute({
  method: 'post', path: '/status', tags: ['Twilio'],
  summary: 'Receive a text’s delivery status (Twilio)',
  description: `The \`statusCallback\` Porchlight gives Twilio with every text it sends, \`?m=\` naming the text. ${SIGNED} Statuses only move forward, so a repeated or late callback changes nothing; a callback for a text sent with another \`MessageSid\` is ignored; error 21610 (the handset opted out at the carrier) stops every text to that number.`,
  request: {
    headers: signature,
    query: z.object({ m: z.int().min(1).meta({ description: 'Porchlight’s id of the text, from the callback URL it gave Twilio.', example: 42 }) }),
    body: twilioForm(statusParams, 'Twilio’s status-callback form; it sends more parameters, all of them signed, the ones below read.'),
  },
  responses: {
    204: { description: 'Received (applied, or ignored as a repeat or another text’s).' },
    ...refusals({
      400: '`m` is missing or not a positive integer (`bad_request`).',
      422: 'A signed form without a valid `MessageSid` or `MessageStatus` (`validation_failed`).',
    }),
  },
});

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

  const app = new OpenAPIHono();
  serve(app, inboundRoute, async (c) => {
    const params = await formParams(c);
    if (!verified(c, params)) throw Forbidden('Invalid Twilio signature');
    const p = inboundParams.parse(params);
    const result = await handleInbound({ ctx, input: { sid: p.MessageSid, from: p.From, to: p.To ?? null, body: p.Body } });
    return c.body(twiml(result.reply), 200, { 'Content-Type': 'text/xml; charset=utf-8' });
  });
  serve(app, statusRoute, async (c) => {
    const params = await formParams(c);
    if (!verified(c, params)) throw Forbidden('Invalid Twilio signature');
    const messageId = Number(c.req.query('m'));
    if (!Number.isSafeInteger(messageId) || messageId <= 0) throw BadRequest('m must be our message id');
    const p = statusParams.parse(params);
    await applyStatusCallback({ ctx, input: { messageId, sid: p.MessageSid, status: p.MessageStatus, errorCode: p.ErrorCode ?? null } });
    return c.body(null, 204);
  });
  return app;
}
