import type { ReadRow } from '../client';
import { integrationDeliveries, integrations, type Integration } from '../schema';
import { col, columnList, decodeNamed } from './columns';

// Every inbound webhook reads its connector and asks whether its delivery id was taken, before
// any write: two prepared statements on the read connection.

const FIELDS = ['id', 'sellerId', 'source', 'enabled', 'sealedCredentials', 'settings', 'createdAt', 'updatedAt', 'lastDeliveryAt', 'deliveries', 'refused', 'lastError', 'lastErrorAt'] as const satisfies readonly (keyof Integration)[];
const CONNECTOR = `SELECT ${columnList(integrations, 'i', FIELDS)} FROM integrations i WHERE ${col(integrations, 'i', 'id')} = ? AND ${col(integrations, 'i', 'source')} = ?`;
const TAKEN = `SELECT 1 AS taken FROM integration_deliveries d WHERE ${col(integrationDeliveries, 'd', 'integrationId')} = ? AND ${col(integrationDeliveries, 'd', 'deliveryId')} = ?`;

/** The connector a webhook URL names (its id and source), whatever its state; undefined when there is none. */
export async function webhookConnector(readRow: ReadRow, id: string, source: string): Promise<Integration | undefined> {
  const row = await readRow(CONNECTOR, [id, source]);
  return row ? decodeNamed(integrations, FIELDS, row) : undefined;
}

/** Whether the connector already took the delivery with this id. */
export async function deliveryTaken(readRow: ReadRow, integrationId: string, deliveryId: string): Promise<boolean> {
  return !!(await readRow(TAKEN, [integrationId, deliveryId]));
}
