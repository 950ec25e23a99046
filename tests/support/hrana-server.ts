/**
 * A test stand-in for sqld: Hrana over HTTP (the libSQL "HTTP API v2/v3", JSON encoding) on top of a
 * local libSQL database file, so `@libsql/client` with an `http://` URL behaves as it does against sqld
 * or Turso. Written from the published protocol documents (tursodatabase/libsql docs/HTTP_V2_SPEC.md and
 * docs/HRANA_3_SPEC.md) and from what @libsql/hrana-client sends and reads; where the documents leave
 * something to the server (error codes, which statements report affected rows), it follows sqld.
 *
 * - `GET /`, `/v2`, `/v3`, `/health` answer 200. `POST /v2/pipeline`, `/v3/pipeline` take
 *   `{ baton, requests }` and answer `{ baton, base_url, results }`; `POST /v3/cursor` streams a batch
 *   as lines of JSON. The Protobuf endpoints (`/v3-protobuf/...`) answer 404, so a client probing for
 *   them falls back to JSON, as the client is written to.
 * - Each stream is one SQLite connection held between the requests that carry its baton; a request with
 *   no baton opens a stream. Every response carries a fresh, signed baton, and an idle stream expires
 *   (its transaction rolled back) after `streamIdleMs`, as sqld does after 10 s.
 * - Connections have no SQLite busy handler: a busy handler sleeps on this single thread and would stop
 *   the very transaction it waits for from committing. A statement that meets SQLITE_BUSY where SQLite's
 *   busy handler would be called (no transaction of its own open yet) is retried asynchronously, first
 *   come first served, woken as soon as another stream ends its transaction, until `busyTimeoutMs`;
 *   only then does the client get SQLITE_BUSY.
 *
 * Where it differs from sqld:
 * - Protocol errors (bad JSON, bad baton, unknown sql_id) answer 400 with a JSON `{ message, code }`;
 *   sqld answers text/plain, which @libsql/client reports as code SERVER_ERROR.
 * - sqld rolls back a write transaction that has held the lock for 5 s when another writer waits
 *   (its next statement fails with TRANSACTION_TIMEOUT); here the waiter gets SQLITE_BUSY instead.
 * - No Protobuf, no authentication (the Authorization header is ignored), no replication indexes;
 *   `rows_read`/`rows_written` are the rows returned/changed, not SQLite's counters.
 * - The libsql npm binding cuts text at a U+0000 character.
 *
 * Run it as a script to share one server between processes:
 *   node --import tsx tests/support/hrana-server.ts <file.db> [port]   → prints `listening http://127.0.0.1:PORT`
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Libsql from 'libsql';

export interface HranaServerOptions {
  /** The database file (a path, or a `file:` URL). Created if missing; switched to WAL. */
  file: string;
  /** 0 or absent: any free port. The server listens on 127.0.0.1 only. */
  port?: number;
  /** How long a stream may sit unused before it is closed and its transaction rolled back (sqld: 10 s). */
  streamIdleMs?: number;
  /** How long a statement that finds the database locked keeps retrying before SQLITE_BUSY (db/client.ts uses 5 s). */
  busyTimeoutMs?: number;
}

export interface HranaServerStats {
  /** Streams holding a connection now. */
  streamsOpen: number;
  streamsOpened: number;
  /** Closed by the client's `close` request. */
  streamsClosed: number;
  /** Closed for being idle too long (their transactions rolled back). */
  streamsExpired: number;
  /** Dropped because a request on them broke the protocol. */
  streamsDiscarded: number;
  pipelineRequests: number;
  cursorRequests: number;
  /** HTTP requests answered 4xx/5xx. */
  httpErrors: number;
  /** Statements that found the database locked and waited for another try. */
  busyRetries: number;
  /** Statements that were still locked out at the deadline and answered SQLITE_BUSY. */
  busyTimeouts: number;
  /** Statements executed (each try counts once), for tests that want to see the server was used. */
  statements: number;
}

export interface HranaServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  stats(): HranaServerStats;
}

const DEFAULT_IDLE_MS = 10_000;
const DEFAULT_BUSY_MS = 5_000;
/** sqld keeps an expired stream's id this long to answer "expired" rather than "invalid baton". */
const EXPIRED_TOMBSTONE_MS = 300_000;
/** sqld's limits on SQL texts stored per stream (@libsql/client caches at most 30, under 5,000 chars). */
const MAX_STORED_SQL = 50;
const MAX_STORED_SQL_BYTES = 5 * 1024;
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const MAX_BACKOFF_MS = 25;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

// ---------------------------------------------------------------------------------------------
// Protocol structures (JSON encoding)
// ---------------------------------------------------------------------------------------------

type SqlValue = null | bigint | number | string | Buffer;
type JsonValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

interface Stmt {
  sql: string | undefined;
  sqlId: number | undefined;
  args: SqlValue[];
  namedArgs: { name: string; value: SqlValue }[];
  wantRows: boolean;
}
type Cond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: Cond }
  | { type: 'and' | 'or'; conds: Cond[] }
  | { type: 'is_autocommit' };
interface Batch {
  steps: { condition: Cond | undefined; stmt: Stmt }[];
}
type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: Batch }
  | { type: 'sequence' | 'describe'; sql: string | undefined; sqlId: number | undefined }
  | { type: 'store_sql'; sqlId: number; sql: string }
  | { type: 'close_sql'; sqlId: number }
  | { type: 'get_autocommit' };

interface ProtoError {
  message: string;
  code: string;
}
interface StmtResult {
  cols: { name: string | null; decltype: string | null }[];
  rows: JsonValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  rows_read: number;
  rows_written: number;
  query_duration_ms: number;
}
interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (ProtoError | null)[];
}
type StreamResult = { type: 'ok'; response: Record<string, unknown> & { type: string } } | { type: 'error'; error: ProtoError };

