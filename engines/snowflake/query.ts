/**
 * bb query on Snowflake: what bb's statement reader (parse.ts) lets through, and what it reads.
 * Snowflake has no read-only transaction and its results carry no column origins, so this check is
 * the guarantee that the statement is a query; the session (session.ts readQuery) adds BEGIN …
 * ROLLBACK and STATEMENT_TIMEOUT_IN_SECONDS around it.
 */
import type { ReadCheck } from '../../src/engine.js';
import { parseSnowflake, tokenize, type Token } from './parse.js';
import { splitSnowflake } from './split.js';
import { notParsed, oneReadStatement, type ReadReferences, type Refusal } from '../../src/query/read-check.js';

/**
 * SYSTEM$ functions that only read or wait. The others act on the account (SYSTEM$CANCEL_QUERY,
 * SYSTEM$ABORT_SESSION, SYSTEM$SET_…) from inside an otherwise plain SELECT.
 */
const SAFE_SYSTEM = new Set(['SYSTEM$WAIT', 'SYSTEM$TYPEOF', 'SYSTEM$CLUSTERING_INFORMATION', 'SYSTEM$CLUSTERING_DEPTH']);

const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE', 'COPY', 'PUT', 'GET', 'REMOVE', 'CREATE', 'ALTER', 'DROP', 'UNDROP', 'GRANT', 'REVOKE', 'CALL', 'EXECUTE', 'COMMENT']);

export async function checkRead(sql: string): Promise<ReadCheck> {
  const statements = splitSnowflake(sql).map((s) => s.text).filter((text) => tokenize(text).tokens.length > 0);
  return oneReadStatement(statements, refusal, references);
}

function refusal(text: string): Refusal | undefined {
  const { tokens, error } = tokenize(text);
  if (error) return notParsed(error);
  const first = tokens.find((t) => t.type !== '(');
  const word = first?.type === 'word' ? first.value : undefined;
  if (word !== 'SELECT' && word !== 'WITH') {
    if (word && WRITES.has(word)) return `is ${word}, which writes or changes the schema`;
    // SHOW / DESCRIBE / LIST: metadata that bb's reader cannot trace for masking (SHOW COLUMNS, the
    // last query's RESULT_SCAN afterwards); INFORMATION_SCHEMA answers the same questions with a SELECT.
    return `is ${word ?? 'not a SELECT'}, not a query (bb query runs SELECT and WITH … SELECT)`;
  }
  // WITH … DELETE / INSERT: the parser reports the statement after the CTEs.
  const parsed = parseSnowflake({ index: 0, text, span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: text.length }, comments: [] });
  if (parsed.kind !== 'select') return `is WITH … ${parsed.kind.toUpperCase()}, which writes`;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    // ->> chains a statement's result into the next one ($1 …): a second statement in disguise.
    if (t.type === 'op' && t.value === '->' && tokens[k + 1]?.value === '>' && tokens[k + 1]!.at === t.at + 2) return 'uses the pipe operator ->>, which chains statements';
    if (t.type === 'op' && t.value.startsWith('@')) return 'reads files from a stage (@…), which bb cannot trace for masking';
    if (t.type !== 'word') continue;
    // An earlier query's result, read again: its columns cannot be traced to a table for masking.
    if (t.value === 'RESULT_SCAN') return 'reads an earlier result with RESULT_SCAN, which bb cannot trace for masking';
    if (t.value.startsWith('SYSTEM$') && !SAFE_SYSTEM.has(t.value)) return `calls ${t.value}, which may act on the account`;
    // SELECT … INTO :variable exists in Snowflake Scripting only; a top-level INTO is not a query.
    if (t.value === 'INTO') return 'has INTO, which stores the result';
  }
  return undefined;
}

/** A table (or view) named in a FROM or JOIN, with the alias the query gives it. */
export interface Relation {
  readonly schema?: string;
  readonly table: string;
  readonly alias?: string;
}

const NOT_ALIAS = new Set(['WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'ON', 'USING', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'QUALIFY', 'WINDOW', 'OFFSET', 'FETCH', 'SAMPLE', 'TABLESAMPLE', 'AT', 'BEFORE', 'CHANGES', 'MATCH_RECOGNIZE', 'PIVOT', 'UNPIVOT', 'LATERAL', 'OUTER', 'ASOF', 'SELECT', 'FROM']);

const isName = (t: Token | undefined): boolean => t?.type === 'word' || t?.type === 'quoted';

/** Reads `[db.][schema.]name [[AS] alias]` at tokens[k]; undefined when tokens[k] is not a name. */
export function relationAt(tokens: readonly Token[], k: number): { relation: Relation; next: number } | undefined {
  if (!isName(tokens[k]) || tokens[k]!.type === 'word' && NOT_ALIAS.has(tokens[k]!.value)) return undefined;
  const parts: string[] = [tokens[k]!.value];
  let j = k + 1;
  while (tokens[j]?.type === '.' && isName(tokens[j + 1])) {
    parts.push(tokens[j + 1]!.value);
    j += 2;
  }
  if (tokens[j]?.type === '(') return undefined; // a table function: TABLE(…), FLATTEN(…)
  let alias: string | undefined;
  if (tokens[j]?.value === 'AS' && isName(tokens[j + 1])) {
    alias = tokens[j + 1]!.value;
    j += 2;
  } else if (isName(tokens[j]) && !(tokens[j]!.type === 'word' && NOT_ALIAS.has(tokens[j]!.value))) {
    alias = tokens[j]!.value;
    j += 1;
  }
  const table = parts[parts.length - 1]!;
  const schema = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  return { relation: { table, ...(schema ? { schema } : {}), ...(alias ? { alias } : {}) }, next: j };
}

/** Every FROM / JOIN relation at any depth, CTE names left out (they are the query's own). */
export function relations(tokens: readonly Token[]): Relation[] {
  const ctes = new Set<string>();
  for (let k = 0; k < tokens.length; k++) {
    if (isName(tokens[k]) && tokens[k + 1]?.value === 'AS' && tokens[k + 2]?.type === '(' && (tokens[k - 1]?.value === 'WITH' || tokens[k - 1]?.type === ',' || tokens[k - 1]?.value === 'RECURSIVE')) ctes.add(tokens[k]!.value);
  }
  const out: Relation[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type !== 'word' || (t.value !== 'FROM' && t.value !== 'JOIN')) continue;
    let j = k + 1;
    for (;;) {
      const r = relationAt(tokens, j);
      if (!r) break;
      if (!ctes.has(r.relation.table) || r.relation.schema) out.push(r.relation);
      j = r.next;
      if (t.value !== 'FROM' || tokens[j]?.type !== ',') break;
      j += 1; // FROM a, b
    }
  }
  return out;
}

/**
 * Tables and column names as bb's reader sees them (for "does the query touch a masked column", which
 * decides every result column the tracer cannot follow).
 */
function references(text: string): ReadReferences {
  const tokens = tokenize(text).tokens;
  const columns = new Set<string>();
  for (const [k, t] of tokens.entries()) {
    if (isName(t) && tokens[k + 1]?.type !== '.' && tokens[k + 1]?.type !== '(') columns.add(t.value);
  }
  return {
    tables: relations(tokens).map((r) => ({ ...(r.schema ? { schema: r.schema } : {}), table: r.table })),
    columns: [...columns].map((column) => ({ column })),
    star: tokens.some((t, k) => t.value === '*' && (tokens[k - 1]?.value === 'SELECT' || tokens[k - 1]?.type === ',' || tokens[k - 1]?.type === '.' || tokens[k - 1]?.value === 'DISTINCT')),
  };
}
