// Multi-row INSERT statements with inline literals: one statement carries thousands of rows, far
// past SQLite's bound-parameter limit, and costs one prepare instead of thousands.

export type SqlValue = string | number | boolean | null;

export function literal(v: SqlValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  return `'${v.replaceAll("'", "''")}'`;
}

/** Collects rows for one table and cuts them into INSERT statements of at most `rowsPerStatement` rows. */
export class InsertBuffer {
  readonly #head: string;
  readonly #rowsPerStatement: number;
  #rows: string[] = [];
  #statements: string[] = [];
  rowCount = 0;

  constructor(table: string, columns: readonly string[], rowsPerStatement: number) {
    this.#head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES\n`;
    this.#rowsPerStatement = rowsPerStatement;
  }

  add(values: readonly SqlValue[]): void {
    this.#rows.push(`(${values.map(literal).join(',')})`);
    this.rowCount++;
    if (this.#rows.length >= this.#rowsPerStatement) this.#cut();
  }

  /** The statements built so far (including a final partial one); the buffer starts empty again. */
  drain(): string[] {
    if (this.#rows.length) this.#cut();
    const out = this.#statements;
    this.#statements = [];
    return out;
  }

  #cut(): void {
    this.#statements.push(this.#head + this.#rows.join(',\n'));
    this.#rows = [];
  }
}
