import type { ReadRow } from '../client';
import { feedback, items, orders, packages, problemReports, sellers, smsSubscriptions, trackingEvents, trackingLinks } from '../schema';
import { col, decode, decodeNamed, jsonArray, jsonObject } from './columns';

// The customer page's read: link, order, seller, packages, items, events, text subscription,
// feedback and reports in one statement, so a page view costs one prepared query.

export const SELLER_BRAND = ['id', 'slug', 'name', 'accentColor', 'logoVersion', 'supportEmail', 'supportPhone', 'supportUrl', 'publicFeedbackUrl', 'isDemo', 'smsCountries', 'linkTtlDays'] as const;
const ORDER = ['orderNumber', 'customerFirstName', 'language', 'destCity', 'destRegion', 'timeZone', 'timeZoneAssumed', 'promisedDate', 'destCountry'] as const;
const PACKAGE = ['id', 'carrier', 'trackingNumber'] as const;
const ITEM = ['name', 'quantity', 'packageId'] as const;
const EVENT = ['id', 'packageId', 'type', 'occurredAt', 'city', 'region', 'country', 'stopsAway', 'windowStart', 'windowEnd', 'deliveredTo', 'signatureRequired', 'note', 'estimatedDate', 'pickupLocation', 'pickupHours', 'pickupBy'] as const;
const FEEDBACK = ['rating', 'comment', 'arrivedOk', 'createdAt'] as const;
const REPORT = ['packageId', 'problem', 'createdAt', 'note'] as const;

const l = (k: 'orderId' | 'revokedAt' | 'tokenHash') => col(trackingLinks, 'l', k);
const byOrder = (table: Parameters<typeof col>[0], alias: string) => `${col(table as typeof packages, alias, 'orderId')} = ${l('orderId')}`;

const SQL = `SELECT ${l('orderId')} AS orderId, ${l('revokedAt')} AS revokedAt,
  ${col(orders, 'o', 'pageVersion')} AS orderVersion, ${col(sellers, 's', 'pageVersion')} AS sellerVersion,
  ${jsonObject(sellers, 's', SELLER_BRAND)} AS seller,
  ${jsonArray(orders, 'o', ORDER)} AS o,
  (SELECT json_group_array(${jsonArray(packages, 'p', PACKAGE)}) FROM (SELECT * FROM packages p WHERE ${byOrder(packages, 'p')} ORDER BY p.id) p) AS packages,
  (SELECT json_group_array(${jsonArray(items, 'i', ITEM)}) FROM (SELECT * FROM items i WHERE ${byOrder(items, 'i')} ORDER BY i.id) i) AS items,
  (SELECT json_group_array(${jsonArray(trackingEvents, 'e', EVENT)}) FROM tracking_events e WHERE ${byOrder(trackingEvents, 'e')}) AS events,
  (SELECT json_array(${col(smsSubscriptions, 'm', 'status')}, substr(${col(smsSubscriptions, 'm', 'phone')}, -4)) FROM sms_subscriptions m WHERE ${byOrder(smsSubscriptions, 'm')} AND m.status IN ('pending', 'active')) AS sms,
  (SELECT ${jsonArray(feedback, 'f', FEEDBACK)} FROM feedback f WHERE ${byOrder(feedback, 'f')}) AS feedback,
  (SELECT json_group_array(${jsonArray(problemReports, 'r', REPORT)}) FROM (SELECT * FROM problem_reports r WHERE ${byOrder(problemReports, 'r')} ORDER BY r.created_at) r) AS reports
FROM tracking_links l JOIN orders o ON o.id = ${l('orderId')} JOIN sellers s ON s.id = o.seller_id
WHERE ${l('tokenHash')} = ?`;

/** The order's and the seller's page versions as one string: what a rendered page was rendered at. */
const pageVersion = (row: Record<string, unknown>) => `${Number(row.orderVersion)}.${Number(row.sellerVersion)}`;

const list = (json: unknown) => JSON.parse(json as string) as unknown[][];
const one = (json: unknown) => (json == null ? null : (JSON.parse(json as string) as unknown[]));

/** Everything a tracking page shows, by the token's hash; undefined for an unknown hash. */
export async function readTrackingPage(readRow: ReadRow, tokenHash: string) {
  const row = await readRow(SQL, [tokenHash]);
  if (!row) return undefined;
  const sms = one(row.sms);
  const fb = one(row.feedback);
  return {
    orderId: Number(row.orderId),
    revoked: row.revokedAt != null,
    version: pageVersion(row),
    seller: decodeNamed(sellers, SELLER_BRAND, JSON.parse(row.seller as string) as Record<string, unknown>),
    order: decode(orders, ORDER, one(row.o)!),
    packages: list(row.packages).map((p) => decode(packages, PACKAGE, p)),
    items: list(row.items).map((i) => decode(items, ITEM, i)),
    events: list(row.events).map((e) => decode(trackingEvents, EVENT, e)),
    // only the last 4 digits of the phone ever leave the database for the page
    sms: sms && { status: sms[0] as 'pending' | 'active', last4: String(sms[1]) },
    feedback: fb && decode(feedback, FEEDBACK, fb),
    reports: list(row.reports).map((r) => decode(problemReports, REPORT, r)),
  };
}

const STAMP_SQL = `SELECT ${l('orderId')} AS orderId, ${l('revokedAt')} AS revokedAt,
  ${col(orders, 'o', 'pageVersion')} AS orderVersion, ${col(sellers, 's', 'pageVersion')} AS sellerVersion,
  ${col(orders, 'o', 'language')} AS language, ${col(orders, 'o', 'timeZone')} AS zone
FROM tracking_links l JOIN orders o ON o.id = ${l('orderId')} JOIN sellers s ON s.id = o.seller_id
WHERE ${l('tokenHash')} = ?`;

/** What the page cache checks before serving a rendered page: the link, and the versions of its order's and seller's pages. */
export interface PageStamp {
  orderId: number;
  revoked: boolean;
  /** orders.page_version and sellers.page_version, raised by triggers on every change a page shows */
  version: string;
  language: 'en' | 'es' | null;
  zone: string;
}

/** The page stamp of a token's hash (one indexed row), or undefined for an unknown hash. */
export async function readPageStamp(readRow: ReadRow, tokenHash: string): Promise<PageStamp | undefined> {
  const row = await readRow(STAMP_SQL, [tokenHash]);
  if (!row) return undefined;
  return {
    orderId: Number(row.orderId),
    revoked: row.revokedAt != null,
    version: pageVersion(row),
    language: row.language === 'en' || row.language === 'es' ? row.language : null,
    zone: String(row.zone),
  };
}
