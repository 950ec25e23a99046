import type { Db } from '../../db/client';
import { lookupToken } from './links';
import { loadOrderDetail, loadSellerBrand, type SellerBrand } from './orders';
import { buildTrackingView, type TrackingView } from './tracking-view';

export type TrackingLookup =
  | { kind: 'ok'; orderId: number; sellerId: number; view: TrackingView }
  | { kind: 'gone'; seller: SellerBrand }
  | { kind: 'not_found' };

const DAY_MS = 86_400_000;

/**
 * What a tracking token opens: the page, a 410 for a rotated or expired link (with the seller's
 * contact), or one indistinguishable 404 for anything else.
 */
export async function openTrackingLink(ctx: { db: Db; linkTtlDays: number }, token: string, now: Date): Promise<TrackingLookup> {
  const link = await lookupToken(ctx.db, token);
  if (link.kind === 'unknown') return { kind: 'not_found' };
  const detail = await loadOrderDetail(ctx.db, link.orderId);
  if (!detail) return { kind: 'not_found' };
  const seller = await loadSellerBrand(ctx.db, detail.order.sellerId);
  if (!seller) return { kind: 'not_found' };
  if (link.kind === 'revoked') return { kind: 'gone', seller };
  const view = buildTrackingView(detail, seller, now);
  const finishedAt = view.status.finishedAt;
  if (finishedAt && now.getTime() > finishedAt.getTime() + ctx.linkTtlDays * DAY_MS) return { kind: 'gone', seller };
  return { kind: 'ok', orderId: link.orderId, sellerId: seller.id, view };
}
