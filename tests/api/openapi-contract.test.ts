import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forSeller } from '../../src/domain/context';
import { claimIdempotencyKey } from '../../src/domain/idempotency';
import { createApp } from '../../src/server/app';
import { call, newSeller, sampleOrder, startHarness, tokenOf, type Harness } from '../support/harness';
import { AUTH_TOKEN, devReply, inboundParams, messageSid, PHONE, postForm, rows, SIGNED, submittedConfirmText, twilioPost } from '../support/sms-api';

// The contract walk: every (path, method, status) the OpenAPI document names is produced against the
// real app, each answer's body validates against the document's own schema for it and carries the
// headers it documents; a status the document does not name fails, and so does a route it does not.

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }> }>>;
};

let h: Harness;
let doc: Doc;
let ajv: Ajv2020;
const covered = new Set<string>();

beforeAll(async () => {
  // http to a local receiver is allowed, as in development: the walk registers one webhook endpoint;
  // Twilio's auth token is set so its signed webhooks can be walked (the SMS transport stays dev)
  h = await startHarness({ WEBHOOKS_ALLOW_PRIVATE: 'true', ...SIGNED });
  const res = await h.app.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = await res.json();
  ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema(doc, 'openapi.json');
});
afterAll(() => h.close());

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** Asserts `res` is `status`, documented for `method path`, with the documented body and headers; returns the body (JSON parsed, XML as text). */
async function expectDocumented(method: string, path: string, status: number, res: Response): Promise<any> {
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text.slice(0, 300)}`).toBe(status);
  const op = doc.paths[path]?.[method.toLowerCase()];
  expect(op, `${method} ${path} is not in the document`).toBeDefined();
  const documented = op!.responses[String(status)];
  expect(documented, `${method} ${path} answered ${status}, which the document does not name`).toBeDefined();
  for (const name of Object.keys(documented!.headers ?? {})) expect(res.headers.get(name), `${method} ${path} ${status}: header ${name}`).not.toBeNull();
  covered.add(`${method.toUpperCase()} ${path} ${status}`);
  if (!documented!.content) {
    expect(text, `${method} ${path} ${status} documents no body`).toBe('');
    return null;
  }
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  expect(Object.keys(documented!.content), `${method} ${path} ${status}: content type ${type}`).toContain(type);
  const body = type === 'application/json' ? JSON.parse(text) : text;
  const validate = ajv.getSchema(`openapi.json#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', type, 'schema')}`)!;
  expect(validate(body) ? null : { body, errors: validate.errors }, `${method} ${path} ${status} does not match its schema`).toBeNull();
  return body;
}

const big = 'x'.repeat(65 * 1024);
const evil = { origin: 'https://evil.example' };
const json = (h: Harness, method: string, path: string, body: string, headers: Record<string, string> = {}) =>
  h.app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, body });

/** Repeats `send` until it answers 429 (at most `max` times): a limit that is never reached fails. */
async function until429(send: (i: number) => Response | Promise<Response>, max = 40): Promise<Response> {
  for (let i = 0; i < max; i++) {
    const res = await send(i);
    if (res.status === 429) return res;
  }
  throw new Error('no 429');
}