/** The request breaks the protocol: HTTP 400, and the stream is dropped (as sqld does). */
class ProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
/** The baton's stream expired: sqld answers HTTP 500 with code STREAM_EXPIRED. */
class StreamExpiredError extends Error {
  readonly code = 'STREAM_EXPIRED';
  constructor() {
    super('The stream has expired due to inactivity');
  }
}
/** A statement failed: reported inside the result, the stream lives on. */
class StmtError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** SQLite's extended result code, when the error came from SQLite. */
    readonly rawCode?: number,
  ) {
    super(message);
  }
  toProto(): ProtoError {
    return { message: this.message, code: this.code };
  }
}

// --- decoding (strict about what the spec defines, ignoring unknown fields, as serde does) ----

type Obj = Record<string, unknown>;
const bad = (what: string): never => {
  throw new ProtocolError('JSON_DESERIALIZE', `Cannot deserialize request body: ${what}`);
};
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown, what: string): Obj => (isObj(v) ? v : bad(`${what} must be an object`));
const arr = (v: unknown, what: string): unknown[] => (Array.isArray(v) ? v : bad(`${what} must be an array`));
const optArr = (v: unknown, what: string): unknown[] => (v === undefined || v === null ? [] : arr(v, what));
const str = (v: unknown, what: string): string => (typeof v === 'string' ? v : bad(`${what} must be a string`));
const optStr = (v: unknown, what: string): string | undefined => (v === undefined || v === null ? undefined : str(v, what));
const int32 = (v: unknown, what: string): number =>
  Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 31 ? (v as number) : bad(`${what} must be a 32-bit integer`);
const optInt32 = (v: unknown, what: string): number | undefined => (v === undefined || v === null ? undefined : int32(v, what));
const uint32 = (v: unknown, what: string): number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 32 ? (v as number) : bad(`${what} must be a non-negative integer`);

function decodeValue(v: unknown): SqlValue {
  const o = obj(v, 'value');
  switch (o.type) {
    case 'null':
      return null;
    case 'integer': {
      const s = str(o.value, 'integer value');
      if (!/^[+-]?\d+$/.test(s)) bad('integer value must be a decimal string');
      const n = BigInt(s);
      if (n < I64_MIN || n > I64_MAX) bad('integer value out of 64-bit range');
      return n;
    }
    case 'float': {
      if (typeof o.value !== 'number' || !Number.isFinite(o.value)) bad('float value must be a finite number');
      return o.value as number;
    }
    case 'text':
      return str(o.value, 'text value');
    case 'blob': {
      const b64 = str(o.base64, 'blob base64');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) bad('blob base64 is not base64');
      return Buffer.from(b64, 'base64');
    }
    default:
      return bad('Value type not recognized');
  }
}

function decodeStmt(v: unknown): Stmt {
  const o = obj(v, 'stmt');
  const wantRows = o.want_rows === undefined || o.want_rows === null ? true : o.want_rows;
  if (typeof wantRows !== 'boolean') bad('want_rows must be a boolean');
  return {
    sql: optStr(o.sql, 'sql'),
    sqlId: optInt32(o.sql_id, 'sql_id'),
    args: optArr(o.args, 'args').map(decodeValue),
    namedArgs: optArr(o.named_args, 'named_args').map((a) => {
      const na = obj(a, 'named arg');
      return { name: str(na.name, 'named arg name'), value: decodeValue(na.value) };
    }),
    wantRows: wantRows as boolean,
  };
}

function decodeCond(v: unknown): Cond {
  const o = obj(v, 'condition');
  switch (o.type) {
    case 'ok':
    case 'error':
      return { type: o.type, step: uint32(o.step, 'condition step') };
    case 'not':
      return { type: 'not', cond: decodeCond(o.cond) };
    case 'and':
    case 'or':
      return { type: o.type, conds: arr(o.conds, 'condition conds').map(decodeCond) };
    case 'is_autocommit':
      return { type: 'is_autocommit' };
    default:
      return bad('BatchCond type not recognized');
  }
}

function decodeBatch(v: unknown): Batch {
  const o = obj(v, 'batch');
  return {
    steps: arr(o.steps, 'batch steps').map((s) => {
      const step = obj(s, 'batch step');
      return { condition: step.condition === undefined || step.condition === null ? undefined : decodeCond(step.condition), stmt: decodeStmt(step.stmt) };
    }),
  };
}

function decodeRequest(v: unknown): StreamRequest {
  const o = obj(v, 'request');
  switch (o.type) {
    case 'close':
    case 'get_autocommit':
      return { type: o.type };
    case 'execute':
      return { type: 'execute', stmt: decodeStmt(o.stmt) };
    case 'batch':
      return { type: 'batch', batch: decodeBatch(o.batch) };
    case 'sequence':
    case 'describe':
      return { type: o.type, sql: optStr(o.sql, 'sql'), sqlId: optInt32(o.sql_id, 'sql_id') };
    case 'store_sql':
      return { type: 'store_sql', sqlId: int32(o.sql_id, 'sql_id'), sql: str(o.sql, 'sql') };
    case 'close_sql':
      return { type: 'close_sql', sqlId: int32(o.sql_id, 'sql_id') };
    default:
      return bad('StreamRequest type not recognized');
  }
}

function decodeBaton(body: Obj): string | undefined {
  return optStr(body.baton, 'baton');
}

// --- encoding ---------------------------------------------------------------------------------

function encodeValue(v: unknown): JsonValue {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() };
  // A non-finite float becomes JSON null, which the client rejects, as it does from sqld.
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (v instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  throw new Error(`unexpected value from SQLite: ${typeof v}`);
}

// ---------------------------------------------------------------------------------------------
// SQL text: splitting into statements, finding parameters, recognising the statement's kind.
// A small lexer after SQLite's tokenizer; it never judges syntax (SQLite does that in prepare).
// ---------------------------------------------------------------------------------------------

type TokKind = 'ws' | 'semi' | 'word' | 'param' | 'string' | 'ident' | 'other';
interface Tok {
  kind: TokKind;
  text: string;
  start: number;
  end: number;
}

const isIdStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80;
const isIdChar = (c: number) => isIdStart(c) || (c >= 48 && c <= 57) || c === 36;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

