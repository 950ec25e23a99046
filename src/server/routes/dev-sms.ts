import { randomUUID } from 'node:crypto';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { OUTBOX_STATES } from '../../../db/schema/sms-messages';
import { devInbox } from '../../domain/sms/dev-inbox';
import { handleInbound } from '../../domain/sms/inbound';
import type { Keyword } from '../../domain/sms/keywords';
import { NotFound } from '../../domain/errors';
import { readBody } from '../middleware/body';
import { BODY_ERRORS, errors, json, serve } from '../openapi/spec';
import type { Services } from '../services';

const replyBody = z.object({ from: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number like +14155552671'), body: z.string().max(1600) });

// What the dev endpoints answer, for the document (the inbox's instants are JSON's ISO strings).
const KEYWORDS = Object.keys({ stop: 1, start: 1, yes: 1, help: 1, other: 1 } satisfies Record<Keyword, 1>) as [Keyword, ...Keyword[]];
const keyword = z.enum(KEYWORDS).meta({ description: 'what the text read as' });
const entry = { phone: z.string(), body: z.string(), at: z.iso.datetime().meta({ description: 'sent (or queued), or received' }) };
const DevInboxResource = z.object({
  phones: z.array(z.string()).meta({ description: 'every number with a text to or from it, sorted' }),
  messages: z.array(z.discriminatedUnion('direction', [
    z.object({
      direction: z.literal('out'), ...entry, kind: z.string().meta({ description: 'which text: `confirm_request`, `shipped`, `help` …' }),
      state: z.enum(OUTBOX_STATES).exclude(['cancelled']), dueAt: z.iso.datetime().nullable().meta({ description: 'when a waiting text (quiet hours) goes' }),
    }).strict(),
    z.object({ direction: z.literal('in'), ...entry, kind: z.null(), state: keyword, dueAt: z.null() }).strict(),
  ])).meta({ description: 'oldest first; a reply right after the text it answers' }),
}).strict();
const DevReplyResource = z.object({ reply: z.string().nullable().meta({ description: 'the text sent back, or null for none' }), keyword }).strict();

const DEV_ONLY = 'Exists only with `SMS_TRANSPORT=dev` (the default: texts are kept here instead of sent); with `SMS_TRANSPORT=twilio` it is 404, so a deployment that sends real texts never shows anyone’s.';
const notDev = { 404: 'Not the dev transport (`not_found`).' } as const;

const inboxRoute = createRoute({
  method: 'get', path: '/sms', tags: ['Development'],
  summary: 'Read the development SMS inbox',
  description: `${DEV_ONLY} Every text Porchlight would have sent and every reply it received, as the \`/dev/sms\` page shows them.`,
  request: { query: z.object({ phone: z.string().optional().meta({ description: 'Only this number’s texts (E.164).', example: '+14155552671' }) }) },
  responses: { 200: json(DevInboxResource, 'The texts.'), ...errors(notDev) },
});

const replyRoute = createRoute({
  method: 'post', path: '/sms/reply', tags: ['Development'],
  summary: 'Text back as a customer (development)',
  description: `${DEV_ONLY} Hands \`body\` from \`from\` to the same handler Twilio’s inbound webhook reaches (STOP, START, YES, HELP …), unsigned: it stands in for Twilio. JSON gets the reply; a form goes back to the inbox page.`,
  request: {
    body: {
      required: true, description: 'JSON, or the same fields as `application/x-www-form-urlencoded` / `multipart/form-data` (then the answer is a 303).',
      content: { 'application/json': { schema: replyBody, example: { from: '+14155552671', body: 'YES' } }, 'application/x-www-form-urlencoded': { schema: replyBody } },
    },
  },
  responses: {
    200: json(DevReplyResource, 'Handled.'),
    303: { description: 'A form post: back to the inbox page for that number.', headers: { Location: { description: '`/dev/sms?phone=…`', schema: { type: 'string' } } } },
    ...errors({ ...BODY_ERRORS, ...notDev, 403: 'A browser posting from another site (`forbidden`).', 422: '`from` is not an E.164 number, or `body` is over 1600 characters (`validation_failed`).' }),
  },
});

/** SMS_TRANSPORT=dev only (404 otherwise): the local inbox and a reply box into the real inbound handler. */
export function devSmsRoutes(s: Services) {
  const { ctx } = s;
  const app = new OpenAPIHono();
  app.use(async (_c, next) => {
    if (s.config.sms.transport !== 'dev') throw NotFound('Endpoint');
    await next();
  });
  serve(app, inboxRoute, async (c) => c.json(await devInbox({ ctx, input: { phone: c.req.query('phone') ?? null } })));
  serve(app, replyRoute, async (c) => {
    const { data, kind } = await readBody(c, replyBody);
    // Unsigned on purpose: this is the dev stand-in for Twilio calling /api/twilio/inbound.
    const result = await handleInbound({ ctx, input: { sid: `SMdevin${randomUUID().replaceAll('-', '')}`, from: data.from, to: null, body: data.body } });
    if (kind === 'form') return c.redirect(`/dev/sms?phone=${encodeURIComponent(data.from)}`, 303);
    return c.json({ reply: result.reply, keyword: result.keyword });
  });
  return app;
}
