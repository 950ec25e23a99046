import { createAdminApiClient } from '@shopify/admin-api-client';

// Shopify's Admin API, through Shopify's own client (@shopify/admin-api-client): the one call
// Porchlight makes into a shop, putting the tracking link on a fulfillment. The client always
// speaks https to the shop's domain; `baseUrl` (SHOPIFY_ADMIN_BASE_URL) sends the same requests
// elsewhere — a local server in tests.

/** The Admin API version called (Shopify's stable release of October 2026). */
export const SHOPIFY_API_VERSION = '2026-10';

const SET_TRACKING_LINK = `mutation SetTrackingLink($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, $notifyCustomer: Boolean) {
  fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: $notifyCustomer) {
    fulfillment { id trackingInfo { number url company } }
    userErrors { field message }
  }
}`;

export interface TrackingLinkWrite {
  shopDomain: string;
  accessToken: string;
  /** Shopify's numeric fulfillment id */
  fulfillmentId: string;
  /** the fulfillment's tracking numbers and carrier, kept as the shop has them */
  numbers: string[];
  company: string | null;
  url: string;
}

export type WriteOutcome = { ok: true } | { ok: false; retry: boolean; retryAfterMs?: number; message: string };

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** Sets the fulfillment's tracking URL(s) to `url`, keeping its numbers and carrier; never notifies the customer. */
export async function setTrackingLink(write: TrackingLinkWrite, baseUrl: string | null): Promise<WriteOutcome> {
  const client = createAdminApiClient({
    storeDomain: write.shopDomain,
    apiVersion: SHOPIFY_API_VERSION,
    accessToken: write.accessToken,
    userAgentPrefix: 'Porchlight',
    customFetchApi: (url, init) => fetch(baseUrl ? url.replace(/^https:\/\/[^/]+/, baseUrl.replace(/\/$/, '')) : url, { ...init, signal: AbortSignal.timeout(15_000) }),
  });
  const numbers = write.numbers;
  const trackingInfoInput = {
    ...(write.company ? { company: write.company } : {}),
    ...(numbers.length > 1 ? { numbers, urls: numbers.map(() => write.url) } : { ...(numbers[0] ? { number: numbers[0] } : {}), url: write.url }),
  };
  const { data, errors } = await client.request(SET_TRACKING_LINK, {
    variables: { fulfillmentId: `gid://shopify/Fulfillment/${write.fulfillmentId}`, trackingInfoInput, notifyCustomer: false },
  });
  if (errors) {
    const status = errors.networkStatusCode;
    const throttled = errors.graphQLErrors?.some((e) => (e.extensions as { code?: string } | undefined)?.code === 'THROTTLED');
    const retryAfter = Number(errors.response?.headers.get('retry-after'));
    return {
      ok: false,
      retry: throttled || status === undefined || RETRY_STATUSES.has(status),
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      message: status === 401 || status === 403
        ? `Shopify refused the access token (HTTP ${status}): check the Admin API token and its write_fulfillments scope`
        : `Shopify answered ${status ? `HTTP ${status}` : 'nothing'}: ${(errors.graphQLErrors?.map((e) => e.message).join('; ') || errors.message || '').slice(0, 200)}`,
    };
  }
  const userErrors = (data as { fulfillmentTrackingInfoUpdate?: { userErrors?: { message: string }[] } } | undefined)?.fulfillmentTrackingInfoUpdate?.userErrors ?? [];
  if (userErrors.length) return { ok: false, retry: false, message: `Shopify refused the tracking link: ${userErrors.map((e) => e.message).join('; ').slice(0, 200)}` };
  return { ok: true };
}
