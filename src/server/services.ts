import type { Database } from '../../db/client';
import type { Config } from '../config';
import type { ServiceContext } from '../domain/context';
import { smtpDelivery } from './smtp';

/** What the HTTP layer needs: the one service context, the config, and the client's address. */
export interface Services {
  ctx: ServiceContext;
  config: Config;
  /** the client's IP address for abuse limits (the HTTP server knows it; a Request alone does not) */
  clientIp?: (req: Request) => string | undefined;
}

/** The one service context, built once at start (and by tests, with their own clock). */
export function serviceContext(config: Config, database: Database, now: () => Date = () => new Date()): ServiceContext {
  return {
    db: database.db,
    read: { row: database.readRow, all: database.readAll },
    now,
    secrets: { appSecret: config.appSecret },
    baseUrl: config.publicBaseUrl,
    linkTtlDays: config.linkTtlDays,
    mail: { from: config.email.from, deliver: config.email.transport === 'smtp' ? smtpDelivery(config.email.smtpUrl!, config.email.from) : null },
    webhooks: { allowPrivate: config.webhooks.allowPrivate },
    sms: { allowedCountries: config.sms.allowedCountries, optInsPerIpHour: config.sms.optInsPerIpHour, dailyBudget: config.sms.dailyBudget },
  };
}
