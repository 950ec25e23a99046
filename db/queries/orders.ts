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
const PACKAGES = `SELECT ${columnList(packages, 'p', PACKAGE)} FROM packages p WHERE ${col(packages, 'p', 'orderId')} = ? ORDER BY p.id`;
const EVENTS = `SELECT ${columnList(trackingEvents, 'e', EVENT)} FROM tracking_events e WHERE ${col(trackingEvents, 'e', 'orderId')} = ?`;

/** An order's packages and its events' bare facts (enough to say where it stands). */
export async function readOrderProgress(readAll: ReadAll, orderId: number) {
  const [pkgs, events] = await Promise.all([readAll(PACKAGES, [orderId]), readAll(EVENTS, [orderId])]);
  return {
    packages: pkgs.map((p) => decodeNamed(packages, PACKAGE, p)),
    events: events.map((e) => decodeNamed(trackingEvents, EVENT, e)),
  };
}
