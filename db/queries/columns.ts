import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';

// Hot raw SQL names its columns through the Drizzle tables, so a renamed or retyped column
// changes the query and its decoding together instead of drifting silently.

type Key<T extends Table> = keyof T['_']['columns'] & string;

/** `alias.column_name` of a table's field. */
export function col<T extends Table>(table: T, alias: string, key: Key<T>): string {
  return `${alias}.${getTableColumns(table)[key]!.name}`;
}

/** `json_array(alias.a, alias.b, …)` of the given fields, in order. */
export function jsonArray<T extends Table>(table: T, alias: string, keys: readonly Key<T>[]): string {
  return `json_array(${keys.map((k) => col(table, alias, k)).join(', ')})`;
}

/** `json_object('field', alias.column, …)` of the given fields. */
export function jsonObject<T extends Table>(table: T, alias: string, keys: readonly Key<T>[]): string {
  return `json_object(${keys.map((k) => `'${k}', ${col(table, alias, k)}`).join(', ')})`;
}

/** The plain column list `alias.a, alias.b` (for SELECT). */
export function columnList<T extends Table>(table: T, alias: string, keys: readonly Key<T>[]): string {
  return keys.map((k) => `${col(table, alias, k)} AS ${k}`).join(', ');
}

/** Decodes values read in `keys` order (a json_array or a positional row) with each column's own mapping. */
export function decode<T extends Table, K extends Key<T>>(table: T, keys: readonly K[], values: readonly unknown[]): Pick<InferSelectModel<T>, K> {
  const columns = getTableColumns(table);
  const out: Record<string, unknown> = {};
  keys.forEach((k, i) => {
    const v = values[i];
    out[k] = v == null ? null : columns[k]!.mapFromDriverValue(v);
  });
  return out as Pick<InferSelectModel<T>, K>;
}

/** Decodes a json_object / named row with each column's own mapping. */
export function decodeNamed<T extends Table, K extends Key<T>>(table: T, keys: readonly K[], row: Record<string, unknown>): Pick<InferSelectModel<T>, K> {
  return decode(table, keys, keys.map((k) => row[k]));
}
