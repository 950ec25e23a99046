import twilio from 'twilio';
import { createApp } from '../../src/server/app';
import { call, newSeller, sampleOrder, tokenOf, type Harness } from './harness';

// Shared steps for the SMS API tests: an order to opt in to, the customer's posts, Twilio's signed
// webhooks, and reads of the outbox and ledger tables (the observable effect: no worker runs here).

export const PHONE = '+14155552671';
export const AUTH_TOKEN = 'test-twilio-auth-token';
/** startHarness env for the signed webhooks (transport stays dev, so /api/dev/sms works too) */
export const SIGNED = { TWILIO_AUTH_TOKEN: AUTH_TOKEN };

export interface Shop {
  key: string;
  sellerId: number;
  sellerName: string;
}

export async function newShop(h: Harness, name = 'Acme Goods'): Promise<Shop> {
  const seller = await newSeller(h, name);
  return { key: seller.apiKey, sellerId: seller.sellerId, sellerName: name };
}

/** Creates an order for `shop` and returns its tracking token. */
export async function orderToken(h: Harness, shop: Shop, orderNumber = 'SO-1001', patch: object = {}): Promise<string> {
  const res = await call(h, 'POST', '/api/v1/orders', { key: shop.key, body: { ...sampleOrder(orderNumber), ...patch } });
  if (res.status !== 201) throw new Error(`order not created: ${res.status} ${await res.text()}`);
  return tokenOf((await res.json()).trackingUrl);
}

export const optIn = (h: Harness, token: string, body: object, headers: Record<string, string> = {}) =>
  call(h, 'POST', `/api/t/${token}/sms`, { body, headers });

export const postForm = (h: Harness, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  h.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

export const addEvent = (h: Harness, shop: Shop, body: object, orderNumber = 'SO-1001') =>
  call(h, 'POST', `/api/v1/orders/${orderNumber}/events`, { key: shop.key, body: { trackingNumber: 'TBA312345678000', ...body } });

/** The customer texting back through the dev reply box (the same inbound handler Twilio reaches). */
export async function devReply(h: Harness, from: string, body: string): Promise<{ reply: string | null; keyword: string }> {
  const res = await call(h, 'POST', '/api/dev/sms/reply', { body: { from, body } });
  if (res.status !== 200) throw new Error(`dev reply failed: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function rows(h: Harness, sql: string, args: (string | number)[] = []): Promise<Record<string, any>[]> {
  return (await h.database.client.execute({ sql, args })).rows.map((r) => ({ ...r }));
}

export const count = async (h: Harness, table: string) => Number((await rows(h, `SELECT count(*) AS n FROM ${table}`))[0]!.n);

/** Outbox rows, oldest first, optionally only those of one kind. */
export const outbox = (h: Harness, kind?: string) =>
  kind ? rows(h, 'SELECT * FROM sms_messages WHERE kind = ? ORDER BY id', [kind]) : rows(h, 'SELECT * FROM sms_messages ORDER BY id');

/** Texts still waiting to go (what a worker would send). */
export const pendingKinds = async (h: Harness) =>
  (await rows(h, "SELECT kind FROM sms_messages WHERE state = 'pending' ORDER BY due_at, id")).map((r) => r.kind as string);

/** Rows that any opt-in attempt leaves behind; all zero after a refused one. */
export async function smsFootprint(h: Harness) {
  const [subscriptions, ledger, texts, hits] = await Promise.all(
    ['sms_subscriptions', 'sms_consent_events', 'sms_messages', 'rate_limit_hits'].map((t) => count(h, t)),
  );
  return { subscriptions, ledger, texts, hits };
}

/** The same Hono app as the harness's, but told each request's client IP (the Node server does this). */
export function appWithClientIp(h: Harness, clientIp: (req: Request) => string | undefined) {
  return createApp({ ctx: h.ctx, config: h.config, clientIp });
}

export const twilioUrl = (h: Harness, pathAndQuery: string) => `${h.config.publicBaseUrl}${pathAndQuery}`;

export const sign = (url: string, params: Record<string, string>, authToken = AUTH_TOKEN) =>
  twilio.getExpectedTwilioSignature(authToken, url, params);

/**
 * POSTs a Twilio webhook form to `path`. By default signed exactly as Twilio would sign it;
 * `signedUrl`, `signedParams`, `authToken` and `signature` let a test forge one part of it.
 */
export function twilioPost(
  h: Harness,
  path: string,
  params: Record<string, string>,
  forge: { signedUrl?: string; signedParams?: Record<string, string>; authToken?: string; signature?: string | null; contentType?: string } = {},
) {
  const signature = forge.signature === undefined
    ? sign(forge.signedUrl ?? twilioUrl(h, path), forge.signedParams ?? params, forge.authToken)
    : forge.signature;
  const headers: Record<string, string> = { 'content-type': forge.contentType ?? 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  return h.app.request(path, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
}

let sid = 0;
export const messageSid = () => `SM${(++sid).toString(16).padStart(32, '0')}`;

/** An inbound text as Twilio posts it. */
export const inboundParams = (from: string, body: string, extra: Record<string, string> = {}) => ({
  MessageSid: messageSid(), AccountSid: `AC${'a'.repeat(32)}`, From: from, To: '+15005550006', Body: body, NumMedia: '0', ...extra,
});

/** Opts PHONE in to `token` and confirms with YES, so later events are texted. */
export async function subscribed(h: Harness, token: string, phone = PHONE) {
  const res = await optIn(h, token, { phone, consent: true });
  if (res.status !== 202) throw new Error(`opt-in failed: ${res.status} ${await res.text()}`);
  if ((await res.json()).status === 'pending_confirmation') await devReply(h, phone, 'YES');
}

/** The reply text inside a TwiML answer, or null for an empty <Response/>. */
export function twimlReply(xml: string): string | null {
  const m = /<Message>([\s\S]*)<\/Message>/.exec(xml);
  if (!m) return null;
  return m[1]!.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
}

/** A signed inbound text from `from`; resolves to the reply text (null when none) after checking it is TwiML. */
export async function textIn(h: Harness, from: string, body: string): Promise<string | null> {
  const res = await twilioPost(h, '/api/twilio/inbound', inboundParams(from, body));
  if (res.status !== 200) throw new Error(`inbound failed: ${res.status} ${await res.text()}`);
  return twimlReply(await res.text());
}

/** The order's "reply YES" text, as the worker leaves it once Twilio accepted it: its id and Twilio's sid. */
export async function submittedConfirmText(h: Harness): Promise<{ id: number; sid: string }> {
  const id = Number((await rows(h, "SELECT id FROM sms_messages WHERE kind = 'confirm_request'"))[0]!.id);
  const sid = messageSid();
  await h.database.client.execute({
    sql: "UPDATE sms_messages SET state = 'submitted', provider_sid = ?, provider_status = 'queued', submitted_at = ? WHERE id = ?",
    args: [sid, h.clock.now.getTime(), id],
  });
  return { id, sid };
}
