import type { Config } from '../../config';
import { devTransport } from './dev-transport';
import type { SmsTransport } from '../../domain/sms/transport';
import { twilioTransport } from './twilio-transport';

export function smsTransport(config: Config): SmsTransport {
  return config.sms.transport === 'twilio' ? twilioTransport(config.sms) : devTransport();
}
