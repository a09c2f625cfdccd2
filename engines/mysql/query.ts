/**
 * bb query on MySQL / MariaDB: the read-only check on node-sql-parser's tree, a READ ONLY transaction
 * with the server's statement time limit (MariaDB max_statement_time, MySQL max_execution_time) and a
 * KILL QUERY at the deadline, rows streamed from mysql2 (the socket pauses while the consumer is
 * slow), and the tracing of result columns through mysql2's orgTable/orgName, views resolved through
 * their VIEW_DEFINITION.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ColumnSource, DataChange, ParsedStatement, ReadCheck, ReadQueryOptions, ReadQueryResult, ResultColumn } from '../../src/engine.js';
import { BbError } from '../../src/errors.js';
import type { Driver, ServerInfo } from './driver.js';
import { loadParser } from './parse.js';
import { queryError } from '../../src/query/errors.js';
import { notParsed, oneReadStatement, type ReadReferences, type Refusal } from '../../src/query/read-check.js';
import { blockCommentEnd, lineEnd, quotedEnd } from '../../src/sql/scan.js';
import { isDashComment, isVersionComment } from './split.js';

type N = any;

/** node-sql-parser gives plain names as strings and quoted parts of db.table.column as { value }. */
const str = (x: N): string | undefined => (typeof x === 'string' ? x : typeof x?.value === 'string' ? x.value : typeof x?.expr?.value === 'string' ? x.expr.value : undefined);

const SIDE_EFFECTS = new Set(['get_lock', 'release_lock', 'release_all_locks', 'load_file', 'sys_exec', 'sys_eval', 'master_pos_wait', 'source_pos_wait', 'nextval', 'setval', 'lastval']);

/** MariaDB's mysql.column_stats and MySQL's information_schema.COLUMN_STATISTICS: sample values of every column. */
const STATS_HINT = "Column statistics hold values of masked columns; read them with the database's own client, where masking is not promised.";
const COLUMN_STATISTICS = new Set(['column_stats', 'column_statistics']);

function walk(node: N, visit: (value: N) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  visit(node);
  for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value, visit);
}

async function astify(sql: string): Promise<N[]> {
  const p = (await loadParser()) as unknown as { astify(sql: string, o: object): N };
  const ast = p.astify(sql, { database: 'MySQL' });
  return Array.isArray(ast) ? ast : [ast];
}

export async function checkRead(sql: string): Promise<ReadCheck> {
  const executable = executableComment(sql);
  if (executable) {
    return { ok: false, reason: `contains an executable comment (${executable}): the server runs its text as SQL, which bb cannot check or mask`, hint: 'Write the SQL inside the comment out as plain SQL (bb checks and masks only what its parser reads), or leave the comment out.' };
  }
  if (dashWithoutSpace(sql)) {
    return { ok: false, reason: 'contains `--` without a space after it: MySQL reads that as two minus signs (`name --ssn` is `name - -ssn`), bb\'s parser as a comment, so what follows would pass unchecked and unmasked', hint: 'Put a space after `--` to start a comment (`-- note`), or write the minus signs apart (`- -x`).' };
  }
  const named = SIDE_EFFECT_WORD.exec(sql)?.[0];
  if (named) return { ok: false, reason: `names ${named.toLowerCase()}(), which has side effects (anywhere in the text: bb refuses it before its parser and the server could read the text differently)` };
  let stmts: N[];
  try {
    stmts = (await astify(sql.trim().replace(/;\s*$/, ''))).filter(Boolean);
  } catch (error) {
    return { ok: false, ...notParsed(error) };
  }
  return oneReadStatement(stmts, refusal, references);
}

/**
 * The opening of the first executable comment (`/*!`, or MariaDB's `/*M!`) outside strings, quoted
 * names and other comments. The server runs the text inside (a `, LOAD_FILE(…)`, an `INTO OUTFILE`)
 * while node-sql-parser skips it like any comment, so nothing in it would be checked or traced for
 * masking.
 */
