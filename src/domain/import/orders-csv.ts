import type { SellerContext } from '../context';
import { Invalid } from '../errors';
import type { CreateOrderInput } from '../inputs';
import { readHeader, type Cells } from './csv-columns';
import { csvRecords, readCsvBytes, type CsvBytes, type CsvInput } from './csv-records';
import { createOrders } from './create-orders';
import { orderFromRows, type CsvRow } from './order-rows';

/** The most a file may hold: data rows (the header not counted) and bytes. */
export const IMPORT_LIMITS = { maxRows: 50_000, maxBytes: 20 * 1024 * 1024 };
export type ImportLimits = typeof IMPORT_LIMITS;
/** Errors listed in a result; `failed` keeps counting past them. */
export const MAX_LISTED_ERRORS = 500;

// Orders written per transaction: the process's write queue waits at most one batch (tens of ms).
const ORDERS_PER_BATCH = 250;
// Rows handled between progress reports when few orders are ready to write (a file of bad rows).
const ROWS_PER_REPORT = 1_000;

export interface ImportOrdersInput {
  csv: CsvInput;
  onProgress?: (progress: { rows: number; bytes: number }) => void;
  /** smaller limits for tests; IMPORT_LIMITS otherwise */
  limits?: Partial<ImportLimits>;
}
export interface ImportError {
  /** the physical line the row starts on, 1 being the header */
  line: number;
  orderNumber: string | null;
  message: string;
}
export interface ImportOrdersResult {
  /** orders created, orders this seller already had (left as they were), orders not imported */
  created: number;
  existing: number;
  failed: number;
  /** one per row of a failed order, in file order, at most MAX_LISTED_ERRORS */
  errors: ImportError[];
}

/**
 * Imports a seller's orders from a CSV file (columns in csv-columns.ts): each order through the
 * API's schema and createOrder's rows, all or nothing per order, source 'import'. A file over the
 * limits, without a readable header or not valid CSV is refused before anything is written.
 * Importing the same file again creates nothing: its orders come back as `existing`.
 */
export async function importOrdersCsv({ ctx, input }: { ctx: SellerContext; input: ImportOrdersInput }): Promise<ImportOrdersResult> {
  const limits = { ...IMPORT_LIMITS, ...input.limits };
  const bytes = await readCsvBytes(input.csv, limits.maxBytes);
  await checkFile(bytes, limits.maxRows);

  const now = ctx.now();
  const result: ImportOrdersResult = { created: 0, existing: 0, failed: 0, errors: [] };
  const firstLines = new Map<string, number>(); // order number → the line its rows start on
  let batch: CreateOrderInput[] = [];
  let group: CsvRow[] = [];
  const done = { rows: 0, bytes: 0, reported: 0 };

  const flush = async () => {
    for (const { created } of await createOrders({ ctx, input: { orders: batch, source: 'import' } })) {
      if (created) result.created++;
      else result.existing++;
    }
    batch = [];
    done.reported = done.rows;
    input.onProgress?.({ rows: done.rows, bytes: done.bytes });
  };

  const closeOrder = async (groupBytes: number) => {
    const rows = group;
    group = [];
    const orderNumber = rows[0]!.cells.order_number ?? null;
    const earlier = orderNumber === null ? undefined : firstLines.get(orderNumber);
    if (earlier !== undefined) rows[0]!.problems.push(`order_number: ${orderNumber} already appears on line ${earlier}; put all rows of an order together`);
    else if (orderNumber !== null) firstLines.set(orderNumber, rows[0]!.line);

    const outcome = orderFromRows(rows, now);
    if (outcome.ok) batch.push(outcome.order);
    else {
      result.failed++;
      const room = MAX_LISTED_ERRORS - result.errors.length;
      result.errors.push(...outcome.errors.slice(0, Math.max(room, 0)).map((e) => ({ ...e, orderNumber })));
    }
    done.rows += rows.length;
    done.bytes = groupBytes;
    if (batch.length >= ORDERS_PER_BATCH || done.rows - done.reported >= ROWS_PER_REPORT) await flush();
  };

  let cellsOf: ((fields: readonly string[]) => Cells) | null = null;
  let width = 0;
  let lastBytes = 0;
  for await (const record of csvRecords(bytes)) {
    if (!cellsOf) {
      cellsOf = readHeader(record.fields);
      width = record.fields.length;
      continue;
    }
    const cells = cellsOf(record.fields);
    // Consecutive rows with one order number are one order; a row without one is a failed order of its own.
    if (group.length && (cells.order_number === undefined || cells.order_number !== group[0]!.cells.order_number)) await closeOrder(lastBytes);
    const extra = record.fields.slice(width).filter((f) => f.trim() !== '').length;
    group.push({ line: record.line, cells, problems: extra ? [`the row has ${extra} more field${extra > 1 ? 's' : ''} than the header has columns`] : [] });
    lastBytes = record.bytes;
  }
  if (group.length) await closeOrder(lastBytes);
  await flush();
  return result;
}

/** The first read: a header, valid CSV, at most `maxRows` data rows. Nothing is written until it passes. */
async function checkFile(bytes: CsvBytes, maxRows: number): Promise<void> {
  let rows = -1;
  for await (const record of csvRecords(bytes)) {
    if (rows === -1) readHeader(record.fields);
    if (++rows > maxRows) throw Invalid(`The file has more than ${maxRows.toLocaleString('en-US')} rows; split it into smaller files`);
  }
  if (rows === -1) throw Invalid(`The file is empty; its first line must name the columns (order_number, country, …)`);
}
