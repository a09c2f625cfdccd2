/**
 * bb query on ClickHouse: the read-only check on bb's own statement reader (parse.ts), then the
 * query on a connection of its own with readonly = 1 (the server refuses anything that writes, table
 * functions that reach files or the network included) and max_execution_time (the server cancels it),
 * rows streamed block by block on both transports, and result columns traced by the server's own
 * analysis (trace.ts).
 */
import type { ReadCheck, ReadQueryOptions, ReadQueryResult, ResultColumn } from '../../src/engine.js';
import { queryError } from '../../src/query/errors.js';
import type { Driver, ReadConnection, RowStream } from './driver.js';
import { factsOf, parseClickHouse, tokenize, type Token } from './parse.js';
import { splitClickHouse } from './split.js';
import { resultColumns, Tracer, type Lookup, type Reads } from './trace.js';
import { guardedBatches } from '../../src/util/batches.js';
import { notParsed, oneReadStatement, type ReadReferences, type Refusal } from '../../src/query/read-check.js';

/** When max_execution_time did not stop the statement (it is checked between blocks), bb stops reading a little later. */
const CLIENT_GRACE_MS = 2_000;

const WRITES: Readonly<Record<string, string>> = {
  insert: 'INSERT', delete: 'DELETE', update: 'UPDATE', truncate: 'TRUNCATE', optimize: 'OPTIMIZE', rename: 'RENAME', exchange: 'EXCHANGE',
  'drop-table': 'DROP TABLE', 'drop-view': 'DROP VIEW', 'drop-database': 'DROP DATABASE', 'drop-dictionary': 'DROP DICTIONARY', 'drop-function': 'DROP FUNCTION', 'drop-other': 'DROP',
  'create-table': 'CREATE TABLE', 'create-view': 'CREATE VIEW', 'create-materialized-view': 'CREATE MATERIALIZED VIEW', 'create-database': 'CREATE DATABASE',
  'create-dictionary': 'CREATE DICTIONARY', 'create-function': 'CREATE FUNCTION', 'create-other': 'CREATE', 'alter-other': 'ALTER',
  attach: 'ATTACH', detach: 'DETACH', grant: 'GRANT', system: 'SYSTEM', set: 'SET',
};

export async function checkRead(sql: string): Promise<ReadCheck> {
  return oneReadStatement(splitClickHouse(sql).map((s) => s.text), refusal, references);
}

function refusal(text: string): Refusal | undefined {
  const parsed = parseClickHouse({ index: 0, text, span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: text.length }, comments: [] });
  if (parsed.kind === 'unparsed') return notParsed(parsed.error ?? 'unknown statement');
  const tokens = tokenize(text).tokens;
  const first = tokens.find((t) => t.type !== '(');
  const facts = factsOf(parsed);
  if (!first || first.type !== 'word' || (first.value !== 'SELECT' && first.value !== 'WITH')) {
    if (facts.statement === 'alter-table') return facts.mutation ? `is ${facts.mutation}, a mutation, which writes` : 'is ALTER TABLE, which changes the schema';
    const what = WRITES[facts.statement];
    if (what) return `is ${what}, which writes`;
    return `is ${first?.type === 'word' ? first.value : 'not a SELECT'}, not a query (bb query runs SELECT and WITH … SELECT)`;
  }
  return topLevel(tokens);
}

/** Clauses of an otherwise valid SELECT that bb does not run: they write a file, or replace bb's output. */
function topLevel(tokens: readonly Token[]): string | undefined {
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type === '(') depth++;
    else if (t.type === ')') depth--;
    if (depth !== 0 || t.type !== 'word') continue;
    const next = tokens[k + 1];
    const prev = tokens[k - 1];
    if (t.value === 'INTO' && next?.value === 'OUTFILE') return 'is SELECT … INTO OUTFILE, which writes a file';
    const after = tokens[k + 2];
    const ends = !after || after.type === ';' || after.value === 'SETTINGS';
    if (t.value === 'FORMAT' && next?.type === 'word' && ends && prev?.type !== '.' && prev?.type !== ',' && prev?.value !== 'SELECT') return `has FORMAT ${next.text}; bb query formats the rows itself (--format)`;
  }
  return undefined;
}

