import { Invalid } from '../errors';

// The columns of an orders CSV (README "Importing orders"): one row per item, an order's rows together.
export const COLUMNS = [
  'order_number', 'first_name', 'language', 'city', 'region', 'postal_code', 'country', 'time_zone', 'promised_date',
  'item_name', 'item_quantity', 'item_sku', 'carrier', 'tracking_number',
] as const;
export type Column = (typeof COLUMNS)[number];

export const REQUIRED: readonly Column[] = ['order_number', 'country'];

/** Columns that describe the whole order: every row of the order says the same, or leaves them blank. */
export const ORDER_COLUMNS = ['first_name', 'language', 'city', 'region', 'postal_code', 'country', 'time_zone', 'promised_date'] as const satisfies readonly Column[];

/** A row's non-blank cells, trimmed, by column. */
export type Cells = Partial<Record<Column, string>>;

/** Where each known column sits in a row, from the header (names case-insensitive); refuses a header it cannot read. */
export function readHeader(fields: readonly string[]): (row: readonly string[]) => Cells {
  const names = fields.map((f) => f.trim().toLowerCase());
  const known = new Set<string>(COLUMNS);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) {
    const shown = unknown.map((n) => (n ? `“${n}”` : '“” (a column without a name)'));
    throw Invalid(`Line 1: unknown column${unknown.length > 1 ? 's' : ''} ${shown.join(', ')}; the columns are ${COLUMNS.join(', ')}`);
  }
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) throw Invalid(`Line 1: column ${[...new Set(twice)].join(', ')} appears more than once`);
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length) throw Invalid(`Line 1: the header must name the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);

  const at = names.map((n, i) => [n as Column, i] as const);
  return (row) => {
    const cells: Cells = {};
    for (const [column, i] of at) {
      const value = row[i]?.trim();
      if (value) cells[column] = value;
    }
    return cells;
  };
}
