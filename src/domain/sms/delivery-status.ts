/** Twilio's MessageStatus values, as its status callbacks send them (lowercase). */
export const PROVIDER_STATUSES = [
  'accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'read', 'canceled',
] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** The forward path; read (WhatsApp/RCS receipts) comes after delivered. */
const PATH = ['accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'read'] as const;
type PathStatus = (typeof PATH)[number];

/** Failures end the message wherever it was on the path. */
const FAILURES = ['failed', 'undelivered', 'canceled'] as const;
type Failure = (typeof FAILURES)[number];

const isProviderStatus = (s: string): s is ProviderStatus => (PROVIDER_STATUSES as readonly string[]).includes(s);
const isFailure = (s: ProviderStatus): s is Failure => (FAILURES as readonly string[]).includes(s);
const rank = (s: PathStatus): number => PATH.indexOf(s);

/**
 * The status to store after a callback, or null to ignore it. Callbacks arrive late, twice or out
 * of order, so a status only moves forward; failed, undelivered, canceled and read are final, and
 * delivered may only become read. Unknown strings are ignored rather than stored.
 */
export function nextStatus(current: ProviderStatus | null, incoming: string): ProviderStatus | null {
  if (!isProviderStatus(incoming)) return null;
  if (current === null) return incoming;
  if (isFailure(current) || current === 'read') return null;
  if (current === 'delivered') return incoming === 'read' ? 'read' : null;
  if (isFailure(incoming)) return incoming;
  return rank(incoming) > rank(current) ? incoming : null;
}
