import { and, eq, isNull, lt } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema';
import { openCredentials, sealCredentials } from './integrations/secrets';
import type { SellerContext } from './context';

// Idempotency keys on the seller API's POSTs (the way Stripe's work): the first request with a key
// claims it in the database — so every process sees the claim — and its answer is kept for a day.
// The same key again with the same request gets that answer back; with another request, a 422;
// while the first is still running, a 409. A request that failed on our side (5xx) lets go of its
// key, so the seller's retry runs; a claim left by a process that died is taken over after a minute.

export const KEEP_MS = 24 * 3_600_000;
const ABANDONED_MS = 60_000;

export type Claim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; contentType: string | null; body: string }
  | { kind: 'mismatch' }
  | { kind: 'running' };

/** Claims `key` for this seller's request (by its hash), or says what the key already holds. */
export async function claimIdempotencyKey({ ctx, input }: { ctx: SellerContext; input: { key: string; requestHash: string } }): Promise<Claim> {
  const now = ctx.now();
  const mine = and(eq(idempotencyKeys.sellerId, ctx.sellerId), eq(idempotencyKeys.key, input.key));
  return ctx.db.transaction(async (tx): Promise<Claim> => {
    const [held] = await tx.select().from(idempotencyKeys).where(mine);
    const age = held ? now.getTime() - held.createdAt.getTime() : Infinity;
    if (held && age < KEEP_MS) {
      if (held.requestHash !== input.requestHash) return { kind: 'mismatch' };
      if (held.status !== null) return { kind: 'replay', status: held.status, contentType: held.contentType, body: openAnswer(ctx, input.key, held.body) };
      if (age < ABANDONED_MS) return { kind: 'running' };
    }
    // answers older than a day are forgotten (any seller's: the index on created_at keeps this cheap)
    await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEEP_MS)));
    const claim = { requestHash: input.requestHash, status: null, contentType: null, body: null, createdAt: now, completedAt: null };
    await tx.insert(idempotencyKeys).values({ sellerId: ctx.sellerId, key: input.key, ...claim })
      .onConflictDoUpdate({ target: [idempotencyKeys.sellerId, idempotencyKeys.key], set: claim });
    return { kind: 'new' };
  });
}

/** Keeps the answer to the request that claimed `key`. */
export async function completeIdempotencyKey({ ctx, input }: { ctx: SellerContext; input: { key: string; requestHash: string; status: number; contentType: string | null; body: string } }): Promise<void> {
  await ctx.db.transaction((tx) => tx
    .update(idempotencyKeys)
    .set({ status: input.status, contentType: input.contentType, body: sealAnswer(ctx, input.key, input.body), completedAt: ctx.now() })
    .where(and(eq(idempotencyKeys.sellerId, ctx.sellerId), eq(idempotencyKeys.key, input.key), eq(idempotencyKeys.requestHash, input.requestHash), isNull(idempotencyKeys.status))));
}

/** Lets go of a claim whose request failed on our side: the same key may run again. */
export async function releaseIdempotencyKey({ ctx, input }: { ctx: SellerContext; input: { key: string; requestHash: string } }): Promise<void> {
  await ctx.db.transaction((tx) => tx
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.sellerId, ctx.sellerId), eq(idempotencyKeys.key, input.key), eq(idempotencyKeys.requestHash, input.requestHash), isNull(idempotencyKeys.status))));
}

// A kept answer can hold a secret shown once (a webhook endpoint's signing secret): it is sealed
// like one, bound to the seller and the key, so the table never holds it in the clear.
const answerAad = (ctx: SellerContext, key: string) => `idempotent-answer:${ctx.sellerId}:${key}`;
const sealAnswer = (ctx: SellerContext, key: string, body: string) => sealCredentials(ctx.secrets.appSecret, answerAad(ctx, key), { body });
function openAnswer(ctx: SellerContext, key: string, stored: string | null): string {
  if (stored === null) return '';
  const opened = openCredentials(ctx.secrets.appSecret, answerAad(ctx, key), stored)?.body;
  if (opened !== undefined) return opened;
  // kept before answers were sealed: JSON as it was; sealed under another APP_SECRET: not readable
  return stored.startsWith('v1.') ? '' : stored;
}