export function executableComment(sql: string): string | undefined {
  for (let i = 0; i < sql.length;) {
    const c = sql.charCodeAt(i);
    if (c === 39 || c === 34 || c === 96) i = quotedEnd(sql, i, c, c !== 96);
    else if (c === 35 || isDashComment(sql, i)) i = lineEnd(sql, i);
    else if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      if (isVersionComment(sql, i)) return `${sql.slice(i, sql.charCodeAt(i + 2) === 33 ? i + 3 : i + 4)}…*/`;
      i = blockCommentEnd(sql, i);
    } else i++;
  }
  return undefined;
}

/**
 * A `--` that is not a comment to the server (MySQL wants whitespace or the end after it) outside
 * strings, quoted names and comments. node-sql-parser reads `--x` as a comment anyway.
 */
export function dashWithoutSpace(sql: string): boolean {
  for (let i = 0; i < sql.length;) {
    const c = sql.charCodeAt(i);
    if (c === 39 || c === 34 || c === 96) i = quotedEnd(sql, i, c, c !== 96);
    else if (c === 35 || isDashComment(sql, i)) i = lineEnd(sql, i);
    else if (c === 45 && sql.charCodeAt(i + 1) === 45) return true;
    else if (c === 47 && sql.charCodeAt(i + 1) === 42) i = blockCommentEnd(sql, i);
    else i++;
  }
  return false;
}

/**
 * A side-effect function's name as a word anywhere in the text, strings and comments included: the
 * safety net under the parse tree's check for where node-sql-parser and the server read the text
 * differently (a string's end under NO_BACKSLASH_ESCAPES, a construct the parser reads otherwise).
 */
const SIDE_EFFECT_WORD = new RegExp(`(?<![\\p{L}\\p{N}_$])(?:${[...SIDE_EFFECTS].join('|')})(?![\\p{L}\\p{N}_$])`, 'iu');

function refusal(stmt: N): Refusal | undefined {
  const type = String(stmt.type ?? '').toLowerCase();
  if (['insert', 'replace', 'update', 'delete'].includes(type)) return `is ${type.toUpperCase()}, which writes`;
  if (type !== 'select') return `is ${type ? type.toUpperCase() : 'a statement'}, not a query`;
  let found: Refusal | undefined;
  walk(stmt, (n) => {
    if (found) return;
    if (n.type && ['insert', 'replace', 'update', 'delete'].includes(String(n.type).toLowerCase()) && n !== stmt) found = `contains ${String(n.type).toUpperCase()}, which writes`;
    else if (n.into && typeof n.into === 'object' && n.into.position) found = 'is SELECT … INTO, which writes a file or variables';
    else if (n.locking_read) found = `locks rows (${String(n.locking_read).toUpperCase()})`;
    else if (str(n.table) && 'as' in n && !('column' in n) && n.type === undefined && COLUMN_STATISTICS.has(str(n.table)!.toLowerCase())) found = { reason: `reads ${str(n.table)}, whose sample values of every column (minimum, maximum, histogram) are past bb's masking`, hint: STATS_HINT };
    else if (n.type === 'function') {
      const name = String(n.name?.name?.at?.(-1)?.value ?? n.name ?? '').toLowerCase();
      if (SIDE_EFFECTS.has(name)) found = `calls ${name}(), which has side effects`;
    }
  });
  return found;
}

function references(stmt: N): ReadReferences {
  const tables: { schema?: string; table: string }[] = [];
  const aliases = new Map<string, string>();
  walk(stmt, (n) => {
    if (str(n.table) && 'as' in n && !('column' in n) && n.type === undefined) {
      const table = str(n.table)!;
      tables.push({ ...(str(n.db) ? { schema: str(n.db)! } : {}), table });
      if (n.as) aliases.set(String(n.as), table);
    }
  });
  const columns: { table?: string; column: string }[] = [];
  let star = false;
  walk(stmt, (n) => {
    if (n.type !== 'column_ref') return;
    const column = str(n.column);
    if (column === '*' || column === undefined) {
      star = star || column === '*';
      return;
    }
    const table = str(n.table);
    columns.push({ ...(table ? { table: aliases.get(table) ?? table } : {}), column });
  });
  return { tables, columns, star };
}

