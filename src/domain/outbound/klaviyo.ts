import type { EventCreateQueryV2 } from 'klaviyo-api';
import type { Touchpoint } from '../../../db/schema/message-templates';
import type { Lang } from '../../i18n';
import type { ExpectedArrival } from '../delivery-window';
import { deliveryWindowText } from '../messages/delivery-window-text';

// A touchpoint as a Klaviyo event (Create Event, POST /api/events): the seller's own Klaviyo flows
// trigger on the metric name and put the properties (tracking link, window, order number) in
// their branded emails. The body is the SDK's typed model; the SDK writes it as JSON:API on the
// wire (uniqueId → unique_id, phoneNumber → phone_number …). Sending lives in klaviyo-client.ts.

export {
  sendKlaviyoEvent, checkKlaviyoKey, KLAVIYO_BASE_URL,
  type KlaviyoConnection, type KlaviyoOutcome, type KlaviyoFailure, type KlaviyoKeyCheck,
} from './klaviyo-client';

/**
 * The `revision` header klaviyo-api 23 sends (its models were generated for it). Pinned by the
 * SDK, not by us: a newer SDK brings a newer revision and the client test names the change.
 */
export const KLAVIYO_REVISION = '2026-07-15';

/** Every touchpoint a seller's flow can start from: the customer texts/emails ones plus exceptions. */
export type KlaviyoTouchpoint = Exclude<Touchpoint, 'feedback_request'> | 'exception';

/** The metric each touchpoint is recorded under; a seller builds flows on these exact names. */
export const KLAVIYO_METRICS: Readonly<Record<KlaviyoTouchpoint, string>> = {
  order_placed: 'Porchlight Order Placed',
  ready_to_ship: 'Porchlight Ready To Ship',
  shipped: 'Porchlight Shipped',
  out_for_delivery: 'Porchlight Out For Delivery',
  delivered: 'Porchlight Delivered',
  exception: 'Porchlight Delivery Exception',
};

export interface KlaviyoEventInput {
  touchpoint: KlaviyoTouchpoint;
  /** our outbox delivery id: Klaviyo keeps only the first event per unique_id, so a retried send is not a second email */
  deliveryId: string;
  /** when the touchpoint happened (the event's time in Klaviyo) */
  occurredAt: Date;
  /** at least one identifier; Klaviyo matches or creates the profile by it */
  customer: { email?: string | null; phone?: string | null; externalId?: string | null; firstName?: string | null };
  orderNumber: string;
  trackingUrl: string;
  /** the status in plain words, in `language` ("Out for delivery") */
  status: string;
  carrier: string | null;
  trackingNumber: string | null;
  language: Lang;
  /** the expected arrival, worded as the emails and the tracking page word it */
  expected: ExpectedArrival | null;
  /** the destination's IANA zone, for "Today, 8 AM – 8 PM" */
  zone: string;
  /** the clock, for "Today"/"Tomorrow" */
  now: Date;
}

/** The properties a seller's Klaviyo template can use as {{ event.OrderNumber }} and so on. */
export interface KlaviyoEventProperties {
  OrderNumber: string;
  TrackingUrl: string;
  Status: string;
  DeliveryWindow: string;
  WindowStart: string | null;
  WindowEnd: string | null;
  Carrier: string | null;
  TrackingNumber: string | null;
  Language: Lang;
}

/** The Create Event body for one touchpoint. Throws if the customer has no identifier: Klaviyo would refuse it. */
export function klaviyoEventBody(input: KlaviyoEventInput): EventCreateQueryV2 {
  const { email, phone, externalId, firstName } = input.customer;
  const identifiers = { email: blankToUndefined(email), phoneNumber: blankToUndefined(phone), externalId: blankToUndefined(externalId) };
  if (!identifiers.email && !identifiers.phoneNumber && !identifiers.externalId) {
    throw new Error('klaviyoEventBody: the customer needs an email, a phone number or an external id');
  }
  const window = input.expected?.kind === 'window' ? input.expected : null;
  const properties: KlaviyoEventProperties = {
    OrderNumber: input.orderNumber,
    TrackingUrl: input.trackingUrl,
    Status: input.status,
    DeliveryWindow: deliveryWindowText(input.expected, { zone: input.zone, lang: input.language, now: input.now }),
    WindowStart: window ? window.start.toISOString() : null,
    WindowEnd: window ? window.end.toISOString() : null,
    Carrier: input.carrier,
    TrackingNumber: input.trackingNumber,
    Language: input.language,
  };
  return {
    data: {
      type: 'event',
      attributes: {
        properties,
        time: input.occurredAt,
        uniqueId: input.deliveryId,
        metric: { data: { type: 'metric', attributes: { name: KLAVIYO_METRICS[input.touchpoint] } } },
        profile: { data: { type: 'profile', attributes: { ...identifiers, firstName: blankToUndefined(firstName) } } },
      },
    },
  };
}

// An empty string is not an identifier: Klaviyo rejects `"email": ""` instead of ignoring it.
function blankToUndefined(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
