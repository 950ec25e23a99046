import { and, eq } from 'drizzle-orm';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { z } from 'zod';
import { integrations, type Integration } from '../../../db/schema';
import type { SellerContext } from '../context';
import { NotFound } from '../errors';
import { forgetOrderContacts } from '../outbound/klaviyo-queue';
import { openCredentials, sealCredentials } from './secrets';
import type { Source } from './types';

// Connecting a source: what each one needs (product.md §9), sealed at rest, never echoed. Saving
// again replaces the credentials (rotation) and keeps the webhook URL, except Shippo's, whose
// token is its secret and is replaced with them.

const secret = z.string().trim().min(8, 'at least 8 characters').max(512);
const INPUTS = {
  shopify: z.object({
    webhookSecret: secret,
    shopDomain: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'the shop’s myshopify.com domain'),
    // the Admin API token: used only to write the tracking link into fulfillments, when writeBack is on
    accessToken: secret,
    /** put the Porchlight tracking link on Shopify's fulfillments (off unless asked: it writes into the shop) */
    writeBack: z.boolean().default(false),
  }),
  woocommerce: z.object({ webhookSecret: secret }),
  easypost: z.object({ webhookSecret: secret }),
  shippo: z.object({}),
  amazon: z.object({
    lwaClientId: z.string().trim().min(1).max(256),
    lwaClientSecret: secret,
    refreshToken: secret,
    region: z.enum(['na', 'eu', 'fe']).default('na'),
    /** another SP-API base URL (a sandbox, or a local test server); https unless local */
    endpoint: z.url().optional(),
  }),
  // a private API key with the events:write scope (Klaviyo › Settings › API keys)
  klaviyo: z.object({ privateKey: z.string().trim().regex(/^pk_[A-Za-z0-9_-]{10,200}$/, 'a Klaviyo private API key, starting with pk_') }),
} as const satisfies Record<Source, z.ZodType>;

/** The fields of each source that are settings, not secrets: shown back on the Integrations page. */
const SETTINGS: Record<Source, readonly string[]> = {
  shopify: ['shopDomain', 'writeBack'], woocommerce: [], easypost: [], shippo: [], amazon: ['lwaClientId', 'region', 'endpoint'], klaviyo: [],
};

export const connectInput = (source: Source) => INPUTS[source];

const newConnectorId = () => encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(16)));
const newToken = () => encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(24)));

export function webhookUrl(ctx: SellerContext, source: Source, id: string, token?: string): string | null {
  if (source === 'amazon' || source === 'klaviyo') return null; // polled, or only sent to: nothing calls us
  return `${ctx.baseUrl}/hooks/${source}/${id}${token ? `?token=${token}` : ''}`;
}

/** Connects (or reconnects, rotating its credentials) a source; the answer's URL is the only time Shippo's token is shown. */
export async function connectSource({ ctx, input }: { ctx: SellerContext; input: { source: Source; body: unknown } }): Promise<{ source: Source; webhookUrl: string | null }> {
  const { source } = input;
  const parsed = INPUTS[source].parse(input.body) as Record<string, unknown>;
  const credentials: Record<string, string> = {};
  const settings: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (SETTINGS[source].includes(k)) settings[k] = v;
    else credentials[k] = String(v);
  }
  if (source === 'shippo') credentials.token = newToken();
  const now = ctx.now();
  // read and written in one transaction: two saves at once cannot both make a connector
  const id = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: integrations.id }).from(integrations).where(and(eq(integrations.sellerId, ctx.sellerId), eq(integrations.source, source)));
    const connectorId = existing?.id ?? newConnectorId();
    const sealedCredentials = sealCredentials(ctx.secrets.appSecret, connectorId, credentials);
    if (existing) {
      await tx.update(integrations).set({ sealedCredentials, settings: JSON.stringify(settings), enabled: true, updatedAt: now, lastError: null, lastErrorAt: null }).where(eq(integrations.id, connectorId));
    } else {
      await tx.insert(integrations).values({ id: connectorId, sellerId: ctx.sellerId, source, sealedCredentials, settings: JSON.stringify(settings), createdAt: now, updatedAt: now });
    }
    return connectorId;
  });
  return { source, webhookUrl: webhookUrl(ctx, source, id, credentials.token) };
}

/** Switches a source off: its deliveries are refused (404) until it is connected again. Klaviyo off forgets the emails kept for it. */
export async function disconnectSource({ ctx, input }: { ctx: SellerContext; input: { source: Source } }): Promise<void> {
  const done = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(integrations)
      .set({ enabled: false, updatedAt: ctx.now() })
      .where(and(eq(integrations.sellerId, ctx.sellerId), eq(integrations.source, input.source), eq(integrations.enabled, true)))
      .returning({ id: integrations.id });
    if (rows.length && input.source === 'klaviyo') await forgetOrderContacts(tx, ctx.sellerId);
    return rows;
  });
  if (!done.length) throw NotFound('Integration');
}

export interface IntegrationSummary {
  source: Source;
  enabled: boolean;
  /** without Shippo's token (shown once, when connected) */
  webhookUrl: string | null;
  settings: Record<string, unknown>;
  connectedAt: Date;
  updatedAt: Date;
  lastDeliveryAt: Date | null;
  deliveries: number;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** The seller's connectors as the Integrations page shows them: never a credential. */
export async function listIntegrations({ ctx }: { ctx: SellerContext }): Promise<IntegrationSummary[]> {
  const rows = await ctx.db.select().from(integrations).where(eq(integrations.sellerId, ctx.sellerId));
  return rows.map((r) => ({
    source: r.source, enabled: r.enabled, webhookUrl: webhookUrl(ctx, r.source, r.id), settings: JSON.parse(r.settings) as Record<string, unknown>,
    connectedAt: r.createdAt, updatedAt: r.updatedAt, lastDeliveryAt: r.lastDeliveryAt, deliveries: r.deliveries, lastError: r.lastError, lastErrorAt: r.lastErrorAt,
  }));
}

/** An enabled connector with its credentials opened, for a delivery or a poll; null when off, unknown or unreadable. */
export function openIntegration(appSecret: string, row: Integration): { row: Integration; credentials: Record<string, string> } | null {
  if (!row.enabled) return null;
  const credentials = openCredentials(appSecret, row.id, row.sealedCredentials);
  return credentials ? { row, credentials } : null;
}
