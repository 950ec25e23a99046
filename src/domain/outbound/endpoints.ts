import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { outboundMessages, webhookEndpoints, WEBHOOK_EVENT_TYPES, type WebhookEndpoint, type WebhookEventType } from '../../../db/schema';
import type { SellerContext } from '../context';
import { Invalid, NotFound } from '../errors';
import { openCredentials, sealCredentials } from '../integrations/secrets';
import { endpointUrlProblem } from './ssrf';

// A seller's outbound webhook endpoints: registered with the events they want, each with its own
// signing secret (Standard Webhooks: whsec_ + base64), shown once on creation.

export { WEBHOOK_EVENT_TYPES };

export const MAX_ENDPOINTS = 20;

export const endpointInput = z.object({
  url: z.string().trim().min(1).max(2000),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'choose at least one event').transform((list) => [...new Set(list)]),
});
export type EndpointInput = z.input<typeof endpointInput>;

export interface EndpointView {
  id: string;
  url: string;
  events: WebhookEventType[];
  createdAt: Date;
  disabledAt: Date | null;
  failingSince: Date | null;
  lastSuccessAt: Date | null;
}

const view = (e: WebhookEndpoint): EndpointView => ({
  id: e.id, url: e.url, events: JSON.parse(e.events) as WebhookEventType[], createdAt: e.createdAt,
  disabledAt: e.disabledAt, failingSince: e.failingSince, lastSuccessAt: e.lastSuccessAt,
});

/** Registers an endpoint; the answer carries its secret, the only time it is shown. */
export async function createWebhookEndpoint({ ctx, input }: { ctx: SellerContext; input: z.output<typeof endpointInput> }): Promise<EndpointView & { secret: string }> {
  const problem = await endpointUrlProblem(input.url, ctx.webhooks.allowPrivate);
  if (problem) throw Invalid(`url: ${problem}`);
  const id = `ep_${randomBytes(12).toString('base64url')}`;
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const live = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.sellerId, ctx.sellerId), isNull(webhookEndpoints.deletedAt)));
    if (live.length >= MAX_ENDPOINTS) throw Invalid(`A store can have at most ${MAX_ENDPOINTS} webhook endpoints: delete one first`);
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({ id, sellerId: ctx.sellerId, url: input.url, events: JSON.stringify(input.events), sealedSecret: sealCredentials(ctx.secrets.appSecret, id, { secret }), createdAt: now })
      .returning();
    return created!;
  });
  return { ...view(row), secret };
}

export async function listWebhookEndpoints({ ctx }: { ctx: SellerContext }): Promise<EndpointView[]> {
  const rows = await ctx.db.select().from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.sellerId, ctx.sellerId), isNull(webhookEndpoints.deletedAt)))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
  return rows.map(view);
}

/** Stops an endpoint: nothing new is queued for it and what waits is cancelled (the history stays listed). */
export async function deleteWebhookEndpoint({ ctx, input }: { ctx: SellerContext; input: { id: string } }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const rows = await tx.update(webhookEndpoints).set({ deletedAt: now })
      .where(and(eq(webhookEndpoints.id, input.id), eq(webhookEndpoints.sellerId, ctx.sellerId), isNull(webhookEndpoints.deletedAt)))
      .returning({ id: webhookEndpoints.id });
    if (!rows.length) throw NotFound('Webhook endpoint');
    await tx.update(outboundMessages).set({ state: 'cancelled', leaseOwner: null, leaseUntil: null })
      .where(and(eq(outboundMessages.targetId, input.id), inArray(outboundMessages.state, ['pending'])));
  });
}

/** Turns a disabled endpoint back on: what waited for it is tried again now (a day from now at most). */
export async function enableWebhookEndpoint({ ctx, input }: { ctx: SellerContext; input: { id: string } }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const rows = await tx.update(webhookEndpoints).set({ disabledAt: null, failingSince: null, lastFailureAt: null })
      .where(and(eq(webhookEndpoints.id, input.id), eq(webhookEndpoints.sellerId, ctx.sellerId), isNull(webhookEndpoints.deletedAt)))
      .returning({ id: webhookEndpoints.id });
    if (!rows.length) throw NotFound('Webhook endpoint');
    await tx.update(outboundMessages).set({ state: 'pending', dueAt: now, retryUntil: new Date(now.getTime() + 86_400_000) })
      .where(and(eq(outboundMessages.targetId, input.id), eq(outboundMessages.state, 'pending')));
  });
}

/** The signing secret of an endpoint (null if it no longer opens: APP_SECRET was changed). */
export const endpointSecret = (appSecret: string, e: Pick<WebhookEndpoint, 'id' | 'sealedSecret'>): string | null =>
  openCredentials(appSecret, e.id, e.sealedSecret)?.secret ?? null;
