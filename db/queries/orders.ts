import type { ReadAll, ReadRow } from '../client';
import { orders, packages, trackingEvents } from '../schema';
import { col, columnList, decodeNamed } from './columns';

// Hot reads of the seller API: every event a seller posts looks up its order and answers with
// where the order now stands.

const FIND = `SELECT ${col(orders, 'o', 'id')} AS id FROM orders o WHERE ${col(orders, 'o', 'sellerId')} = ? AND ${col(orders, 'o', 'orderNumber')} = ?`;

/** A seller's order id by its number; another seller's order is simply not found. */
export async function findOrderId(readRow: ReadRow, sellerId: number, orderNumber: string): Promise<number | null> {
  const row = await readRow(FIND, [sellerId, orderNumber]);
  return row ? Number(row.id) : null;
}

const PACKAGE = ['id', 'trackingNumber'] as const;
const EVENT = ['id', 'type', 'occurredAt', 'packageId'] as const;
const OF_SELLER = `JOIN orders o ON o.id = ? AND ${col(orders, 'o', 'sellerId')} = ?`;
const PACKAGES = `SELECT ${columnList(packages, 'p', PACKAGE)} FROM packages p ${OF_SELLER} WHERE ${col(packages, 'p', 'orderId')} = o.id ORDER BY p.id`;
const EVENTS = `SELECT ${columnList(trackingEvents, 'e', EVENT)} FROM tracking_events e ${OF_SELLER} WHERE ${col(trackingEvents, 'e', 'orderId')} = o.id`;

/** One of a seller's orders: its packages and its events' bare facts (enough to say where it stands). */
export async function readOrderProgress(readAll: ReadAll, sellerId: number, orderId: number) {
  const [pkgs, events] = await Promise.all([readAll(PACKAGES, [orderId, sellerId]), readAll(EVENTS, [orderId, sellerId])]);
  return {
    packages: pkgs.map((p) => decodeNamed(packages, PACKAGE, p)),
    events: events.map((e) => decodeNamed(trackingEvents, EVENT, e)),
  };
}
