import { randomBytes } from 'node:crypto';

// The JSON shapes Twilio's 2010-04-01 Messages API answers with, as the `twilio` SDK parses them
// (field names and formats from twilio_api_v2010.json: api.v2010.account.message and its list).

export interface StoredMessage {
  accountSid: string;
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  dateCreated: Date;
  /** when Twilio hands it to the carrier: date_sent stays null (status queued) until then */
  sendsAt: Date;
}

export const newMessageSid = () => `SM${randomBytes(16).toString('hex')}`;

/** RFC 2822 in GMT, exactly as Twilio writes it: "Thu, 24 Aug 2023 05:01:45 +0000". */
export const rfc2822 = (d: Date) => d.toUTCString().replace(/GMT$/, '+0000');

const messagesPath = (accountSid: string) => `/2010-04-01/Accounts/${accountSid}/Messages`;

/** The message as Twilio shows it at `now`; `created`: the answer to the create request itself. */
export function messageResource(m: StoredMessage, now: Date, created = false) {
  const uri = `${messagesPath(m.accountSid)}/${m.sid}.json`;
  const sentAt = sentAtBy(m, now);
  return {
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: sentAt && rfc2822(sentAt),
    date_updated: rfc2822(m.dateCreated),
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: created || !sentAt ? 'queued' : 'sent',
    subresource_uris: { media: `${messagesPath(m.accountSid)}/${m.sid}/Media.json` },
    tags: null,
    to: m.to,
    uri,
  };
}

/** One page of GET …/Messages.json; the SDK follows next_page_uri until it has `limit` records. */
export function messagePage(accountSid: string, all: StoredMessage[], query: URLSearchParams, now: Date) {
  const pageSize = Math.min(1000, Number(query.get('PageSize') ?? 50) || 50);
  const page = Number(query.get('Page') ?? 0) || 0;
  const slice = all.slice(page * pageSize, (page + 1) * pageSize);
  const uriFor = (p: number) => {
    const q = new URLSearchParams(query);
    q.set('PageSize', String(pageSize));
    q.set('Page', String(p));
    return `${messagesPath(accountSid)}.json?${q}`;
  };
  return {
    end: page * pageSize + Math.max(0, slice.length - 1),
    first_page_uri: uriFor(0),
    messages: slice.map((m) => messageResource(m, now)),
    next_page_uri: (page + 1) * pageSize < all.length ? uriFor(page + 1) : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? uriFor(page - 1) : null,
    start: page * pageSize,
    uri: uriFor(page),
  };
}

const sentAtBy = (m: StoredMessage, now: Date) => (now >= m.sendsAt ? m.sendsAt : null);

/**
 * Filters of the list call: To, From, DateSent (that UTC day), DateSent> and DateSent< (inclusive).
 * As the spec says, DateSent filters on date_sent: a text still in Twilio's queue has none.
 */
export function matchesListQuery(m: StoredMessage, query: URLSearchParams, now: Date): boolean {
  const to = query.get('To');
  const from = query.get('From');
  const on = query.get('DateSent');
  const after = query.get('DateSent>');
  const before = query.get('DateSent<');
  if (to && m.to !== to) return false;
  if (from && m.from !== from) return false;
  if (!on && !after && !before) return true;
  const sentAt = sentAtBy(m, now);
  if (!sentAt) return false;
  const at = sentAt.getTime();
  if (on && new Date(on).toISOString().slice(0, 10) !== sentAt.toISOString().slice(0, 10)) return false;
  if (after && at < Date.parse(after)) return false;
  if (before && at > Date.parse(before)) return false;
  return true;
}

const MORE_INFO = 'https://www.twilio.com/docs/errors/';

const MESSAGES: Record<number, string> = {
  20003: 'Authenticate',
  20404: 'The requested resource was not found',
  20429: 'Too Many Requests',
  20500: 'Internal Server Error',
  21211: "Invalid 'To' Phone Number",
  21408: "Permission to send an SMS has not been enabled for the region indicated by the 'To' number",
  21602: 'Message body is required.',
  21603: "A 'From' or 'MessagingServiceSid' parameter is required to send a message",
  21604: "A 'To' phone number is required.",
  21609: 'Invalid StatusCallback url',
  21610: 'Attempt to send to unsubscribed recipient',
};

/** Twilio's error body: { code, message, more_info, status }. */
export const twilioError = (code: number, status: number, message = MESSAGES[code] ?? `Error ${code}`) => ({
  code,
  message,
  more_info: `${MORE_INFO}${code}`,
  status,
});
