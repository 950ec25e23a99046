import type { Config } from '../config';
import type { ServiceContext } from '../domain/context';
import { httpPoster } from '../domain/outbound/http-post';
import { klaviyoSender } from '../domain/outbound/klaviyo-sender';
import { webhookSender } from '../domain/outbound/webhook-sender';
import type { Sender } from '../domain/outbound/worker';

/** The senders of the outbound worker, one per kind, built from the config. */
export function outboundSenders(ctx: ServiceContext, config: Config): { byKind: Record<'webhook' | 'klaviyo', Sender>; close(): void } {
  const poster = httpPoster({ allowPrivate: config.webhooks.allowPrivate });
  return {
    byKind: {
      webhook: webhookSender({ ctx, poster, timeoutMs: config.webhooks.timeoutMs }),
      klaviyo: klaviyoSender({ ctx, baseUrl: config.klaviyo.baseUrl, timeoutMs: config.webhooks.timeoutMs }),
    },
    close: () => poster.close(),
  };
}
