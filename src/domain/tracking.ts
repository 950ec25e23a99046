import type { ReadRow } from '../../db/client';
import type { SellerBrand } from './orders';
import { hashToken, isWellFormedToken } from './tokens';
import { readLinkSnapshot, type LinkFeedback } from './tracking-read';
import { buildTrackingView, type TrackingView } from './tracking-view';

export type TrackingLookup =
  | {
      kind: 'ok'; orderId: number; sellerId: number; view: TrackingView; sms: { status: 'pending' | 'active'; last4: string } | null;
      /** package ids in the view's package order (package N is packageIds[N - 1]) */
      packageIds: number[]; country: string; feedback: LinkFeedback | null; reports: { packageId: number | null; at: Date; note: string | null }[];
    }
  | { kind: 'gone'; seller: SellerBrand }
  | { kind: 'not_found' };

const DAY_MS = 86_400_000;

/**
 * What a tracking token opens: the page, a 410 for a rotated or expired link (with the seller's
 * contact), or one indistinguishable 404 for anything else.
 */
export async function openTrackingLink(ctx: { readRow: ReadRow; linkTtlDays: number }, token: string, now: Date): Promise<TrackingLookup> {
  if (!isWellFormedToken(token)) return { kind: 'not_found' };
  const link = await readLinkSnapshot(ctx.readRow, hashToken(token));
  if (!link) return { kind: 'not_found' };
  if (link.revoked) return { kind: 'gone', seller: link.seller };
  const view = buildTrackingView(link.snapshot, link.seller, now);
  const finishedAt = view.status.finishedAt;
  if (finishedAt && now.getTime() > finishedAt.getTime() + ctx.linkTtlDays * DAY_MS) return { kind: 'gone', seller: link.seller };
  return {
    kind: 'ok', orderId: link.orderId, sellerId: link.seller.id, view, sms: link.sms,
    packageIds: link.snapshot.packages.map((p) => p.id), country: link.country, feedback: link.feedback, reports: link.reports,
  };
}
