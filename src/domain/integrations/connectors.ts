import { easypost } from './easypost';
import { shippo } from './shippo';
import { shopify } from './shopify';
import type { WebhookConnector, WebhookSource } from './types';
import { woocommerce } from './woocommerce';

/** Each webhook source's connector: how it signs, names its deliveries, and what its payloads say. */
export const CONNECTORS: Record<WebhookSource, WebhookConnector> = { shopify, woocommerce, easypost, shippo };