function lex(sql: string): Tok[] {
  const toks: Tok[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: TokKind, start: number, end: number) => toks.push({ kind, text: sql.slice(start, end), start, end });
  const quoted = (close: string, from: number): number => {
    let j = from + 1;
    for (;;) {
      const k = sql.indexOf(close, j);
      if (k < 0) return n;
      if (close !== ']' && sql[k + 1] === close) {
        j = k + 2;
        continue;
      }
      return k + 1;
    }
  };
  while (i < n) {
    const c = sql.charCodeAt(i);
    const start = i;
    if (isSpace(c)) {
      while (i < n && isSpace(sql.charCodeAt(i))) i++;
      push('ws', start, i);
    } else if (c === 45 /* - */ && sql.charCodeAt(i + 1) === 45) {
      const k = sql.indexOf('\n', i);
      i = k < 0 ? n : k + 1;
      push('ws', start, i);
    } else if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42 /* * */) {
      const k = sql.indexOf('*/', i + 2);
      i = k < 0 ? n : k + 2;
      push('ws', start, i);
    } else if (c === 59 /* ; */) {
      i++;
      push('semi', start, i);
    } else if (c === 39 /* ' */) {
      i = quoted("'", i);
      push('string', start, i);
    } else if (c === 34 /* " */ || c === 96 /* ` */) {
      i = quoted(sql[i]!, i);
      push('ident', start, i);
    } else if (c === 91 /* [ */) {
      i = quoted(']', i);
      push('ident', start, i);
    } else if (c === 63 /* ? */) {
      i++;
      while (i < n && isDigit(sql.charCodeAt(i))) i++;
      push('param', start, i);
    } else if ((c === 58 /* : */ || c === 64 /* @ */ || c === 36) /* $ */ && i + 1 < n && isIdChar(sql.charCodeAt(i + 1))) {
      i++;
      for (;;) {
        while (i < n && isIdChar(sql.charCodeAt(i))) i++;
        // TCL-style names: $a::b and $a(x)
        if (c === 36 && sql.startsWith('::', i)) {
          i += 2;
          continue;
        }
        if (c === 36 && sql[i] === '(') {
          const k = sql.indexOf(')', i);
          if (k >= 0) i = k + 1;
        }
        break;
      }
      push('param', start, i);
    } else if (isIdStart(c)) {
      while (i < n && isIdChar(sql.charCodeAt(i))) i++;
      push('word', start, i);
    } else if (isDigit(c) || (c === 46 && isDigit(sql.charCodeAt(i + 1)))) {
      while (i < n) {
        const d = sql.charCodeAt(i);
        if (isIdChar(d) || d === 46) i++;
        else if ((d === 43 || d === 45) && /[eE]/.test(sql[i - 1]!)) i++;
        else break;
      }
      push('other', start, i);
    } else {
      i++;
      push('other', start, i);
    }
  }
  return toks;
}

interface SqlStatement {
  text: string;
  toks: Tok[];
}

/**
 * Splits SQL into statements at semicolons, except inside CREATE TRIGGER bodies, which end at END;
 * (SQLite's sqlite3_complete() state machine, plus CASE … END nesting inside trigger bodies).
 * Statements that are only whitespace, comments or semicolons are dropped.
 */
function splitSql(sql: string): SqlStatement[] {
  const toks = lex(sql);
  const out: SqlStatement[] = [];
  // states: 0 start, 1 normal, 2 explain, 3 create, 4 trigger body, 5 after ';' in body, 6 after END in body
  let state = 0;
  let caseDepth = 0;
  let begin = 0;
  let current: Tok[] = [];
  const finish = (end: number) => {
    if (current.some((t) => t.kind !== 'ws' && t.kind !== 'semi')) out.push({ text: sql.slice(begin, end), toks: current });
    current = [];
    begin = end;
  };
  for (const t of toks) {
    current.push(t);
    if (t.kind === 'ws') continue;
    const word = t.kind === 'word' ? t.text.toUpperCase() : '';
    if (state >= 4) {
      if (word === 'CASE') caseDepth++;
      if (t.kind === 'semi') state = state === 6 ? 0 : 5;
      else if (word === 'END' && caseDepth > 0) {
        caseDepth--;
        state = 4;
      } else state = word === 'END' && state === 5 ? 6 : 4;
      if (state === 0) {
        caseDepth = 0;
        finish(t.end);
      }
      continue;
    }
    if (t.kind === 'semi') {
      state = 0;
      finish(t.end);
    } else if (state === 0) state = word === 'EXPLAIN' ? 2 : word === 'CREATE' ? 3 : 1;
    else if (state === 2) state = word === 'CREATE' ? 3 : 1;
    else if (state === 3) state = word === 'TEMP' || word === 'TEMPORARY' ? 3 : word === 'TRIGGER' ? 4 : 1;
  }
  finish(sql.length);
  return out;
}

interface StatementInfo {
  /** SQLite parameter names by index - 1; null for nameless `?` (and unused indexes). */
  params: (string | null)[];
  /** INSERT, REPLACE, UPDATE or DELETE (after any WITH clause): sqld reports affected rows only for these. */
  isIud: boolean;
  /** INSERT or REPLACE: sqld reports last_insert_rowid only for these. */
  isInsert: boolean;
  isExplain: boolean;
  /** BEGIN [DEFERRED] or SAVEPOINT: opens a transaction without taking a lock. */
  isDeferredBegin: boolean;
}