/** The table and WHERE text of an UPDATE or DELETE on one table (for prior backup). */
export function dataChange(stmt: ParsedStatement): DataChange | undefined {
  const kind = /^\s*(UPDATE|DELETE)\b/i.exec(stmt.text)?.[1]?.toLowerCase() as 'update' | 'delete' | undefined;
  if (!kind) return undefined;
  const ast = stmt.ast as N;
  if (!ast) return { refused: `bb could not parse the ${kind.toUpperCase()}${stmt.error ? `: ${stmt.error}` : ''}` };
  const tables: N[] = (kind === 'update' ? ast.table : ast.from ?? ast.table) ?? [];
  if (tables.length !== 1 || tables[0].join || (kind === 'delete' && (ast.table?.length ?? 0) > 1)) return { refused: `the ${kind.toUpperCase()} touches more than one table` };
  if (ast.orderby || ast.limit?.value?.length) return { refused: `the ${kind.toUpperCase()} has ORDER BY/LIMIT, so the rows it touches cannot be selected in advance exactly` };
  const t = tables[0];
  let where: string | undefined;
  if (ast.where) {
    where = whereText(stmt.text);
    if (!where) return { refused: 'bb could not find the WHERE clause in the statement text' };
  }
  return { kind, table: { ...(t.db ? { schema: String(t.db) } : {}), name: String(t.table) }, ...(where ? { where } : {}), ...(t.as ? { alias: String(t.as) } : {}) };
}

/** The text after the top-level WHERE keyword (outside quotes, comments and parentheses). */
export function whereText(text: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === '\\' && ch !== '`') i++;
    } else if (ch === '-' && text[i + 1] === '-') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (ch === '#') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (ch === '/' && text[i + 1] === '*') i = text.indexOf('*/', i) < 0 ? text.length : text.indexOf('*/', i) + 1;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && /[Ww]/.test(ch) && /^where\b/i.test(text.slice(i, i + 6)) && (i === 0 || /[\s)]/.test(text[i - 1]!))) {
      return text.slice(i + 5).trim().replace(/;\s*$/, '') || undefined;
    }
  }
  return undefined;
}

export interface StreamingDriver extends Driver {
  /** mysql2's streaming query (rows as arrays); see engines/mysql/session.ts. */
  streamQuery(sql: string): { fields: Promise<readonly N[]>; rows: AsyncIterable<unknown[]>; discard(): Promise<void> };
}

/**
 * `catalog` is another connection (the session's control connection): the query's own connection is
 * busy streaming, and a lookup queued behind a paused stream would never run.
 */
export async function openReadQuery(driver: StreamingDriver, catalog: () => Promise<Driver>, server: ServerInfo, kill: () => Promise<void>, sql: string, options: ReadQueryOptions): Promise<ReadQueryResult> {
  const text = sql.trim().replace(/;\s*$/, '');
  let closed = false;
  let finished = false;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void kill();
  }, options.timeoutMs);
  const onAbort = (): void => void kill();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const fail = (error: unknown): never => {
    const errno = (error as { errno?: number }).errno;
    // 1969 MariaDB max_statement_time, 3024 MySQL max_execution_time; 1792 a write in a read-only transaction.
    throw queryError(error, timedOut || errno === 1969 || errno === 3024 ? 'timeout' : errno === 1792 ? 'refused' : 'failed', options.timeoutMs);
  };
  let stream: ReturnType<StreamingDriver['streamQuery']>;
  let columns: ResultColumn[];
  let opaque: boolean;
  try {
    const seconds = Math.max(0.001, options.timeoutMs / 1000);
    if (server.flavor === 'mariadb') await driver.exec(`SET SESSION max_statement_time = ${seconds}`);
    else if (server.flavor === 'mysql') await driver.exec(`SET SESSION max_execution_time = ${Math.round(options.timeoutMs)}`).catch(() => undefined);
    await driver.exec('START TRANSACTION READ ONLY');
    stream = driver.streamQuery(text);
    const fields = await stream.fields;
    // A statement that is not a query (what the check stops, should it miss one) answers with an OK
    // packet: no columns, no rows.
    if (!Array.isArray(fields) || fields.length === 0) {
      throw new BbError('apply', 'The server returned no result set: it ran the statement as something other than a query.', { hint: 'Report this query to bb\'s maintainers: the read-only check should have refused it.', code: 'query.no-result' });
    }
    const lookups = await catalog();
    const functions = await storedFunctions(lookups);
    columns = await traceColumns(lookups, fields, functions);
    opaque = await callsStoredFunction(lookups, text, functions);
  } catch (error) {
    clearTimeout(timer);
    await driver.exec('ROLLBACK').catch(() => undefined);
    if (error instanceof BbError && error.code === 'query.no-result') throw error;
    return fail(error);
  }
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // Stopping early: the server keeps sending rows until the statement is killed.
    if (!finished) {
      await kill();
      await stream.discard();
    }
    await driver.exec('ROLLBACK').catch(() => undefined);
    await driver.exec(server.flavor === 'mariadb' ? 'SET SESSION max_statement_time = DEFAULT' : 'SET SESSION max_execution_time = DEFAULT').catch(() => undefined);
  };
  return {
    columns,
    reads: { columns: [], opaque },
    async *batches() {
      let batch: unknown[][] = [];
      try {
        for await (const row of stream.rows) {
          batch.push(row);
          if (batch.length >= options.batchSize) {
            const out = batch;
            batch = [];
            yield out;
          }
        }
        finished = true;
        // KILL QUERY / max_statement_time interrupt SLEEP() and friends without an error: the deadline decides.
        if (timedOut) fail(new Error('interrupted at the deadline'));
        if (batch.length > 0) yield batch;
      } catch (error) {
        finished = true;
        fail(error);
      } finally {
        await close();
      }
    },
    close,
  };
}