describe('the OpenAPI contract walk', () => {
  let key: string;
  let sellerId: number;
  let token: string;
  let revoked: string;

  /** A seller POST whose Idempotency-Key another request still holds: 409 idempotency_key_in_use. */
  async function heldKey(path: string, body: string): Promise<Response> {
    const requestHash = createHash('sha256').update(`POST ${path}\n`).update(body).digest('hex');
    const key2 = `held-${path}`;
    await claimIdempotencyKey({ ctx: forSeller(h.ctx, sellerId), input: { key: key2, requestHash } });
    return call(h, 'POST', path, { key, body, headers: { 'idempotency-key': key2 } });
  }

  it('meta: the document itself and the health check', async () => {
    await expectDocumented('GET', '/api/v1/openapi.json', 200, await h.app.request('/api/v1/openapi.json'));
    await expectDocumented('GET', '/api/health', 200, await h.app.request('/api/health'));
  });

  it('webhook endpoints (one is kept: it gets every event the rest of the walk causes)', async () => {
    ({ apiKey: key, sellerId } = await newSeller(h));
    const P = '/api/v1/webhook-endpoints';
    const all = ['order.shipped', 'order.out_for_delivery', 'order.delivered', 'order.exception', 'order.stalled', 'report.created', 'feedback.created', 'sms.opted_out'];
    await expectDocumented('POST', P, 201, await call(h, 'POST', P, { key, body: { url: 'http://127.0.0.1:9/kept', events: all } }));
    const gone = await expectDocumented('POST', P, 201, await call(h, 'POST', P, { key, body: { url: 'http://127.0.0.1:9/gone', events: ['order.delivered'] } }));
    await expectDocumented('POST', P, 400, await call(h, 'POST', P, { key, body: '{"url"' }));
    await expectDocumented('POST', P, 401, await call(h, 'POST', P, { body: { url: 'http://127.0.0.1:9/x', events: all } }));
    await expectDocumented('POST', P, 409, await heldKey(P, JSON.stringify({ url: 'http://127.0.0.1:9/held', events: all })));
    await expectDocumented('POST', P, 413, await call(h, 'POST', P, { key, body: big }));
    await expectDocumented('POST', P, 415, await call(h, 'POST', P, { key, body: 'url', headers: { 'content-type': 'text/plain' } }));
    await expectDocumented('POST', P, 422, await call(h, 'POST', P, { key, body: { url: 'ftp://127.0.0.1/x', events: ['order.teleported'] } }));
    const listed = await expectDocumented('GET', P, 200, await call(h, 'GET', P, { key }));
    expect(listed.items).toHaveLength(2);
    await expectDocumented('GET', P, 401, await call(h, 'GET', P));
    const D = '/api/v1/webhook-endpoints/{id}';
    await expectDocumented('DELETE', D, 204, await call(h, 'DELETE', `${P}/${gone.id}`, { key }));
    await expectDocumented('DELETE', D, 401, await call(h, 'DELETE', `${P}/${gone.id}`));
    await expectDocumented('DELETE', D, 404, await call(h, 'DELETE', `${P}/${gone.id}`, { key }));
  });

  it('orders', async () => {
    const P = '/api/v1/orders';
    const created = await expectDocumented('POST', P, 201, await call(h, 'POST', P, { key, body: sampleOrder() }));
    token = tokenOf(created.trackingUrl);
    await expectDocumented('POST', P, 200, await call(h, 'POST', P, { key, body: sampleOrder() }));
    await expectDocumented('POST', P, 400, await call(h, 'POST', P, { key, body: '{"orderNumber": ' }));
    await expectDocumented('POST', P, 401, await call(h, 'POST', P, { body: sampleOrder() }));
    await expectDocumented('POST', P, 409, await heldKey(P, JSON.stringify(sampleOrder('SO-HELD'))));
    await expectDocumented('POST', P, 413, await call(h, 'POST', P, { key, body: big }));
    await expectDocumented('POST', P, 415, await call(h, 'POST', P, { key, body: 'a=b', headers: { 'content-type': 'text/plain' } }));
    await expectDocumented('POST', P, 422, await call(h, 'POST', P, { key, body: { orderNumber: 'SO/1' } }));

    const O = '/api/v1/orders/{orderNumber}';
    await expectDocumented('GET', O, 200, await call(h, 'GET', `${P}/SO-1001`, { key }));
    await expectDocumented('GET', O, 401, await call(h, 'GET', `${P}/SO-1001`));
    await expectDocumented('GET', O, 404, await call(h, 'GET', `${P}/SO-404`, { key }));

    const E = '/api/v1/orders/{orderNumber}/events';
    const event = { id: 'evt-1', type: 'shipped', occurredAt: '2026-11-26T10:00:00Z', trackingNumber: 'TBA312345678000' };
    await expectDocumented('POST', E, 201, await call(h, 'POST', `${P}/SO-1001/events`, { key, body: event }));
    await expectDocumented('POST', E, 200, await call(h, 'POST', `${P}/SO-1001/events`, { key, body: event }));
    await expectDocumented('POST', E, 409, await call(h, 'POST', `${P}/SO-1001/events`, { key, body: { ...event, type: 'in_transit' } }));
    await expectDocumented('POST', E, 400, await call(h, 'POST', `${P}/SO-1001/events`, { key, body: '{' }));
    await expectDocumented('POST', E, 401, await call(h, 'POST', `${P}/SO-1001/events`, { body: event }));
    await expectDocumented('POST', E, 404, await call(h, 'POST', `${P}/SO-404/events`, { key, body: event }));
    await expectDocumented('POST', E, 413, await call(h, 'POST', `${P}/SO-1001/events`, { key, body: big }));
    await expectDocumented('POST', E, 415, await call(h, 'POST', `${P}/SO-1001/events`, { key, body: 'x', headers: { 'content-type': 'text/csv' } }));
    await expectDocumented('POST', E, 422, await call(h, 'POST', `${P}/SO-1001/events`, { key, body: { type: 'teleported', occurredAt: 'soon' } }));

    const R = '/api/v1/orders/{orderNumber}/link/rotate';
    const second = await (await call(h, 'POST', P, { key, body: sampleOrder('SO-2002') })).json();
    revoked = tokenOf(second.trackingUrl);
    await expectDocumented('POST', R, 200, await call(h, 'POST', `${P}/SO-2002/link/rotate`, { key, headers: { 'idempotency-key': 'rotate-1' } }));
    await expectDocumented('POST', R, 422, await call(h, 'POST', `${P}/SO-2002/link/rotate`, { key, body: {}, headers: { 'idempotency-key': 'rotate-1' } }));
    await expectDocumented('POST', R, 400, await call(h, 'POST', `${P}/SO-2002/link/rotate`, { key, headers: { 'idempotency-key': 'not ascii é' } }));
    await expectDocumented('POST', R, 409, await heldKey(`${P}/SO-2002/link/rotate`, ''));
    await expectDocumented('POST', R, 401, await call(h, 'POST', `${P}/SO-2002/link/rotate`));
    await expectDocumented('POST', R, 404, await call(h, 'POST', `${P}/SO-404/link/rotate`, { key }));
    await expectDocumented('POST', R, 413, await call(h, 'POST', `${P}/SO-2002/link/rotate`, { key, body: big }));
  });

  it('customer: the tracking data, text updates, feedback and reports', async () => {
    const T = '/api/t/{token}';
    await expectDocumented('GET', T, 200, await h.app.request(`/api/t/${token}`));
    await expectDocumented('GET', T, 404, await h.app.request('/api/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    await expectDocumented('GET', T, 410, await h.app.request(`/api/t/${revoked}`));

    // Every customer POST refuses the same malformed or foreign requests the same way.
    for (const [path, body] of [['sms', { phone: PHONE, consent: true }], ['sms/unsubscribe', {}], ['feedback', { rating: 5 }], ['not-received', {}]] as const) {
      const D = `/api/t/{token}/${path}`;
      await expectDocumented('POST', D, 400, await json(h, 'POST', `/api/t/${token}/${path}`, '{"rating'));
      await expectDocumented('POST', D, 403, await call(h, 'POST', `/api/t/${token}/${path}`, { body, headers: evil }));
      await expectDocumented('POST', D, 404, await call(h, 'POST', `/api/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/${path}`, { body }));
      await expectDocumented('POST', D, 410, await call(h, 'POST', `/api/t/${revoked}/${path}`, { body }));
      await expectDocumented('POST', D, 413, await json(h, 'POST', `/api/t/${token}/${path}`, big));
      await expectDocumented('POST', D, 415, await call(h, 'POST', `/api/t/${token}/${path}`, { body: 'hi', headers: { 'content-type': 'text/plain' } }));
    }

    const S = '/api/t/{token}/sms';
    await expectDocumented('POST', S, 202, await call(h, 'POST', `/api/t/${token}/sms`, { body: { phone: PHONE, consent: true } }));
    await expectDocumented('POST', S, 303, await postForm(h, `/api/t/${token}/sms`, { phone: '+14155550101', consent: 'on' }));
    await expectDocumented('POST', S, 422, await call(h, 'POST', `/api/t/${token}/sms`, { body: { phone: '+14155550102' } }));
    await devReply(h, PHONE, 'STOP');
    await expectDocumented('POST', S, 409, await call(h, 'POST', `/api/t/${token}/sms`, { body: { phone: PHONE, consent: true } }));
    const U = '/api/t/{token}/sms/unsubscribe';
    await expectDocumented('POST', U, 200, await h.app.request(`/api/t/${token}/sms/unsubscribe`, { method: 'POST' }));
    await expectDocumented('POST', U, 303, await postForm(h, `/api/t/${token}/sms/unsubscribe`, {}));
    await expectDocumented('POST', S, 429, await until429((i) => call(h, 'POST', `/api/t/${token}/sms`, { body: { phone: `+1415555${String(200 + i).padStart(4, '0')}`, consent: true } })));

    const F = '/api/t/{token}/feedback';
    const N = '/api/t/{token}/not-received';
    await expectDocumented('POST', F, 409, await call(h, 'POST', `/api/t/${token}/feedback`, { body: { rating: 5 } }));
    await expectDocumented('POST', N, 409, await call(h, 'POST', `/api/t/${token}/not-received`, { body: {} }));
    const delivered = { type: 'delivered', occurredAt: '2026-11-27T14:00:00Z', trackingNumber: 'TBA312345678000', deliveredTo: 'FRONT_DOOR' };
    expect((await call(h, 'POST', '/api/v1/orders/SO-1001/events', { key, body: delivered })).status).toBe(201);

    await expectDocumented('POST', F, 201, await call(h, 'POST', `/api/t/${token}/feedback`, { body: { rating: 4, comment: 'Fine', arrivedOk: true } }));
    await expectDocumented('POST', F, 200, await call(h, 'POST', `/api/t/${token}/feedback`, { body: { rating: 5 } }));
    await expectDocumented('POST', F, 303, await postForm(h, `/api/t/${token}/feedback`, { rating: '5' }));
    await expectDocumented('POST', F, 422, await call(h, 'POST', `/api/t/${token}/feedback`, { body: { rating: 9 } }));
    await expectDocumented('POST', F, 429, await until429(() => call(h, 'POST', `/api/t/${token}/feedback`, { body: { rating: 3 } })));

    await expectDocumented('POST', N, 201, await call(h, 'POST', `/api/t/${token}/not-received`, { body: { note: 'Not on the porch' } }));
    await expectDocumented('POST', N, 200, await call(h, 'POST', `/api/t/${token}/not-received`, { body: { note: 'Not in the mailroom either' } }));
    await expectDocumented('POST', N, 303, await postForm(h, `/api/t/${token}/not-received`, { note: 'Still not here' }));
    await expectDocumented('POST', N, 422, await call(h, 'POST', `/api/t/${token}/not-received`, { body: { contact: 'not a contact' } }));
    await expectDocumented('POST', N, 429, await until429(() => call(h, 'POST', `/api/t/${token}/not-received`, { body: {} })));
  });

  it('feedback and reports, as the seller reads and resolves them', async () => {
    for (const path of ['/api/v1/feedback', '/api/v1/reports']) {
      await expectDocumented('GET', path, 200, await call(h, 'GET', `${path}?limit=10`, { key }));
      await expectDocumented('GET', path, 401, await call(h, 'GET', path));
      await expectDocumented('GET', path, 422, await call(h, 'GET', `${path}?limit=0`, { key }));
    }
    const { items } = await (await call(h, 'GET', '/api/v1/reports', { key })).json();
    const V = '/api/v1/reports/{id}/resolve';
    const at = `/api/v1/reports/${items[0].id}/resolve`;
    await expectDocumented('POST', V, 200, await call(h, 'POST', at, { key, body: { note: 'Refunded' } }));
    await expectDocumented('POST', V, 400, await call(h, 'POST', at, { key, body: '{"note"' }));
    await expectDocumented('POST', V, 401, await call(h, 'POST', at, { body: { note: 'Refunded' } }));
    await expectDocumented('POST', V, 404, await call(h, 'POST', '/api/v1/reports/999999/resolve', { key, body: { note: 'Refunded' } }));
    await expectDocumented('POST', V, 409, await heldKey(at, JSON.stringify({ note: 'Again' })));
    await expectDocumented('POST', V, 413, await call(h, 'POST', at, { key, body: big }));
    await expectDocumented('POST', V, 415, await call(h, 'POST', at, { key, body: 'note', headers: { 'content-type': 'text/plain' } }));
    await expectDocumented('POST', V, 422, await call(h, 'POST', at, { key, body: {} }));
  });

  it('integrations and the inbound webhooks they receive', async () => {
    const I = '/api/v1/integrations/{source}';
    const connected = await expectDocumented('PUT', I, 200, await call(h, 'PUT', '/api/v1/integrations/shippo', { key, body: {} }));
    await expectDocumented('PUT', I, 400, await call(h, 'PUT', '/api/v1/integrations/shippo', { key, body: '{' }));
    await expectDocumented('PUT', I, 401, await call(h, 'PUT', '/api/v1/integrations/shippo', { body: {} }));
    await expectDocumented('PUT', I, 404, await call(h, 'PUT', '/api/v1/integrations/fedex', { key, body: {} }));
    await expectDocumented('PUT', I, 413, await call(h, 'PUT', '/api/v1/integrations/shippo', { key, body: big }));
    await expectDocumented('PUT', I, 415, await call(h, 'PUT', '/api/v1/integrations/shippo', { key, body: 'x', headers: { 'content-type': 'text/plain' } }));
    await expectDocumented('PUT', I, 422, await call(h, 'PUT', '/api/v1/integrations/woocommerce', { key, body: { webhookSecret: 'short' } }));

    const W = '/hooks/{source}/{connectorId}';
    const hook = new URL(connected.webhookUrl);
    const at = `${hook.pathname}${hook.search}`;
    const shipment = { event: 'track_updated', test: false, data: { tracking_number: '9400111899223033005282', carrier: 'usps', tracking_status: { status: 'TRANSIT', status_date: '2026-11-26T10:00:00Z' } } };
    await expectDocumented('POST', W, 200, await json(h, 'POST', at, JSON.stringify(shipment)));
    await expectDocumented('POST', W, 400, await json(h, 'POST', at, '{"event":'));
    await expectDocumented('POST', W, 401, await json(h, 'POST', `${hook.pathname}?token=wrong`, JSON.stringify(shipment)));
    await expectDocumented('POST', W, 404, await json(h, 'POST', '/hooks/shippo/no-such-connector?token=x', '{}'));
    await expectDocumented('POST', W, 413, await json(h, 'POST', at, 'x'.repeat(1024 * 1024 + 1)));

    await expectDocumented('DELETE', I, 204, await call(h, 'DELETE', '/api/v1/integrations/shippo', { key }));
    await expectDocumented('DELETE', I, 401, await call(h, 'DELETE', '/api/v1/integrations/shippo'));
    await expectDocumented('DELETE', I, 404, await call(h, 'DELETE', '/api/v1/integrations/shippo', { key }));
  });

  it('Twilio’s webhooks: signed form posts, TwiML or nothing back', async () => {
    const I = '/api/twilio/inbound';
    const twiml = await expectDocumented('POST', I, 200, await twilioPost(h, I, inboundParams('+13125550142', 'HELP')));
    expect(twiml).toMatch(/^<\?xml[^>]*\?><Response><Message>[^<]+<\/Message><\/Response>$/);
    await expectDocumented('POST', I, 403, await twilioPost(h, I, inboundParams(PHONE, 'START'), { signature: null }));
    await expectDocumented('POST', I, 403, await twilioPost(h, I, inboundParams(PHONE, 'START'), { authToken: 'not-our-token' }));
    await expectDocumented('POST', I, 413, await twilioPost(h, I, inboundParams(PHONE, big)));
    await expectDocumented('POST', I, 415, await twilioPost(h, I, inboundParams(PHONE, 'START'), { contentType: 'application/json' }));
    await expectDocumented('POST', I, 422, await twilioPost(h, I, { MessageSid: messageSid(), Body: 'START' }));

    const S = '/api/twilio/status';
    const { id, sid } = await submittedConfirmText(h);
    const callback = { MessageSid: sid, MessageStatus: 'delivered', AccountSid: `AC${'a'.repeat(32)}` };
    await expectDocumented('POST', S, 204, await twilioPost(h, `${S}?m=${id}`, callback));
    expect(await rows(h, 'SELECT provider_status FROM sms_messages WHERE id = ?', [id])).toEqual([{ provider_status: 'delivered' }]);
    await expectDocumented('POST', S, 400, await twilioPost(h, `${S}?m=abc`, callback));
    await expectDocumented('POST', S, 403, await twilioPost(h, `${S}?m=${id}`, callback, { signedUrl: `https://evil.example${S}?m=${id}` }));
    await expectDocumented('POST', S, 413, await twilioPost(h, `${S}?m=${id}`, { ...callback, ErrorCode: big }));
    await expectDocumented('POST', S, 415, await twilioPost(h, `${S}?m=${id}`, callback, { contentType: 'text/plain' }));
    await expectDocumented('POST', S, 422, await twilioPost(h, `${S}?m=${id}`, { MessageSid: sid }));
  });

  it('the dev SMS inbox and reply box, and their 404 with any other transport', async () => {
    const R = '/api/dev/sms/reply';
    const replied = await expectDocumented('POST', R, 200, await call(h, 'POST', R, { body: { from: PHONE, body: 'HELP' } }));
    expect(replied.keyword).toBe('help');
    const back = await postForm(h, R, { from: PHONE, body: 'HELP' });
    await expectDocumented('POST', R, 303, back);
    expect(back.headers.get('location')).toBe(`/dev/sms?phone=${encodeURIComponent(PHONE)}`);
    await expectDocumented('POST', R, 400, await json(h, 'POST', R, '{"from'));
    await expectDocumented('POST', R, 403, await call(h, 'POST', R, { body: { from: PHONE, body: 'HELP' }, headers: evil }));
    await expectDocumented('POST', R, 413, await json(h, 'POST', R, big));
    await expectDocumented('POST', R, 415, await call(h, 'POST', R, { body: 'HELP', headers: { 'content-type': 'text/plain' } }));
    await expectDocumented('POST', R, 422, await call(h, 'POST', R, { body: { from: '415 555 2671', body: 'HELP' } }));

    const G = '/api/dev/sms';
    const inbox = await expectDocumented('GET', G, 200, await h.app.request(`${G}?phone=${encodeURIComponent(PHONE)}`));
    // both kinds of entry were validated: the texts sent to the number and its replies
    expect(new Set(inbox.messages.map((m: { direction: string }) => m.direction))).toEqual(new Set(['in', 'out']));

    const twilioSms = await startHarness({ SMS_TRANSPORT: 'twilio', TWILIO_ACCOUNT_SID: `AC${'0123456789abcdef'.repeat(2)}`, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+15005550006' });
    try {
      await expectDocumented('GET', G, 404, await twilioSms.app.request(G));
      await expectDocumented('POST', R, 404, await call(twilioSms, 'POST', R, { body: { from: PHONE, body: 'STOP' } }));
    } finally {
      await twilioSms.close();
    }
  });

  it('429 on every seller route once the key’s quota is spent (API_RATE_LIMIT_PER_MINUTE=1)', async () => {
    const limited = await startHarness({ API_RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const { apiKey } = await newSeller(limited);
      expect((await call(limited, 'GET', '/api/v1/feedback', { key: apiKey })).status).toBe(200);
      for (const [path, ops] of Object.entries(doc.paths)) {
        if (!path.startsWith('/api/v1/') || path === '/api/v1/openapi.json') continue;
        const concrete = path.replace('{orderNumber}', 'SO-1001').replace('{id}', '1').replace('{source}', 'shippo');
        for (const method of Object.keys(ops)) {
          const res = await call(limited, method.toUpperCase(), concrete, { key: apiKey, body: method === 'get' || method === 'delete' ? undefined : {} });
          const body = await expectDocumented(method, path, 429, res);
          expect(body.error.code).toBe('rate_limited');
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
    } finally {
      await limited.close();
    }
  });

  it('every outbound webhook the walk caused matches the document’s `webhooks` entry for its type', async () => {
    const sent = (await h.database.client.execute("SELECT event_type, payload FROM outbound_messages WHERE kind = 'webhook'")).rows;
    const types = new Set(sent.map((r) => String(r.event_type)));
    expect([...types].sort()).toEqual(expect.arrayContaining(['feedback.created', 'order.delivered', 'order.shipped', 'report.created', 'sms.opted_out']));
    for (const row of sent) {
      const type = String(row.event_type);
      const validate = ajv.getSchema(`openapi.json#/${pointer('webhooks', type, 'post', 'requestBody', 'content', 'application/json', 'schema')}`)!;
      const body = JSON.parse(String(row.payload));
      expect(validate(body) ? null : { body, errors: validate.errors }, `${type} does not match the document`).toBeNull();
    }
  });

  it('every documented path, method and status was exercised', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => Object.keys(op.responses).map((status) => `${method.toUpperCase()} ${path} ${status}`)));
    expect(documented.filter((d) => !covered.has(d))).toEqual([]);
  });
});

describe('the document describes every route the app serves under /api and /hooks', () => {
  const undocumented = (routes: { method: string; path: string }[]) =>
    routes
      .filter((r) => r.method !== 'ALL' && /^\/(api|hooks)\//.test(r.path))
      .map((r) => ({ method: r.method.toLowerCase(), path: r.path.replaceAll(/:(\w+)/g, '{$1}') }))
      .filter((r) => !doc.paths[r.path]?.[r.method])
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);

  it('the app’s routes are all in the document', () => {
    expect(undocumented(h.app.routes)).toEqual([]);
  });

  it('a route added without a description is caught', () => {
    const app = createApp({ ctx: h.ctx, config: h.config });
    app.get('/api/v1/orders/:orderNumber/secrets', (c) => c.json({}));
    app.post('/api/twilio/fax', (c) => c.body(null, 204));
    app.get('/api/dev/email', (c) => c.json({}));
    expect(undocumented(app.routes)).toEqual(['GET /api/v1/orders/{orderNumber}/secrets', 'POST /api/twilio/fax', 'GET /api/dev/email']);
  });
});