function analyse(stmt: SqlStatement): StatementInfo {
  const params: (string | null)[] = [];
  const byName = new Map<string, number>();
  let count = 0;
  for (const t of stmt.toks) {
    if (t.kind !== 'param') continue;
    if (t.text === '?') {
      params[count++] = null;
    } else if (t.text.startsWith('?')) {
      const index = Number(t.text.slice(1));
      if (index >= 1 && index <= 32766) {
        params[index - 1] = t.text;
        count = Math.max(count, index);
        byName.set(t.text, index);
      }
    } else if (!byName.has(t.text)) {
      byName.set(t.text, ++count);
      params[count - 1] = t.text;
    }
  }
  for (let i = 0; i < count; i++) params[i] ??= null;
  const words = stmt.toks.filter((t) => t.kind !== 'ws');
  const first = words[0]?.kind === 'word' ? words[0].text.toUpperCase() : '';
  const second = words[1]?.kind === 'word' ? words[1].text.toUpperCase() : '';
  let verb = first;
  if (first === 'WITH') {
    let depth = 0;
    verb = '';
    for (const t of words.slice(1)) {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (depth === 0 && t.kind === 'word') {
        const w = t.text.toUpperCase();
        if (['SELECT', 'VALUES', 'INSERT', 'REPLACE', 'UPDATE', 'DELETE'].includes(w)) {
          verb = w;
          break;
        }
      }
    }
  }
  const isInsert = verb === 'INSERT' || verb === 'REPLACE';
  return {
    params,
    isIud: isInsert || verb === 'UPDATE' || verb === 'DELETE',
    isInsert,
    isExplain: first === 'EXPLAIN',
    isDeferredBegin: (first === 'BEGIN' && !['IMMEDIATE', 'EXCLUSIVE'].includes(second)) || first === 'SAVEPOINT',
  };
}

/**
 * Binds arguments by SQLite parameter index the way sqld does: positional arguments fill `?` and `?NNN`;
 * named arguments fill `:a`, `@a`, `$a`, given with or without the prefix; never both kinds at once;
 * a parameter without a value is an error (except in EXPLAIN), and so is passing more values than parameters.
 */
function bindArgs(info: StatementInfo, stmt: Stmt): SqlValue[] {
  const count = info.params.length;
  const given = stmt.namedArgs.length > 0 ? stmt.namedArgs.length : stmt.args.length;
  const invalid = (detail: string) => new StmtError('ARGS_INVALID', `Arguments do not match SQL parameters: ${detail}`);
  if (given > count) throw invalid(`too many parameters, expected ${count} found ${given}`);
  const named = new Map(stmt.namedArgs.map((a) => [a.name, a.value]));
  const positional = stmt.namedArgs.length === 0;
  return info.params.map((name, i) => {
    let value: SqlValue | undefined;
    if (name === null) value = positional ? stmt.args[i] : undefined;
    else if (name.startsWith('?')) value = positional ? stmt.args[Number(name.slice(1)) - 1] : undefined;
    else if (!positional) value = named.has(name) ? named.get(name) : named.get(name.slice(1));
    if (value === undefined) {
      if (info.isExplain) return null;
      throw invalid(`value for parameter ${name ?? i + 1} not found`);
    }
    return value;
  });
}

// ---------------------------------------------------------------------------------------------
// SQLite errors, coded as sqld codes them
// ---------------------------------------------------------------------------------------------

/** sqld's names for SQLite primary result codes (rusqlite has no name for SQLITE_ERROR: SQLITE_UNKNOWN). */
const SQLD_CODES: Record<number, string> = {
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
};
const SQLITE_BUSY = 5;
const SQLITE_BUSY_SNAPSHOT = 517;

interface SqliteFailure {
  message: string;
  code: string;
  rawCode?: number;
}
function sqliteFailure(e: unknown): SqliteFailure | null {
  if (!(e instanceof Error)) return null;
  const { code, rawCode } = e as Error & { code?: unknown; rawCode?: unknown };
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  return { message: e.message, code, rawCode: typeof rawCode === 'number' ? rawCode : undefined };
}

/** Errors from preparing: syntax errors are sqld's SQL_PARSE_ERROR, other compile errors (no such table …) SQL_INPUT_ERROR. */
function prepareError(e: unknown): StmtError {
  const f = sqliteFailure(e);
  if (!f) throw e;
  if (f.rawCode === 1 || f.code === 'SQLITE_ERROR') {
    if (/syntax error|^unrecognized token|^incomplete input/.test(f.message)) {
      return new StmtError('SQL_PARSE_ERROR', `SQL string could not be parsed: ${f.message}`, f.rawCode);
    }
    return new StmtError('SQL_INPUT_ERROR', `SQL input error: ${f.message}`, f.rawCode);
  }
  return runtimeError(e);
}

/** Errors from running: sqld reports the primary code (SQLITE_CONSTRAINT, not SQLITE_CONSTRAINT_UNIQUE). */
function runtimeError(e: unknown): StmtError {
  const f = sqliteFailure(e);
  if (!f) throw e;
  const primary = f.rawCode === undefined ? undefined : f.rawCode & 0xff;
  const code = primary === undefined ? f.code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1') : (SQLD_CODES[primary] ?? 'SQLITE_UNKNOWN');
  return new StmtError(code === 'SQLITE_ERROR' ? 'SQLITE_UNKNOWN' : code, `SQLite error: ${f.message}`, f.rawCode);
}

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

interface Stream {
  id: string;
  conn: Libsql.Database | null;
  sqls: Map<number, string>;
  /** The sequence number the next baton must carry. */
  seq: bigint;
  acquired: boolean;
  idleTimer: NodeJS.Timeout | undefined;
  /** Inside a transaction opened by a deferred BEGIN that has run nothing yet, so holds no lock: SQLite's busy handler would still apply. */
  freshTxn: boolean;
}

