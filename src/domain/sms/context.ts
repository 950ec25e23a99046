import { eq, sql } from 'drizzle-orm';
import { orders, sellers, trackingLinks } from '../../../db/schema';
import { trackingUrl } from '../links';
import { deriveTrackingToken } from '../tokens';
import type { ServiceContext } from '../context';
import type { Tx } from './rate-limits';

/** What every text about an order needs: who sends it, which order, the link, quiet hours. */
export interface TextingContext {
  orderId: number;
  sellerId: number;
  sellerName: string;
  orderNumber: string;
  zone: string;
  destCountry: string;
  /** the order's current tracking link; null if the seller revoked it */
  link: string | null;
  contact: string | null;
  quiet: { startMinute: number; endMinute: number };
}

export async function loadTextingContext(tx: Tx, keys: Pick<ServiceContext, 'secrets' | 'baseUrl'>, orderId: number): Promise<TextingContext | null> {
  const [row] = await tx
    .select({
      sellerId: orders.sellerId, orderNumber: orders.orderNumber, zone: orders.timeZone, destCountry: orders.destCountry,
      sellerName: sellers.name, email: sellers.supportEmail, phone: sellers.supportPhone, url: sellers.supportUrl,
      quietStart: sellers.quietStartMinute, quietEnd: sellers.quietEndMinute,
      linkVersion: trackingLinks.version, linkSalt: trackingLinks.salt, linkRevokedAt: trackingLinks.revokedAt,
    })
    .from(orders)
    .innerJoin(sellers, eq(sellers.id, orders.sellerId))
    // the order's newest link version: the one its texts point at
    .leftJoin(trackingLinks, sql`${trackingLinks.orderId} = ${orders.id} and ${trackingLinks.version} = (select max(version) from tracking_links where order_id = ${orders.id})`)
    .where(eq(orders.id, orderId))
    .limit(1);
  if (!row) return null;
  const token = row.linkSalt && row.linkVersion != null && !row.linkRevokedAt
    ? deriveTrackingToken(keys.secrets.appSecret, { orderId, version: row.linkVersion, salt: row.linkSalt })
    : null;
  return {
    orderId,
    sellerId: row.sellerId,
    sellerName: row.sellerName,
    orderNumber: row.orderNumber,
    zone: row.zone,
    destCountry: row.destCountry,
    link: token ? trackingUrl(keys.baseUrl, token) : null,
    contact: row.email ?? row.phone ?? row.url,
    quiet: { startMinute: row.quietStart, endMinute: row.quietEnd },
  };
}
