import type { SmsTransport } from '../../domain/sms/transport';

/**
 * SMS_TRANSPORT=dev: texts are "sent" into the database and read on /dev/sms. No account, no
 * network; the outbox, quiet hours, limits and replies all run exactly as with Twilio.
 */
export function devTransport(): SmsTransport {
  return {
    name: 'dev',
    async send(req) {
      return { kind: 'sent', sid: `SMdev${String(req.messageId).padStart(27, '0')}`, status: 'delivered' };
    },
    async lookup() {
      return null;
    },
  };
}
