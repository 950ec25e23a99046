import { eq } from 'drizzle-orm';
import { orders, sellers } from '../../../db/schema';
import { currentToken, trackingUrl } from '../links';
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

export async function loadTextingContext(tx: Tx, keys: { appSecret: string; baseUrl: string }, orderId: number): Promise<TextingContext | null> {
  const [row] = await tx
    .select({
      sellerId: orders.sellerId, orderNumber: orders.orderNumber, zone: orders.timeZone, destCountry: orders.destCountry,
      sellerName: sellers.name, email: sellers.supportEmail, phone: sellers.supportPhone, url: sellers.supportUrl,
      quietStart: sellers.quietStartMinute, quietEnd: sellers.quietEndMinute,
    })
    .from(orders)
    .innerJoin(sellers, eq(sellers.id, orders.sellerId))
    .where(eq(orders.id, orderId))
    .limit(1);
  if (!row) return null;
  const token = await currentToken(tx, keys.appSecret, orderId);
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