/**
 * Tables and column names as bb's reader sees them (for "does the query touch a masked column", which
 * decides the columns the server's analysis cannot follow). The reader knows a SELECT best as a
 * view's body.
 */
function references(text: string): ReadReferences {
  const view = `CREATE VIEW bb_query AS ${text}`;
  const select = factsOf(parseClickHouse({ index: 0, text: view, span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: view.length }, comments: [] })).select;
  return {
    tables: (select?.from ?? []).map((t) => ({ ...(t.database ? { schema: t.database } : {}), table: t.name })),
    columns: [...new Set(select?.identifiers ?? [])].map((column) => ({ column })),
    star: select?.star ?? /\*/.test(text),
  };
}

const codeOf = (error: unknown): string => `${(error as { code?: unknown }).code ?? ''} ${error instanceof Error ? error.message : String(error)}`;
const isTimeout = (error: unknown): boolean => /^159 |TIMEOUT_EXCEEDED|Code: 159\b/.test(codeOf(error));
const isReadonly = (error: unknown): boolean => /^164 |\(READONLY\)|Code: 164\b/.test(codeOf(error));

/** A catalog lookup on the read-only connection: `{p1:…}` placeholders bound server-side. */
export const lookupOn = (conn: Pick<ReadConnection, 'query'>): Lookup => (sql, params) => conn.query(sql, Object.fromEntries(params.map((v, k) => [`p${k + 1}`, v])));

export async function openReadQuery(driver: Driver, sql: string, options: ReadQueryOptions): Promise<ReadQueryResult> {
  const text = sql.trim().replace(/;\s*$/, '');
  let timedOut = false;
  const fail = (error: unknown): never => {
    throw queryError(error, timedOut || isTimeout(error) ? 'timeout' : isReadonly(error) ? 'refused' : 'failed', options.timeoutMs);
  };
  let conn: ReadConnection;
  try {
    conn = await driver.readOnly({
      max_execution_time: Math.max(0.001, options.timeoutMs / 1000),
      // 64-bit integers and decimals as JSON strings: exact, as the other engines give them.
      output_format_json_quote_64bit_integers: 1,
      output_format_json_quote_decimals: 1,
      output_format_decimal_trailing_zeros: 1,
      readonly: 1,
    });
  } catch (error) {
    return fail(error);
  }
  const timer = setTimeout(() => {
    timedOut = true;
    void conn.close();
  }, options.timeoutMs + CLIENT_GRACE_MS);
  const onAbort = (): void => void conn.close();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    await conn.close().catch(() => undefined);
  };
  let stream: RowStream;
  let columns: ResultColumn[];
  let reads: Reads | undefined;
  try {
    // Explained first: chdb runs one statement at a time on a connection, and the stream holds it. A
    // query the server cannot explain is still run (its own error is the one reported).
    const traced = await new Tracer(lookupOn(conn)).trace(text).catch(() => undefined);
    stream = await conn.stream(text, options.signal);
    columns = resultColumns(stream.names, traced?.columns);
    reads = traced?.reads;
  } catch (error) {
    await close();
    return fail(error);
  }
  return {
    columns,
    ...(reads ? { reads } : {}),
    batches: () => guardedBatches(rowsOf(stream.blocks), options.batchSize, { timedOut: () => timedOut, fail, close }),
    close,
  };
}

/** The rows of ClickHouse's blocks, one by one. */
async function* rowsOf<R>(blocks: AsyncIterable<readonly R[]>): AsyncGenerator<R> {
  for await (const block of blocks) yield* block;
}