interface Relation { type: string; definition?: string | null }

/** The words of a text (names, keywords, and words inside strings and comments), lower-cased. */
const wordsOf = (text: string): string[] => (text.match(/[\p{L}\p{N}_$]+/gu) ?? []).map((w) => w.toLowerCase());

/** The stored functions the user can see (and so may call), lower-cased. */
async function storedFunctions(driver: Driver): Promise<ReadonlySet<string>> {
  const rows = await driver.query<{ name: string }>("SELECT DISTINCT LOWER(ROUTINE_NAME) AS name FROM information_schema.ROUTINES WHERE ROUTINE_TYPE = 'FUNCTION'");
  return new Set(rows.map((r) => String(r.name)));
}

/**
 * Does the query, or a view it names (through views of views), call a stored function? Such a
 * function can return a masked column the query never names (`RETURN (SELECT email FROM users …)`),
 * and its result has no origin: the query counts as reading what bb cannot trace
 * (ReadQueryResult.reads.opaque). By the words of the texts, so a column or string that shares a
 * function's name counts too (masking more, never less).
 */
async function callsStoredFunction(driver: Driver, sql: string, functions: ReadonlySet<string>): Promise<boolean> {
  if (functions.size === 0) return false;
  const seen = new Set<string>();
  let texts = [sql];
  for (let depth = 0; texts.length > 0 && depth <= 8; depth++) {
    const words = [...new Set(texts.flatMap(wordsOf))];
    if (words.some((w) => functions.has(w))) return true;
    const names = words.filter((w) => !seen.has(w));
    for (const n of names) seen.add(n);
    if (names.length === 0) return false;
    const views = await driver.query<{ definition: string | null }>(
      `SELECT VIEW_DEFINITION AS definition FROM information_schema.VIEWS WHERE LOWER(TABLE_NAME) IN (${names.map(() => '?').join(', ')})`,
      names,
    );
    texts = views.map((v) => v.definition ?? '');
  }
  // A chain of views deeper than bb follows: count it as calling one.
  return true;
}

