import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../../db/schema/webhooks';

// A seller's outbound webhook endpoint as the seller API shows it; the secret only in the create answer.

const iso = z.iso.datetime();

export const WebhookEndpointResource = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  createdAt: iso,
  status: z.enum(['enabled', 'disabled']).meta({ description: 'disabled after a day of failed deliveries, until the seller turns it back on' }),
  disabledAt: iso.nullable(),
  failingSince: iso.nullable().meta({ description: 'when the current run of failed deliveries began' }),
  lastSuccessAt: iso.nullable(),
});

export const CreatedWebhookEndpointResource = WebhookEndpointResource.extend({
  secret: z.string().regex(/^whsec_/).meta({ description: 'The signing secret (Standard Webhooks). Shown only now: keep it.' }),
});
