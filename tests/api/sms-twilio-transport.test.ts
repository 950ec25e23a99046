import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { SendRequest } from '../../src/domain/sms/transport';
import { twilioTransport } from '../../src/server/sms/twilio-transport';
import { freePort } from '../support/ports';
import { startPrism, type PrismMock } from '../support/prism';
import { startTwilioSink, TWILIO_ACCOUNT_SID as ACCOUNT_SID, TWILIO_SERVICE_SID as SERVICE_SID, type TwilioSink } from '../support/twilio-sink';

// The real twilio transport (the official SDK) against Twilio's own API description served by
// Prism (are our requests ones Twilio accepts?) and against our sink (what do we make of answers?).

const FROM = '+13135550100';
const SID_PATTERN = /^SM[0-9a-fA-F]{32}$/;

const smsConfig = (env: Record<string, string>) =>
  loadConfig({ SMS_TRANSPORT: 'twilio', APP_SECRET: 'test-secret-test-secret-test-secret-1234', PUBLIC_BASE_URL: 'https://track.example.test', TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: 'test-auth-token', ...env }).sms;

let nextId = 1;
function text(to = '+12485550100'): SendRequest {
  const id = nextId++;
  return { messageId: id, to, body: `Acme Goods: order SO-${id} has shipped`, statusCallback: `https://track.example.test/api/twilio/status?m=${id}` };
}