/** orgTable/orgName → base columns; a view's column → its expression in VIEW_DEFINITION (untraced when the view calls a stored function). */
async function traceColumns(driver: Driver, fields: readonly N[], functions: ReadonlySet<string>): Promise<ResultColumn[]> {
  const cache = new Map<string, Relation | undefined>();
  const relation = async (schema: string, table: string): Promise<Relation | undefined> => {
    const key = `${schema}.${table}`;
    if (!cache.has(key)) {
      const rows = await driver.query<{ type: string; definition: string | null }>(
        `SELECT t.TABLE_TYPE AS type, v.VIEW_DEFINITION AS definition FROM information_schema.TABLES t
           LEFT JOIN information_schema.VIEWS v ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME
          WHERE t.TABLE_SCHEMA = ? AND t.TABLE_NAME = ?`,
        [schema, table],
      );
      cache.set(key, rows[0] ? { type: String(rows[0].type), definition: rows[0].definition } : undefined);
    }
    return cache.get(key);
  };
  const resolve = async (schema: string, table: string, column: string, depth: number): Promise<Pick<ResultColumn, 'source' | 'derivedFrom'>> => {
    const rel = await relation(schema, table);
    if (!rel) return {};
    const source: ColumnSource = { schema, table, column };
    if (!/VIEW/i.test(rel.type)) return { source };
    // A view that calls a stored function: what its columns hold cannot be traced (callsStoredFunction).
    if (rel.definition && wordsOf(rel.definition).some((w) => functions.has(w))) return {};
    if (!rel.definition || depth > 8) return { source, derivedFrom: [source] };
    let select: N;
    try {
      select = (await astify(rel.definition))[0];
    } catch {
      return { source, derivedFrom: [source] };
    }
    const aliases = new Map<string, { db?: string; table: string }>();
    for (const f of select.from ?? []) if (str(f.table)) aliases.set(String(f.as ?? str(f.table)), { ...(str(f.db) ? { db: str(f.db)! } : {}), table: str(f.table)! });
    const target = (select.columns ?? []).find((c: N) => String(c.as ?? str(c.expr?.column) ?? '') === column);
    if (!target) return { source, derivedFrom: [source] };
    const refs: { db?: string; table: string; column: string }[] = [];
    walk(target.expr, (n) => {
      if (n.type !== 'column_ref') return;
      const t = str(n.table);
      const base = t ? aliases.get(t) ?? { ...(str(n.db) ? { db: str(n.db)! } : {}), table: t } : [...aliases.values()][0];
      const name = str(n.column);
      if (base && name) refs.push({ ...base, column: String(name) });
    });
    if (target.expr?.type === 'column_ref' && refs.length === 1) {
      const r = refs[0]!;
      return resolve(r.db ?? schema, r.table, r.column, depth + 1);
    }
    const derived: ColumnSource[] = [source];
    for (const r of refs) {
      const inner = await resolve(r.db ?? schema, r.table, r.column, depth + 1);
      if (inner.source) derived.push(inner.source);
      derived.push(...(inner.derivedFrom ?? []));
    }
    return { source, derivedFrom: derived };
  };
  const out: ResultColumn[] = [];
  for (const f of fields) {
    const schema = String(f.schema ?? f.db ?? '');
    if (!f.orgTable || !f.orgName || !schema) {
      out.push({ name: String(f.name) });
      continue;
    }
    out.push({ name: String(f.name), ...(await resolve(schema, String(f.orgTable), String(f.orgName), 0)) });
  }
  return out;
}

/** The base tables and columns a view definition reads (qualified as the server stores them). */
export async function viewReferences(definition: string): Promise<{ tables: { db?: string; table: string }[]; columns: { db?: string; table: string; column: string }[] }> {
  const [select] = await astify(definition);
  const tables: { db?: string; table: string }[] = [];
  const aliases = new Map<string, { db?: string; table: string }>();
  walk(select, (n) => {
    if (str(n.table) && 'as' in n && !('column' in n) && n.type === undefined) {
      const t = { ...(str(n.db) ? { db: str(n.db)! } : {}), table: str(n.table)! };
      tables.push(t);
      aliases.set(String(n.as ?? t.table), t);
    }
  });
  const columns: { db?: string; table: string; column: string }[] = [];
  walk(select, (n) => {
    if (n.type !== 'column_ref') return;
    const column = str(n.column);
    const t = str(n.table);
    const base = t ? aliases.get(t) ?? { ...(str(n.db) ? { db: str(n.db)! } : {}), table: t } : tables[0];
    if (column && column !== '*' && base) columns.push({ ...base, column });
  });
  return { tables, columns };
}
