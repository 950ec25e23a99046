import { Readable } from 'node:stream';
import { CsvError, parse, type InfoRecord, type Options } from 'csv-parse';
import { DomainError, Invalid } from '../errors';

export type CsvInput = AsyncIterable<Uint8Array | string> | string;
export type CsvBytes = readonly (Uint8Array | string)[];

/** One non-blank record: the physical line it starts on (1 = header), its fields, the bytes read through its end. */
export interface CsvRecord {
  line: number;
  fields: string[];
  bytes: number;
}

// No real row comes near this; a quote that is never closed would otherwise swallow the rest of the file.
const MAX_ROW_BYTES = 64 * 1024;

/**
 * Reads the whole upload once, refusing it past `maxBytes` or when it is not UTF-8. The bytes (at
 * most `maxBytes`) are kept so the rows can be read twice: once to check the file, once to import.
 */
export async function readCsvBytes(csv: CsvInput, maxBytes: number): Promise<CsvBytes> {
  if (typeof csv === 'string') {
    checkSize(Buffer.byteLength(csv), maxBytes);
    return [csv];
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of csv) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buf.byteLength;
    checkSize(bytes, maxBytes);
    checkUtf8(() => utf8.decode(buf, { stream: true }));
    chunks.push(buf);
  }
  checkUtf8(() => utf8.decode());
  return chunks;
}

function checkSize(bytes: number, maxBytes: number): void {
  if (bytes > maxBytes) throw new DomainError('payload_too_large', `The file is larger than ${formatBytes(maxBytes)}; split it into smaller files`);
}

function checkUtf8(decode: () => unknown): void {
  try {
    decode();
  } catch {
    throw Invalid('The file is not UTF-8 text; in a spreadsheet, save it as “CSV UTF-8”');
  }
}

const formatBytes = (n: number) => (n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MB` : `${n.toLocaleString('en-US')} bytes`);

/**
 * The file's records, streamed through csv-parse, skipping blank lines and rows of empty cells.
 * Lines are counted here from each record's raw text: csv-parse's own `info.lines` counts a CR LF
 * inside a quoted field as two lines. A file that is not valid CSV is refused at the line it breaks.
 */
export async function* csvRecords(bytes: CsvBytes): AsyncGenerator<CsvRecord> {
  let line = 1;
  // Runs as each record is parsed, so `line` is already right when a later record fails.
  const onRecord = ({ record, raw }: { record: string[]; raw: string }, info: InfoRecord): CsvRecord | null => {
    const start = line;
    line += raw.match(/\r\n|\r|\n/g)?.length ?? 0;
    return record.every((f) => f.trim() === '') ? null : { line: start, fields: record, bytes: info.bytes };
  };
  const parser = parse({
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_ROW_BYTES,
    // csv-parse's types miss that with `raw: true` on_record receives { record, raw }.
    on_record: onRecord as unknown as Options['on_record'],
  });
  Readable.from(bytes).pipe(parser);
  try {
    for await (const record of parser) yield record as CsvRecord;
  } catch (err) {
    if (err instanceof CsvError) throw Invalid(`Line ${line}: ${csvProblem(err)}`);
    throw err;
  } finally {
    parser.destroy();
  }
}

function csvProblem(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (a closing " is missing)';
    case 'CSV_MAX_RECORD_SIZE':
      return 'the row is longer than 64 KiB (often a quoted field that is never closed)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field has more text after its closing quote (write a quote inside quotes as "")';
    default:
      return err.message;
  }
}
