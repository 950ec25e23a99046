import { readPageStamp, readTrackingPage, type PageStamp } from '../../db/queries/tracking-page';
import type { Problem } from '../../db/schema/problem-reports';
import type { ServiceContext } from './context';
import { DAY_MS } from './zoned-time';
import { Gone, NotFound } from './errors';
import { hashToken, isWellFormedToken } from './tokens';
import { buildTrackingView, type SellerBrand, type TrackingView } from './tracking-view';
import { feedbackEditableUntil } from './feedback/feedback';
import { pageStableUntil } from './page-stable';

export interface LinkFeedback {
  rating: number;
  comment: string | null;
  arrivedOk: boolean | null;
  createdAt: Date;
}

export type TrackingLookup =
  | {
      kind: 'ok'; orderId: number; sellerId: number; view: TrackingView; sms: { status: 'pending' | 'active'; last4: string } | null;
      /** package ids in the view's package order (package N is packageIds[N - 1]) */
      packageIds: number[]; country: string; feedback: LinkFeedback | null;
      /** the seller's own list of countries whose numbers may sign up for texts (null: the server's) */
      smsCountries: string[] | null;
      /** not-received and damage reports: what they are about (null: the whole order) and when they were made */
      reports: { packageId: number | null; problem: Problem; at: Date; note: string | null }[];
      /** the first instant at which this page may read differently without any change to the order (page-stable.ts) */
      stableUntil: Date;
      /** the order's and seller's page versions this view was read at (db/queries/tracking-page.ts) */
      version: string;
    }
  | { kind: 'gone'; seller: SellerBrand }
  | { kind: 'not_found' };

/** The link has reached its end: LINK_TTL_DAYS after the order finished (delivered, returned …). */
export const linkExpired = (finishedAt: Date | null, now: Date, ttlDays: number) => !!finishedAt && now.getTime() > finishedAt.getTime() + ttlDays * DAY_MS;

/**
 * What a tracking token opens: the page, a 410 for a rotated or expired link (with the seller's
 * contact), or one indistinguishable 404 for anything else.
 */
export async function openTrackingLink({ ctx, input }: { ctx: ServiceContext; input: { token: string } }): Promise<TrackingLookup> {
  if (!isWellFormedToken(input.token)) return { kind: 'not_found' };
  const row = await readTrackingPage(ctx.read.row, hashToken(input.token));
  if (!row) return { kind: 'not_found' };
  if (row.revoked) return { kind: 'gone', seller: row.seller };
  const now = ctx.now();
  const view = buildTrackingView({ order: row.order, packages: row.packages, items: row.items, events: row.events }, row.seller, now);
  // the seller's own link lifetime, set in the dashboard, else LINK_TTL_DAYS
  const ttlDays = row.seller.linkTtlDays ?? ctx.linkTtlDays;
  if (linkExpired(view.status.finishedAt, now, ttlDays)) return { kind: 'gone', seller: row.seller };
  // the first instants past the link's last day and the feedback's last editable moment
  const stableUntil = pageStableUntil(view, now, [
    view.status.finishedAt && new Date(view.status.finishedAt.getTime() + ttlDays * DAY_MS + 1),
    row.feedback && new Date(feedbackEditableUntil(row.feedback.createdAt).getTime() + 1),
  ]);
  return {
    kind: 'ok', orderId: row.orderId, sellerId: row.seller.id, view, sms: row.sms,
    packageIds: row.packages.map((p) => p.id), country: row.order.destCountry,
    smsCountries: row.seller.smsCountries ? row.seller.smsCountries.split(',') : null,
    feedback: row.feedback, reports: row.reports.map((r) => ({ packageId: r.packageId, problem: r.problem, at: r.createdAt, note: r.note })),
    stableUntil, version: row.version,
  };
}

/** The same, for the API: a live link or the typed 404 / 410 (the 410 carries the seller's contact). */
export async function openLinkOrFail({ ctx, input }: { ctx: ServiceContext; input: { token: string } }) {
  const link = await openTrackingLink({ ctx, input });
  if (link.kind === 'not_found') throw NotFound('Tracking link');
  if (link.kind === 'gone') {
    const { name, supportEmail, supportPhone, supportUrl } = link.seller;
    throw Gone('This tracking link is no longer active', { seller: { name, email: supportEmail, phone: supportPhone, url: supportUrl } });
  }
  return link;
}

/**
 * The page cache's check before it serves a rendered page (one indexed row): the token's order,
 * whether the link was replaced, and the version of everything its page shows. Undefined for a
 * token that opens nothing.
 */
export async function pageStamp({ ctx, input }: { ctx: ServiceContext; input: { token: string } }): Promise<PageStamp | undefined> {
  if (!isWellFormedToken(input.token)) return undefined;
  return readPageStamp(ctx.read.row, hashToken(input.token));
}
export type { PageStamp };
