import type { Db, ReadAll, ReadRow } from '../../db/client';

/**
 * What every domain verb runs with, built once at start (src/server/services.ts) and narrowed per
 * request: a seller's request carries the seller id, a customer's the link it opened. Verbs read
 * `verb({ ctx, input })`, so tenant scope is never a parameter a caller can forget.
 */
export interface ServiceContext {
  db: Db;
  /** hot reads through prepared statements (db/queries) */
  read: { row: ReadRow; all: ReadAll };
  /** the clock: tests pass a settable one; domain code never calls new Date() for "now" */
  now: () => Date;
  secrets: { appSecret: string };
  /** PUBLIC_BASE_URL: links in texts and answers point here */
  baseUrl: string;
  linkTtlDays: number;
  /** emails (invites, password resets): every one is stored; `deliver` sends it (null: the dev transport, shown on /dev/mail) */
  mail: { from: string; deliver: ((message: { to: string; subject: string; text: string }) => Promise<void>) | null };
  /** outbound webhooks: whether endpoints may be private, loopback or link-local (development and tests only) */
  webhooks: { allowPrivate: boolean };
  sms: {
    /** countries whose numbers may opt in (SMS pumping defence) */
    allowedCountries: readonly string[];
    /** opt-ins one IP address may make per hour */
    optInsPerIpHour: number;
    /** texts per UTC day across all processes */
    dailyBudget: number;
  };
}

/** A seller's request: every query is scoped by this seller. */
export interface SellerContext extends ServiceContext {
  sellerId: number;
}

/** A signed-in dashboard request: the seller, and who of its team is acting (see accounts/sessions.ts). */
export interface MemberContext extends SellerContext {
  member: { id: number; email: string; name: string | null; role: 'owner' | 'member'; sessionId: string };
}

/** A customer's request: the tracking link they opened (see tracking.ts). */
export interface LinkContext extends ServiceContext {
  link: OpenLink;
}

/** An opened, live tracking link: whose order it is and what the page shows. */
export type OpenLink = Extract<import('./tracking').TrackingLookup, { kind: 'ok' }>;

export const forSeller = (ctx: ServiceContext, sellerId: number): SellerContext => ({ ...ctx, sellerId });
export const forMember = (ctx: ServiceContext, session: { id: string; user: { id: number; sellerId: number; email: string; name: string | null; role: 'owner' | 'member' } }): MemberContext => ({
  ...ctx,
  sellerId: session.user.sellerId,
  member: { id: session.user.id, email: session.user.email, name: session.user.name, role: session.user.role, sessionId: session.id },
});
export const forLink = (ctx: ServiceContext, link: OpenLink): LinkContext => ({ ...ctx, link });