export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
  const file = options.file.startsWith('file:') ? (options.file.startsWith('file://') ? fileURLToPath(options.file) : options.file.slice(5)) : options.file;
  const idleMs = options.streamIdleMs ?? DEFAULT_IDLE_MS;
  const busyMs = options.busyTimeoutMs ?? DEFAULT_BUSY_MS;
  const batonKey = randomBytes(32);
  const streams = new Map<string, Stream>();
  const expired = new Map<string, number>();
  const waiters: (() => void)[] = [];
  const sockets = new Set<Socket>();
  let stopped = false;
  const counters = {
    streamsOpened: 0,
    streamsClosed: 0,
    streamsExpired: 0,
    streamsDiscarded: 0,
    pipelineRequests: 0,
    cursorRequests: 0,
    httpErrors: 0,
    busyRetries: 0,
    busyTimeouts: 0,
    statements: 0,
  };

  if (file !== ':memory:' && file !== '') mkdirSync(dirname(resolve(file)), { recursive: true });
  await prepareFile(file, busyMs);

  const openConnection = (): Libsql.Database => {
    // No busy handler (timeout 0): waiting happens asynchronously in withBusyRetry.
    const conn = new Libsql(file, { timeout: 0 });
    conn.exec('PRAGMA synchronous = NORMAL');
    return conn;
  };

  // --- lock waiting ---

  /** Wakes every statement waiting for the write lock; they retry oldest first. */
  const wakeWaiters = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  const waitForLock = (ms: number) =>
    new Promise<void>((done) => {
      const timer = setTimeout(() => {
        const i = waiters.indexOf(wake);
        if (i >= 0) waiters.splice(i, 1);
        done();
      }, ms);
      const wake = () => {
        clearTimeout(timer);
        done();
      };
      waiters.push(wake);
    });

  /**
   * The npm binding leaves a statement that failed with SQLITE_BUSY active (SQLite does not halt it, so
   * that it can be stepped again) until the garbage collector finalizes it, and an active statement makes
   * the connection's later COMMIT fail with "SQL statements in progress". So a statement must not be
   * allowed to meet a lock held by another stream: statements run through `exec` (which finalizes on
   * error) when they can, and a parameterised or row-returning write first checks on a spare connection
   * that the write lock is free - nothing can take it between that check and the statement, as both run
   * synchronously on this thread.
   */
  const probe = new Libsql(file, { timeout: 0 });
  const writeLockFree = (): boolean => {
    try {
      probe.exec('BEGIN IMMEDIATE');
    } catch (e) {
      if (sqliteFailure(e)?.code.startsWith('SQLITE_BUSY')) return false;
      throw e;
    }
    probe.exec('ROLLBACK');
    return true;
  };
  const otherStreamInTransaction = (stream: Stream) => {
    for (const other of streams.values()) if (other !== stream && other.conn?.inTransaction) return true;
    return false;
  };
  const busyError = () => new StmtError('SQLITE_BUSY', 'SQLite error: database is locked', SQLITE_BUSY);

  /**
   * Runs one statement; on SQLITE_BUSY where SQLite's busy handler would be consulted (the connection
   * holds no lock of its own yet: outside a transaction, or right after a deferred BEGIN), waits for
   * another stream to end its transaction and tries again, until the deadline.
   * `attempt(check)` must not touch the database when `check` is set and the write lock is taken.
   */
  async function withBusyRetry<T>(stream: Stream, conn: Libsql.Database, info: StatementInfo | null, attempt: (checkLock: boolean) => T): Promise<T> {
    const deadline = Date.now() + busyMs;
    let backoff = 1;
    for (;;) {
      const autocommit = !conn.inTransaction;
      const mayWait = autocommit || stream.freshTxn;
      try {
        counters.statements++;
        const result = attempt(mayWait && otherStreamInTransaction(stream));
        stream.freshTxn = autocommit && !!info?.isDeferredBegin && conn.inTransaction;
        if (!autocommit && !conn.inTransaction) wakeWaiters();
        return result;
      } catch (e) {
        const busy = e instanceof StmtError && e.rawCode !== undefined && (e.rawCode & 0xff) === SQLITE_BUSY && e.rawCode !== SQLITE_BUSY_SNAPSHOT;
        if (busy && mayWait && !stopped && Date.now() < deadline && stream.conn === conn) {
          counters.busyRetries++;
          await waitForLock(Math.min(backoff * (0.5 + Math.random()), deadline - Date.now()));
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
          if (stopped) throw e;
          continue;
        }
        if (busy && mayWait) counters.busyTimeouts++;
        if (!autocommit) stream.freshTxn = false;
        if (!autocommit && !conn.inTransaction) wakeWaiters();
        throw e;
      }
    }
  }

  // --- streams and batons ---

  const encodeBaton = (stream: Stream) => {
    const payload = `${stream.id}.${stream.seq.toString(36)}`;
    return `${payload}.${createHmac('sha256', batonKey).update(payload).digest('base64url')}`;
  };
  const decodeBatonString = (baton: string): { id: string; seq: bigint } => {
    const parts = baton.split('.');
    const invalid = () => new ProtocolError('BATON_INVALID', 'Received an invalid baton');
    if (parts.length !== 3) throw invalid();
    const [id, seq, mac] = parts as [string, string, string];
    const expected = createHmac('sha256', batonKey).update(`${id}.${seq}`).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected) || !/^[0-9a-z]+$/.test(seq)) throw invalid();
    return { id, seq: [...seq].reduce((acc, ch) => acc * 36n + BigInt(parseInt(ch, 36)), 0n) };
  };

  const closeConnection = (stream: Stream) => {
    const conn = stream.conn;
    stream.conn = null;
    if (!conn) return;
    const hadTxn = conn.inTransaction;
    try {
      if (hadTxn) conn.exec('ROLLBACK');
    } catch {
      // closing rolls back anyway
    }
    try {
      conn.close();
    } catch {
      // already closed
    }
    if (hadTxn) wakeWaiters();
  };

  const acquire = (baton: string | undefined): Stream => {
    const now = Date.now();
    for (const [id, at] of expired) if (now - at > EXPIRED_TOMBSTONE_MS) expired.delete(id);
    if (baton === undefined) {
      const stream: Stream = {
        id: randomBytes(16).toString('hex'),
        conn: openConnection(),
        sqls: new Map(),
        seq: BigInt(randomBytes(4).readUInt32BE()),
        acquired: true,
        idleTimer: undefined,
        freshTxn: false,
      };
      streams.set(stream.id, stream);
      counters.streamsOpened++;
      return stream;
    }
    const { id, seq } = decodeBatonString(baton);
    if (expired.has(id)) throw new StreamExpiredError();
    const stream = streams.get(id);
    if (!stream) throw new ProtocolError('BATON_INVALID', 'Received an invalid baton');
    if (stream.acquired || stream.seq !== seq) throw new ProtocolError('BATON_REUSED', 'Received a baton that has already been used');
    clearTimeout(stream.idleTimer);
    stream.acquired = true;
    stream.seq += 1n;
    return stream;
  };

  /** Makes the stream available again and returns its next baton, or null when it was closed. */
  const release = (stream: Stream): string | null => {
    stream.acquired = false;
    if (!stream.conn || stopped) {
      closeConnection(stream);
      streams.delete(stream.id);
      return null;
    }
    stream.idleTimer = setTimeout(() => {
      if (stream.acquired || !streams.has(stream.id)) return;
      closeConnection(stream);
      streams.delete(stream.id);
      expired.set(stream.id, Date.now());
      counters.streamsExpired++;
    }, idleMs);
    stream.idleTimer.unref();
    return encodeBaton(stream);
  };

  /** A request broke the protocol: like sqld, drop the stream (and roll back its transaction). */
  const discard = (stream: Stream) => {
    stream.acquired = false;
    clearTimeout(stream.idleTimer);
    closeConnection(stream);
    streams.delete(stream.id);
    counters.streamsDiscarded++;
  };

  const dbOf = (stream: Stream): Libsql.Database => {
    if (!stream.conn) throw new ProtocolError('BATON_STREAM_CLOSED', 'Stream for this baton was closed');
    return stream.conn;
  };

  const sqlOf = (stream: Stream, sql: string | undefined, sqlId: number | undefined): string => {
    if (sql !== undefined && sqlId !== undefined) throw new ProtocolError('SQL_ID_AND_SQL_GIVEN', 'Either `sql` or `sql_id` are required, but not both');
    if (sql !== undefined) return sql;
    if (sqlId === undefined) throw new ProtocolError('SQL_ID_OR_SQL_NOT_GIVEN', 'Either `sql` or `sql_id` are required');
    const stored = stream.sqls.get(sqlId);
    if (stored === undefined) throw new ProtocolError('SQL_NOT_FOUND', `SQL text ${sqlId} not found`);
    return stored;
  };

  // --- statements ---

  interface Planned {
    stmt: Stmt;
    statement: SqlStatement;
    info: StatementInfo;
  }

  /**
   * Checks a statement before anything runs, as sqld parses every statement of a request first:
   * exactly one statement, not both kinds of arguments, and (for batches, where earlier steps would
   * otherwise have run) no syntax error.
   */
  const plan = (conn: Libsql.Database, stmt: Stmt, sql: string, precheck: boolean): Planned => {
    const statements = splitSql(sql);
    if (statements.length === 0) throw new StmtError('SQL_NO_STATEMENT', 'SQL string does not contain any statement');
    if (statements.length > 1) throw new StmtError('SQL_MANY_STATEMENTS', 'SQL string contains more than one statement');
    if (stmt.args.length > 0 && stmt.namedArgs.length > 0) {
      throw new StmtError('ARGS_BOTH_POSITIONAL_AND_NAMED', 'Specifying both positional and named arguments is not supported');
    }
    const statement = statements[0]!;
    if (precheck) syntaxCheck(conn, statement.text);
    return { stmt, statement, info: analyse(statement) };
  };

  /** Only syntax errors count here: a missing table may be created by an earlier statement of the request. */
  const syntaxCheck = (conn: Libsql.Database, text: string) => {
    try {
      conn.prepare(text);
    } catch (e) {
      const f = sqliteFailure(e);
      if (!f) throw e;
      const err = prepareError(e);
      if (err.code === 'SQL_PARSE_ERROR') throw err;
    }
  };

  const changesQuery = new WeakMap<Libsql.Database, Libsql.Statement<unknown[]>>();
  /** One try at a statement; `held.statement` keeps the prepared statement for the next try. */
  const runOnce = (conn: Libsql.Database, p: Planned, held: { statement?: Libsql.Statement<unknown[]> }, checkLock: boolean): StmtResult => {
    const started = performance.now();
    if (!held.statement) {
      try {
        held.statement = conn.prepare(p.statement.text);
      } catch (e) {
        throw prepareError(e);
      }
    }
    const prepared = held.statement;
    const args = bindArgs(p.info, p.stmt);
    const reader = prepared.reader;
    const cols = reader ? prepared.columns().map((c) => ({ name: c.name ?? null, decltype: c.type ?? null })) : [];
    const viaExec = !reader && p.info.params.length === 0;
    if (checkLock && !viaExec && (p.info.isIud || !reader) && !writeLockFree()) throw busyError();
    let rows: unknown[][] = [];
    try {
      if (viaExec) conn.exec(p.statement.text);
      else if (reader) rows = prepared.raw(true).safeIntegers(true).all(args) as unknown[][];
      else prepared.run(args);
    } catch (e) {
      throw runtimeError(e);
    }
    let affected = 0;
    let lastRowid: string | null = null;
    if (p.info.isIud) {
      let q = changesQuery.get(conn);
      if (!q) changesQuery.set(conn, (q = conn.prepare('SELECT changes(), last_insert_rowid()').raw(true).safeIntegers(true)));
      const [changes, rowid] = (q.all() as unknown[][])[0] as [bigint, bigint];
      affected = Number(changes);
      if (p.info.isInsert) lastRowid = rowid.toString();
    }
    return {
      cols,
      rows: p.stmt.wantRows ? rows.map((r) => r.map(encodeValue)) : [],
      affected_row_count: affected,
      last_insert_rowid: lastRowid,
      // sqld counts rows SQLite visited and wrote; the npm binding does not expose those counters, so
      // these are the rows returned and the rows changed.
      rows_read: rows.length,
      rows_written: affected,
      query_duration_ms: performance.now() - started,
    };
  };

  const execute = (stream: Stream, conn: Libsql.Database, p: Planned) => {
    const held: { statement?: Libsql.Statement<unknown[]> } = {};
    return withBusyRetry(stream, conn, p.info, (checkLock) => runOnce(conn, p, held, checkLock));
  };

  const evalCond = (cond: Cond, executed: ('ok' | 'error' | 'skipped')[], conn: Libsql.Database): boolean => {
    switch (cond.type) {
      case 'ok':
        return executed[cond.step] === 'ok';
      case 'error':
        // The spec: true only if the step ran and failed (sqld evaluates it as "not ok").
        return executed[cond.step] === 'error';
      case 'not':
        return !evalCond(cond.cond, executed, conn);
      case 'and':
        return cond.conds.every((c) => evalCond(c, executed, conn));
      case 'or':
        return cond.conds.some((c) => evalCond(c, executed, conn));
      case 'is_autocommit':
        return !conn.inTransaction;
    }
  };

  const checkCond = (cond: Cond, stepIndex: number, version: number) => {
    switch (cond.type) {
      case 'ok':
      case 'error':
        if (cond.step >= stepIndex) throw new ProtocolError('BATCH_COND_BAD_STEP', 'Invalid reference to step in a batch condition');
        return;
      case 'not':
        return checkCond(cond.cond, stepIndex, version);
      case 'and':
      case 'or':
        return cond.conds.forEach((c) => checkCond(c, stepIndex, version));
      case 'is_autocommit':
        if (version < 3) throw new ProtocolError('NOT_SUPPORTED', 'BatchCond of type `is_autocommit` is only supported in protocol version 3 and higher');
    }
  };

  type StepOutcome = { step: number; result: StmtResult } | { step: number; error: ProtoError };

  /** Runs a batch; `onStep` sees every executed step in order. A StmtError thrown here fails the whole batch. */
  const runBatch = async (stream: Stream, batch: Batch, version: number, onStep: (o: StepOutcome) => void): Promise<BatchResult> => {
    const conn = dbOf(stream);
    const sqls = batch.steps.map((s, i) => {
      if (s.condition) checkCond(s.condition, i, version);
      return sqlOf(stream, s.stmt.sql, s.stmt.sqlId);
    });
    const plans = batch.steps.map((s, i) => plan(conn, s.stmt, sqls[i]!, true));
    const result: BatchResult = { step_results: [], step_errors: [] };
    const executed: ('ok' | 'error' | 'skipped')[] = [];
    for (const [i, step] of batch.steps.entries()) {
      if (step.condition && !evalCond(step.condition, executed, conn)) {
        executed.push('skipped');
        result.step_results.push(null);
        result.step_errors.push(null);
        continue;
      }
      try {
        const r = await execute(stream, conn, plans[i]!);
        executed.push('ok');
        result.step_results.push(r);
        result.step_errors.push(null);
        onStep({ step: i, result: r });
      } catch (e) {
        if (!(e instanceof StmtError)) throw e;
        executed.push('error');
        result.step_results.push(null);
        result.step_errors.push(e.toProto());
        onStep({ step: i, error: e.toProto() });
      }
    }
    return result;
  };

  const runSequence = async (stream: Stream, sql: string) => {
    const conn = dbOf(stream);
    const none: Stmt = { sql, sqlId: undefined, args: [], namedArgs: [], wantRows: false };
    const statements = splitSql(sql);
    for (const s of statements) syntaxCheck(conn, s.text);
    for (const s of statements) await execute(stream, conn, { stmt: none, statement: s, info: analyse(s) });
  };

  const describe = async (stream: Stream, sql: string) => {
    const conn = dbOf(stream);
    const statements = splitSql(sql);
    if (statements.length === 0) throw new StmtError('SQL_NO_STATEMENT', 'SQL string does not contain any statement');
    if (statements.length > 1) throw new StmtError('SQL_MANY_STATEMENTS', 'SQL string contains more than one statement');
    const statement = statements[0]!;
    const info = analyse(statement);
    return withBusyRetry(stream, conn, null, () => {
      let prepared: Libsql.Statement<unknown[]>;
      try {
        prepared = conn.prepare(statement.text);
      } catch (e) {
        throw prepareError(e);
      }
      // sqlite3_stmt_readonly() is false exactly when the program opens a write transaction or
      // vacuums, changes the journal mode or checkpoints; EXPLAIN shows the program.
      let isReadonly = true;
      if (!info.isExplain) {
        const program = conn.prepare(`EXPLAIN ${statement.text}`).raw(true).all(info.params.map(() => null)) as unknown[][];
        isReadonly = !program.some(([, opcode, , p2]) => (opcode === 'Transaction' && p2 !== 0) || ['Vacuum', 'JournalMode', 'Checkpoint'].includes(String(opcode)));
      }
      return {
        params: info.params.map((name) => ({ name })),
        cols: prepared.columns().map((c) => ({ name: c.name, decltype: c.type ?? null })),
        is_explain: info.isExplain,
        is_readonly: isReadonly,
      };
    });
  };

  const handleRequest = async (stream: Stream, req: StreamRequest, version: number): Promise<StreamResult> => {
    const ok = (response: Record<string, unknown> & { type: string }): StreamResult => ({ type: 'ok', response });
    try {
      switch (req.type) {
        case 'close':
          if (stream.conn) counters.streamsClosed++;
          closeConnection(stream);
          return ok({ type: 'close' });
        case 'execute': {
          const conn = dbOf(stream);
          const p = plan(conn, req.stmt, sqlOf(stream, req.stmt.sql, req.stmt.sqlId), false);
          return ok({ type: 'execute', result: await execute(stream, conn, p) });
        }
        case 'batch':
          return ok({ type: 'batch', result: await runBatch(stream, req.batch, version, () => undefined) });
        case 'sequence':
          dbOf(stream);
          await runSequence(stream, sqlOf(stream, req.sql, req.sqlId));
          return ok({ type: 'sequence' });
        case 'describe':
          dbOf(stream);
          return ok({ type: 'describe', result: await describe(stream, sqlOf(stream, req.sql, req.sqlId)) });
        case 'store_sql':
          if (stream.sqls.has(req.sqlId)) throw new ProtocolError('SQL_EXISTS', `SQL text ${req.sqlId} already exists`);
          if (stream.sqls.size >= MAX_STORED_SQL) throw new StmtError('SQL_STORE_TOO_MANY', `The server already stores ${stream.sqls.size} SQL texts, it cannot store more`);
          if (Buffer.byteLength(req.sql) > MAX_STORED_SQL_BYTES) throw new StmtError('SQL_STORE_TOO_LARGE', 'The statement is too large to be stored');
          stream.sqls.set(req.sqlId, req.sql);
          return ok({ type: 'store_sql' });
        case 'close_sql':
          stream.sqls.delete(req.sqlId);
          return ok({ type: 'close_sql' });
        case 'get_autocommit':
          if (version < 3) throw new ProtocolError('NOT_SUPPORTED', 'The `get_autocommit` request is only supported in protocol version 3 and higher');
          return ok({ type: 'get_autocommit', is_autocommit: !dbOf(stream).inTransaction });
      }
    } catch (e) {
      if (e instanceof StmtError) return { type: 'error', error: e.toProto() };
      throw e;
    }
  };

  // --- HTTP ---

  const send = (res: ServerResponse, status: number, body: unknown, contentType = 'application/json') => {
    if (status >= 400) counters.httpErrors++;
    if (res.destroyed || res.headersSent) return;
    const text = contentType === 'application/json' ? JSON.stringify(body) : String(body);
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const sendError = (res: ServerResponse, e: unknown) => {
    if (e instanceof ProtocolError) return send(res, 400, { message: e.message, code: e.code });
    if (e instanceof StreamExpiredError) return send(res, 500, { message: e.message, code: e.code });
    if (e instanceof BodyError) return send(res, e.status, { message: e.message, code: e.code });
    return send(res, 500, { message: `Internal server error: ${e instanceof Error ? e.message : String(e)}`, code: 'INTERNAL_ERROR' });
  };

  const readJson = async (req: IncomingMessage): Promise<Obj> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) throw new BodyError(413, 'PAYLOAD_TOO_LARGE', 'Request body is too large');
      chunks.push(chunk);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      throw new ProtocolError('JSON_DESERIALIZE', `Cannot deserialize request body from JSON: ${(e as Error).message}`);
    }
    return obj(parsed, 'request body');
  };

  const pipeline = async (req: IncomingMessage, res: ServerResponse, version: number) => {
    counters.pipelineRequests++;
    const body = await readJson(req);
    const baton = decodeBaton(body);
    const requests = arr(body.requests, 'requests').map(decodeRequest);
    const stream = acquire(baton);
    const results: StreamResult[] = [];
    try {
      for (const r of requests) results.push(await handleRequest(stream, r, version));
    } catch (e) {
      discard(stream);
      throw e;
    }
    send(res, 200, { baton: release(stream), base_url: null, results });
  };

  const cursor = async (req: IncomingMessage, res: ServerResponse) => {
    counters.cursorRequests++;
    const body = await readJson(req);
    const baton = decodeBaton(body);
    const batch = decodeBatch(body.batch);
    const stream = acquire(baton);
    const entries: unknown[] = [];
    try {
      await runBatch(stream, batch, 3, (o) => {
        if ('error' in o) entries.push({ type: 'step_error', step: o.step, error: o.error });
        else {
          entries.push({ type: 'step_begin', step: o.step, cols: o.result.cols });
          for (const row of o.result.rows) entries.push({ type: 'row', row });
          entries.push({ type: 'step_end', affected_row_count: o.result.affected_row_count, last_insert_rowid: o.result.last_insert_rowid });
        }
      });
    } catch (e) {
      if (!(e instanceof StmtError)) {
        discard(stream);
        throw e;
      }
      entries.push({ type: 'error', error: e.toProto() });
    }
    const lines = [{ baton: release(stream), base_url: null }, ...entries].map((l) => `${JSON.stringify(l)}\n`).join('');
    send(res, 200, lines, 'text/plain');
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/(.)\/+$/, '$1');
    const hello = () => send(res, 200, 'Hello, this is a Hrana over HTTP test server (v2, v3 JSON)', 'text/plain');
    const table: Record<string, { GET?: () => void; POST?: () => Promise<void> }> = {
      '/': { GET: hello },
      '/health': { GET: hello },
      '/v2': { GET: hello },
      '/v3': { GET: hello },
      '/v2/pipeline': { POST: () => pipeline(req, res, 2) },
      '/v3/pipeline': { POST: () => pipeline(req, res, 3) },
      '/v3/cursor': { POST: () => cursor(req, res) },
    };
    const route = table[path];
    if (!route) {
      req.resume();
      return send(res, 404, `No such endpoint: ${path}`, 'text/plain');
    }
    if (req.method === 'GET' && route.GET) return route.GET();
    if (req.method === 'POST' && route.POST) {
      if (stopped) return send(res, 503, { message: 'The server is stopping', code: 'SERVER_STOPPING' });
      route.POST().catch((e: unknown) => sendError(res, e));
      return;
    }
    req.resume();
    send(res, 405, `Method ${req.method} not allowed on ${path}`, 'text/plain');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({ streamsOpen: [...streams.values()].filter((s) => s.conn).length, ...counters }),
    async stop() {
      if (stopped) return;
      stopped = true;
      wakeWaiters();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      probe.close();
      for (const socket of sockets) socket.destroy();
      for (const stream of streams.values()) {
        clearTimeout(stream.idleTimer);
        if (!stream.acquired) closeConnection(stream);
      }
      await closed;
      // A request still running (waiting for a lock) closes its stream when it ends, via release().
      for (const stream of streams.values()) closeConnection(stream);
      streams.clear();
    },
  };
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** WAL (kept in the file), checked once; retried asynchronously if another process holds a lock. */
async function prepareFile(file: string, busyMs: number): Promise<void> {
  const deadline = Date.now() + busyMs;
  const conn = new Libsql(file, { timeout: 0 });
  try {
    for (;;) {
      try {
        conn.exec('PRAGMA journal_mode = WAL');
        break;
      } catch (e) {
        if (sqliteFailure(e)?.code.startsWith('SQLITE_BUSY') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        else throw e;
      }
    }
    const fk = conn.prepare('PRAGMA foreign_keys').raw(true).all() as unknown[][];
    if (Number(fk[0]?.[0]) !== 1) throw new Error('SQLite foreign keys are off for this libSQL build');
  } finally {
    conn.close();
  }
}

// --- script mode ---

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [fileArg, portArg] = process.argv.slice(2);
  if (!fileArg) {
    console.error('usage: node --import tsx tests/support/hrana-server.ts <file.db> [port]');
    process.exit(2);
  }
  const server = await startHranaServer({ file: fileArg, port: portArg ? Number(portArg) : 0 });
  console.log(`listening ${server.url}`);
  const shutdown = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