describe('against Twilio’s API description (Prism --errors)', () => {
  let prism: PrismMock;
  beforeAll(async () => {
    prism = await startPrism();
    console.log(`prism mock of twilio_api_v2010.json ready in ${prism.startupMs} ms`);
  }, 40_000);
  afterAll(() => prism?.stop());

  const lastExchange = () => prism.exchanges.at(-1)!;
  const requestViolations = () => lastExchange().violations.filter((v) => v.location[0] !== 'response');

  it('sends through a Messaging Service in a request the spec accepts', async () => {
    const transport = twilioTransport(smsConfig({ TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID, TWILIO_API_BASE_URL: prism.baseUrl }));
    const req = text();
    const outcome = await transport.send(req);

    expect(outcome).toMatchObject({ kind: 'sent', sid: expect.stringMatching(SID_PATTERN) });
    const ex = lastExchange();
    expect([ex.method, ex.path, ex.status]).toEqual(['POST', `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, 201]);
    const form = new URLSearchParams(ex.requestBody);
    expect(Object.fromEntries(form)).toEqual({ To: req.to, Body: req.body, StatusCallback: req.statusCallback, MessagingServiceSid: SERVICE_SID });
  });

  it('sends from a phone number in a request the spec accepts', async () => {
    const transport = twilioTransport(smsConfig({ TWILIO_FROM: FROM, TWILIO_API_BASE_URL: prism.baseUrl }));
    const outcome = await transport.send(text());

    expect(outcome).toMatchObject({ kind: 'sent', sid: expect.stringMatching(SID_PATTERN) });
    expect(lastExchange().status).toBe(201);
    expect(new URLSearchParams(lastExchange().requestBody).get('From')).toBe(FROM);
    expect(new URLSearchParams(lastExchange().requestBody).has('MessagingServiceSid')).toBe(false);
  });

  it('gets a request the spec forbids refused, and reports the text as failed, not sent', async () => {
    // config validation would stop these SIDs; the transport alone is handed them to show Prism checks
    const config = smsConfig({ TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID, TWILIO_API_BASE_URL: prism.baseUrl });
    const badService = await twilioTransport({ ...config, messagingServiceSid: 'MG123' }).send(text());
    expect(badService).toMatchObject({ kind: 'failed', optedOut: false });
    expect(lastExchange().status).toBe(422);
    expect(requestViolations().map((v) => v.location.join('.'))).toContain('body.MessagingServiceSid');

    const badAccount = await twilioTransport({ ...config, accountSid: 'AC-not-an-account' }).send(text());
    expect(badAccount.kind).toBe('failed');
    expect(lastExchange().status).toBe(422);
    expect(requestViolations().map((v) => v.location.join('.'))).toContain('path.accountsid');
  });

  it('has validation switched on: no To is 422, no Basic auth is 401', async () => {
    const url = `${prism.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
    const auth = `Basic ${Buffer.from(`${ACCOUNT_SID}:token`).toString('base64')}`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    const noTo = await fetch(url, { method: 'POST', headers: { ...form, authorization: auth }, body: new URLSearchParams({ Body: 'hi', From: FROM }) });
    expect(noTo.status).toBe(422);
    expect(JSON.stringify(await noTo.json())).toContain("must have required property 'To'");

    const noAuth = await fetch(url, { method: 'POST', headers: form, body: new URLSearchParams({ To: '+12485550100', Body: 'hi', From: FROM }) });
    expect(noAuth.status).toBe(401);

    const ok = await fetch(url, { method: 'POST', headers: { ...form, authorization: auth }, body: new URLSearchParams({ To: '+12485550100', Body: 'hi', From: FROM }) });
    expect(ok.status).toBe(201);
  });

  it('looks a text up by its sid in a request the spec accepts', async () => {
    const transport = twilioTransport(smsConfig({ TWILIO_FROM: FROM, TWILIO_API_BASE_URL: prism.baseUrl }));
    const sid = `SM${'ab'.repeat(16)}`;
    const found = await transport.lookup({ sid, to: '+12485550100', body: 'x', sentAfter: new Date() });

    expect(found).toMatchObject({ sid: expect.stringMatching(SID_PATTERN), status: expect.any(String) });
    expect(lastExchange()).toMatchObject({ method: 'GET', path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}.json`, status: 200 });
  });

  it('lists a recipient’s recent texts in a request the spec accepts', async () => {
    const transport = twilioTransport(smsConfig({ TWILIO_FROM: FROM, TWILIO_API_BASE_URL: prism.baseUrl }));
    const sentAfter = new Date('2026-11-27T15:00:00Z');
    await transport.lookup({ sid: null, to: '+12485550100', body: 'x', sentAfter });

    const ex = lastExchange();
    const query = new URL(ex.path, 'http://x').searchParams;
    expect(ex.method).toBe('GET');
    expect(query.get('To')).toBe('+12485550100');
    // no DateSent filter: Twilio leaves date_sent empty while a text is still queued
    expect(query.has('DateSent>')).toBe(false);
    // Prism answers the list with 500 because Twilio's own example page breaks the spec's response
    // schema (relative *_uri fields declared format: uri); our request itself must have no violation.
    expect([401, 404, 422]).not.toContain(ex.status);
    expect(requestViolations()).toEqual([]);
  });
});

describe('against a misbehaving Twilio (our sink)', () => {
  let sink: TwilioSink;
  let transport: ReturnType<typeof twilioTransport>;
  beforeAll(async () => {
    sink = await startTwilioSink();
    transport = twilioTransport(smsConfig({ TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID, TWILIO_API_BASE_URL: sink.baseUrl }));
  });
  beforeEach(() => sink.clear());
  afterAll(() => sink?.stop());

  it('reports a taken text as sent, with the sid Twilio gave it, once', async () => {
    const req = text();
    const outcome = await transport.send(req);

    expect(sink.sends).toHaveLength(1);
    expect(outcome).toEqual({ kind: 'sent', sid: sink.sends[0]!.sid, status: 'queued' });
    expect(sink.sends[0]).toMatchObject({ messageId: req.messageId, to: req.to, body: req.body, messagingServiceSid: SERVICE_SID });
  });

  it.each([
    ['a 500', { kind: 'status', status: 500 }],
    ['a 503', { kind: 'status', status: 503 }],
    ['a 429 rate limit', { kind: 'rate-limit', retryAfterSeconds: 7 }],
  ] as const)('tells the worker to try again after %s, having sent nothing', async (_, fault) => {
    sink.failNext(fault);
    const outcome = await transport.send(text());
    expect(outcome.kind).toBe('retry');
    expect(sink.sends).toHaveLength(0);
  });

  it.each([
    [21211, false],
    [21408, false],
    [21610, true],
  ])('gives up on Twilio error %i for good (opted out: %s)', async (code, optedOut) => {
    sink.failNext({ kind: 'refuse', code });
    const outcome = await transport.send(text());
    expect(outcome).toMatchObject({ kind: 'failed', code: String(code), optedOut });
  });

  it('calls a send whose connection dropped after Twilio took it unknown, never failed or retryable', async () => {
    sink.failNext({ kind: 'reset', record: true });
    const outcome = await transport.send(text());
    expect(outcome.kind).toBe('unknown');
    expect(sink.sends).toHaveLength(1); // Twilio has it: a blind resend would text the customer twice
  });

  it('calls a request that never gets an answer unknown once the SDK times out', async () => {
    sink.failNext({ kind: 'hang' });
    const started = Date.now();
    const impatient = twilioTransport(smsConfig({ TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID, TWILIO_API_BASE_URL: sink.baseUrl }), { timeoutMs: 500 });
    const outcome = await impatient.send(text());
    console.log(`hanging send settled as ${outcome.kind} after ${Date.now() - started} ms`);
    expect(outcome.kind).toBe('unknown');
    expect(sink.sends).toHaveLength(1);
  });

  it('retries when Twilio cannot be reached at all (connection refused)', async () => {
    const closed = await freePort();
    const offline = twilioTransport(smsConfig({ TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID, TWILIO_API_BASE_URL: `http://127.0.0.1:${closed}` }));
    expect(await offline.send(text())).toMatchObject({ kind: 'retry', code: 'ECONNREFUSED' });
  });

  describe('lookup of a text whose outcome was lost', () => {
    it('finds it by sid', async () => {
      await transport.send(text());
      const { sid } = sink.sends[0]!;
      expect(await transport.lookup({ sid, to: 'ignored', body: 'ignored', sentAfter: new Date() })).toEqual({ sid, status: 'sent' });
    });

    it('finds it without a sid by recipient, body and time, among other texts', async () => {
      const sentAfter = new Date();
      const wanted = text('+12485550142');
      await transport.send(text('+12485550142'));
      await transport.send(wanted);
      await transport.send(text('+13135550199'));
      const found = await transport.lookup({ sid: null, to: wanted.to, body: wanted.body, sentAfter });
      expect(found).toEqual({ sid: sink.sends.find((s) => s.messageId === wanted.messageId)!.sid, status: 'sent' });
    });

    it('returns null when Twilio has no such text: other body, other number, or sent long before', async () => {
      const sentAfter = new Date();
      const req = text();
      sink.now = () => new Date(sentAfter.getTime() - 10 * 60_000); // an identical text ten minutes earlier
      await transport.send(req);
      sink.now = () => new Date();
      await transport.send({ ...text(), to: req.to });

      expect(await transport.lookup({ sid: null, to: req.to, body: req.body, sentAfter })).toBeNull();
      expect(await transport.lookup({ sid: null, to: '+13135550177', body: req.body, sentAfter: new Date(sentAfter.getTime() - 3_600_000) })).toBeNull();
      expect(await transport.lookup({ sid: null, to: req.to, body: 'never sent', sentAfter: new Date(sentAfter.getTime() - 3_600_000) })).toBeNull();
    });

    it('answers unavailable, not null, when Twilio cannot be asked', async () => {
      sink.failWhen((r) => (r.route === 'create' ? undefined : { kind: 'status', status: 500 }));
      const req = text();
      await transport.send(req);
      expect(await transport.lookup({ sid: null, to: req.to, body: req.body, sentAfter: new Date(0) })).toBe('unavailable');
      expect(await transport.lookup({ sid: sink.sends[0]!.sid, to: req.to, body: req.body, sentAfter: new Date(0) })).toBe('unavailable');
    });
  });
});
