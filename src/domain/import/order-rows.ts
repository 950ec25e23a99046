import type { z } from 'zod';
import { normalizeCarrier } from '../carriers';
import { DomainError } from '../errors';
import { checkInstantRange, createOrderInput, type CreateOrderInput } from '../inputs';
import { ORDER_COLUMNS, type Cells, type Column } from './csv-columns';

/** One data row of the file: where it starts, its cells, and what is wrong with it on its own. */
export interface CsvRow {
  line: number;
  cells: Cells;
  problems: string[];
}

export type RowError = { line: number; message: string };
export type OrderFromRows = { ok: true; order: CreateOrderInput } | { ok: false; errors: RowError[] };

// Where a field of the order input comes from in the file, to name it the way the file does.
const FIELD_COLUMNS: Record<string, Column> = {
  orderNumber: 'order_number', 'customer.firstName': 'first_name', 'customer.language': 'language',
  'destination.city': 'city', 'destination.region': 'region', 'destination.postalCode': 'postal_code',
  'destination.country': 'country', 'destination.timeZone': 'time_zone', promisedDate: 'promised_date',
  'items.name': 'item_name', 'items.quantity': 'item_quantity', 'items.sku': 'item_sku', 'items.trackingNumber': 'tracking_number',
  'packages.carrier': 'carrier', 'packages.trackingNumber': 'tracking_number',
};
const LIST_NAMES: Record<string, string> = { items: 'item rows', packages: 'tracking numbers' };

/**
 * The consecutive rows of one order as the API's order input, checked by the API's own schema
 * (createOrderInput) and date range; or, when anything is wrong, an error for every one of its
 * rows, so that no part of the order is created.
 */
export function orderFromRows(rows: readonly CsvRow[], now: Date): OrderFromRows {
  const first = rows[0]!;
  const problems = new Map<number, string[]>(rows.map((r) => [r.line, [...r.problems]]));
  const report = (line: number, message: string) => problems.get(line)!.push(message);

  // Order columns: the first value given counts; a later row may leave it blank but not contradict it.
  const given: Partial<Record<Column, { value: string; line: number }>> = {};
  for (const row of rows) {
    for (const column of ORDER_COLUMNS) {
      const value = row.cells[column];
      const earlier = given[column];
      if (value === undefined) continue;
      if (!earlier) given[column] = { value, line: row.line };
      else if (earlier.value.toLowerCase() !== value.toLowerCase()) {
        report(row.line, `${column}: “${clip(value)}” differs from “${clip(earlier.value)}” on line ${earlier.line} (the rows of one order must agree)`);
      }
    }
  }

  // Each row with item cells is an item; each distinct tracking number a package, the row's item in it.
  const items: Record<string, unknown>[] = [];
  const itemLines: number[] = [];
  const packages: { carrier?: string; trackingNumber: string }[] = [];
  const packageLines: number[] = [];
  for (const row of rows) {
    const { item_name, item_quantity, item_sku, carrier, tracking_number } = row.cells;
    if (tracking_number) {
      const pkg = packages.find((p) => p.trackingNumber.toUpperCase() === tracking_number.toUpperCase());
      if (!pkg) {
        packages.push({ carrier, trackingNumber: tracking_number });
        packageLines.push(row.line);
      } else if (carrier && !pkg.carrier) pkg.carrier = carrier;
      else if (carrier && normalizeCarrier(carrier) !== normalizeCarrier(pkg.carrier)) {
        report(row.line, `carrier: “${clip(carrier)}” differs from “${clip(pkg.carrier!)}” for tracking number ${clip(tracking_number)}`);
      }
    } else if (carrier) report(row.line, 'carrier: given without a tracking_number');
    if (item_name !== undefined || item_quantity !== undefined || item_sku !== undefined) {
      const wholeNumber = item_quantity === undefined || /^\d+$/.test(item_quantity);
      if (!wholeNumber) report(row.line, `item_quantity: must be a whole number (got “${clip(item_quantity)}”)`);
      const quantity = item_quantity !== undefined && wholeNumber ? Number(item_quantity) : undefined;
      items.push({ name: item_name, quantity, sku: item_sku, trackingNumber: tracking_number });
      itemLines.push(row.line);
    }
  }

  const value = (column: Column) => given[column]?.value;
  const parsed = createOrderInput.safeParse({
    orderNumber: first.cells.order_number,
    customer: { firstName: value('first_name'), language: value('language')?.toLowerCase() },
    destination: {
      city: value('city'), region: value('region'), postalCode: value('postal_code'), country: value('country'), timeZone: value('time_zone'),
    },
    items,
    promisedDate: value('promised_date'),
    packages,
  });

  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.filter((p) => typeof p === 'string').join('.');
      const index = issue.path.find((p) => typeof p === 'number');
      const column = FIELD_COLUMNS[key];
      const lines = issue.path[0] === 'items' ? itemLines : issue.path[0] === 'packages' ? packageLines : null;
      const line = (lines && index !== undefined ? lines[index] : column && given[column]?.line) || first.line;
      const cell = column && rows.find((r) => r.line === line)!.cells[column];
      report(line, `${column ?? LIST_NAMES[key] ?? key}: ${describe(issue, cell)}`);
    }
  } else {
    try {
      checkInstantRange(parsed.data, now);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      report(given.promised_date?.line ?? first.line, err.message.replace(/\bpromisedDate\b/g, 'promised_date'));
    }
  }

  const bad = [...problems].filter(([, messages]) => messages.length).map(([line]) => line);
  if (parsed.success && bad.length === 0) return { ok: true, order: parsed.data };
  const others = `not imported: this order has errors on line${bad.length > 1 ? 's' : ''} ${bad.join(', ')}`;
  return { ok: false, errors: rows.map((r) => ({ line: r.line, message: problems.get(r.line)!.join('; ') || others })) };
}

function describe(issue: z.core.$ZodIssue, cell: string | undefined): string {
  if (cell === undefined) return issue.code === 'invalid_type' ? 'required' : issue.message;
  return `${issue.message} (got “${clip(cell)}”)`;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
