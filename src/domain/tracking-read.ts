import type { ReadRow } from '../../db/client';
import type { TrackingSnapshot } from './tracking-view';
import type { SellerBrand } from './orders';

// The customer page's read: link, order, seller, packages, items and events in one statement,
// so a page view costs one prepared query (see db/client.ts preparedReader).
const SQL = `SELECT l.order_id AS orderId, l.revoked_at AS revokedAt,
  json_object('id', s.id, 'slug', s.slug, 'name', s.name, 'accentColor', s.accent_color, 'logoVersion', s.logo_version,
    'supportEmail', s.support_email, 'supportPhone', s.support_phone, 'supportUrl', s.support_url, 'publicFeedbackUrl', s.public_feedback_url) AS seller,
  json_array(o.order_number, o.customer_first_name, o.language, o.dest_city, o.dest_region, o.time_zone, o.time_zone_assumed, o.promised_date, o.dest_country) AS o,
  (SELECT json_group_array(json_array(id, carrier, tracking_number)) FROM (SELECT id, carrier, tracking_number FROM packages WHERE order_id = l.order_id ORDER BY id)) AS packages,
  (SELECT json_group_array(json_array(name, quantity)) FROM (SELECT name, quantity FROM items WHERE order_id = l.order_id ORDER BY id)) AS items,
  (SELECT json_group_array(json_array(id, package_id, type, occurred_at, city, region, country, stops_away, window_start, window_end, delivered_to, signature_required, note))
     FROM tracking_events WHERE order_id = l.order_id) AS events,
  (SELECT json_array(status, substr(phone, -4)) FROM sms_subscriptions WHERE order_id = l.order_id AND status IN ('pending', 'active')) AS sms,
  (SELECT json_array(rating, comment, arrived_ok, created_at) FROM feedback WHERE order_id = l.order_id) AS feedback,
  (SELECT json_group_array(json_array(package_id, created_at, note)) FROM (SELECT package_id, created_at, note FROM problem_reports WHERE order_id = l.order_id ORDER BY created_at)) AS reports
FROM tracking_links l JOIN orders o ON o.id = l.order_id JOIN sellers s ON s.id = o.seller_id
WHERE l.token_hash = ?`;

export interface LinkSnapshot {
  orderId: number;
  revoked: boolean;
  seller: SellerBrand;
  snapshot: TrackingSnapshot;
  /** the order's live text subscription: the page shows its state and the last 4 digits only */
  sms: { status: 'pending' | 'active'; last4: string } | null;
  country: string;
  feedback: LinkFeedback | null;
  /** not-received reports: what they are about (null: the whole order) and when they were made */
  reports: { packageId: number | null; at: Date; note: string | null }[];
}

export interface LinkFeedback {
  rating: number;
  comment: string | null;
  arrivedOk: boolean | null;
  createdAt: Date;
}

type Json = (string | number | null)[];
const date = (ms: unknown) => (ms == null ? null : new Date(Number(ms)));

export async function readLinkSnapshot(readRow: ReadRow, tokenHash: string): Promise<LinkSnapshot | null> {
  const row = await readRow(SQL, [tokenHash]);
  if (!row) return null;
  const o = JSON.parse(row.o as string) as Json;
  const snapshot: TrackingSnapshot = {
    order: {
      orderNumber: o[0] as string, customerFirstName: o[1] as string | null, language: o[2] as 'en' | 'es' | null,
      destCity: o[3] as string | null, destRegion: o[4] as string | null, timeZone: o[5] as string,
      timeZoneAssumed: o[6] === 1, promisedDate: o[7] as string | null,
    },
    packages: (JSON.parse(row.packages as string) as Json[]).map(([id, carrier, trackingNumber]) => ({
      id: id as number, carrier: carrier as TrackingSnapshot['packages'][number]['carrier'], trackingNumber: trackingNumber as string,
    })),
    items: (JSON.parse(row.items as string) as Json[]).map(([name, quantity]) => ({ name: name as string, quantity: quantity as number })),
    events: (JSON.parse(row.events as string) as Json[]).map((e) => ({
      id: e[0] as number, packageId: e[1] as number | null, type: e[2] as TrackingSnapshot['events'][number]['type'],
      occurredAt: new Date(e[3] as number), city: e[4] as string | null, region: e[5] as string | null, country: e[6] as string | null,
      stopsAway: e[7] as number | null, windowStart: date(e[8]), windowEnd: date(e[9]),
      deliveredTo: e[10] as TrackingSnapshot['events'][number]['deliveredTo'],
      signatureRequired: e[11] == null ? null : e[11] === 1, note: e[12] as string | null,
    })),
  };
  const sms = row.sms ? (JSON.parse(row.sms as string) as ['pending' | 'active', string]) : null;
  const fb = row.feedback ? (JSON.parse(row.feedback as string) as Json) : null;
  return {
    orderId: Number(row.orderId), revoked: row.revokedAt != null, seller: JSON.parse(row.seller as string) as SellerBrand, snapshot,
    sms: sms ? { status: sms[0], last4: sms[1] } : null,
    country: o[8] as string,
    feedback: fb ? { rating: fb[0] as number, comment: fb[1] as string | null, arrivedOk: fb[2] == null ? null : fb[2] === 1, createdAt: new Date(fb[3] as number) } : null,
    reports: (JSON.parse(row.reports as string) as Json[]).map(([packageId, at, note]) => ({ packageId: packageId as number | null, at: new Date(at as number), note: note as string | null })),
  };
}
