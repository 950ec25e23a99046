import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import type { Config } from '../../config';
import type { SendOutcome, SmsTransport } from '../../domain/sms/transport';

const TWILIO_API = 'https://api.twilio.com';
const REQUEST_TIMEOUT_MS = 15_000;

// Twilio 21610: the recipient replied STOP (or opted out at the carrier).
const OPTED_OUT = '21610';
// Failures that happen before a request is on the wire: nothing can have been sent.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

/** Sends the SDK's requests to TWILIO_API_BASE_URL instead of api.twilio.com (a mock, in tests). */
class RedirectingClient extends RequestClient {
  constructor(
    private readonly base: string,
    timeout: number,
  ) {
    super({ timeout, keepAlive: true });
  }
  override request<T>(opts: RequestClient.RequestOptions<T>) {
    const uri = opts.uri.startsWith(TWILIO_API) ? this.base + opts.uri.slice(TWILIO_API.length) : opts.uri;
    return super.request({ ...opts, uri });
  }
}

export function twilioTransport(sms: Config['sms'], opts: { timeoutMs?: number } = {}): SmsTransport {
  const base = sms.apiBaseUrl?.replace(/\/+$/, '');
  const timeout = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const httpClient = base ? new RedirectingClient(base, timeout) : new RequestClient({ timeout, keepAlive: true });
  const client = twilio(sms.accountSid, sms.authToken, { httpClient, autoRetry: false });
  const sender = sms.messagingServiceSid ? { messagingServiceSid: sms.messagingServiceSid } : { from: sms.from! };

  return {
    name: 'twilio',
    async send(req) {
      try {
        const m = await client.messages.create({ to: req.to, body: req.body, statusCallback: req.statusCallback, ...sender });
        return { kind: 'sent', sid: m.sid, status: m.status };
      } catch (e) {
        return classify(e);
      }
    },
    async lookup(q) {
      try {
        if (q.sid) {
          const m = await client.messages(q.sid).fetch();
          return { sid: m.sid, status: m.status };
        }
        // By recipient only: date_sent stays empty while Twilio still has a text queued.
        const recent = await client.messages.list({ to: q.to, limit: 50 });
        const since = q.sentAfter.getTime() - 60_000;
        const match = recent.find((m) => m.body === q.body && m.dateCreated.getTime() >= since && !q.skipSids?.has(m.sid));
        return match ? { sid: match.sid, status: match.status } : null;
      } catch {
        return 'unavailable';
      }
    },
  };
}

interface TwilioishError { status?: number; code?: number | string; message?: string; response?: { headers?: Record<string, string> } }

export function classify(e: unknown): SendOutcome {
  const err = (e ?? {}) as TwilioishError;
  const message = err.message ?? String(e);
  if (typeof err.status === 'number') {
    const code = String(err.code ?? err.status);
    // Rate limits and outages pass; so may bad credentials once someone fixes them. Anything else
    // Twilio refused (21211 invalid number, 21610 opted out, 21408 region …) no retry will fix.
    if (err.status === 429 || err.status >= 500 || err.status === 401 || err.status === 403) return { kind: 'retry', code, message };
    return { kind: 'failed', code, message, optedOut: code === OPTED_OUT };
  }
  const netCode = typeof err.code === 'string' ? err.code : '';
  if (NOT_SENT.has(netCode)) return { kind: 'retry', code: netCode, message };
  // Timeouts and resets after the request was written: Twilio may have the text.
  return { kind: 'unknown', message: netCode ? `${netCode}: ${message}` : message };
}

