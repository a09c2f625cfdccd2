/**
 * bb query on PostgreSQL (pg and PGlite): the read-only check on libpg-query's tree, the read-only
 * transaction with a server-side timeout, rows by COPY TO STDOUT (pg) or a cursor (PGlite), and the tracing of result columns to their
 * table columns (field table oid + attnum, resolved through pg_attribute; view columns through the
 * view's own definition, then pg_depend).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ColumnSource, DataChange, JsonValueKind, ParsedStatement, ReadCheck, ReadQueryOptions, ReadQueryResult, ResultColumn } from '../../src/engine.js';
import { BbError } from '../../src/errors.js';
import type { Driver, PgField } from './driver.js';
import { csvCopyStatement } from './csv.js';
import { loadParser, walk } from './parse.js';
import { queryError } from '../../src/query/errors.js';
import { notParsed, oneReadStatement, type ReadReferences, type Refusal } from '../../src/query/read-check.js';

type N = any;

/** Functions that write, signal other sessions, read server files or change settings even inside a read-only transaction. */
const SIDE_EFFECTS = new Set([
  'nextval', 'setval', 'set_config', 'pg_notify', 'pg_advisory_lock', 'pg_advisory_xact_lock', 'pg_try_advisory_lock',
  'pg_try_advisory_xact_lock', 'pg_advisory_lock_shared', 'pg_advisory_xact_lock_shared', 'pg_try_advisory_lock_shared',
  'pg_try_advisory_xact_lock_shared', 'pg_advisory_unlock', 'pg_advisory_unlock_all', 'pg_advisory_unlock_shared',
  'pg_terminate_backend', 'pg_cancel_backend', 'pg_reload_conf', 'pg_rotate_logfile', 'pg_switch_wal', 'pg_promote',
  'pg_create_restore_point', 'pg_create_physical_replication_slot', 'pg_create_logical_replication_slot',
  'pg_drop_replication_slot', 'pg_replication_slot_advance', 'pg_logical_emit_message', 'pg_read_file',
  'pg_read_binary_file', 'pg_ls_dir', 'pg_stat_file', 'pg_file_write', 'pg_file_unlink', 'pg_file_rename',
  'lo_import', 'lo_export', 'lo_create', 'lo_unlink', 'lo_from_bytea', 'lo_put', 'lowrite',
  'pg_stat_reset', 'pg_stat_reset_shared', 'pg_stat_statements_reset', 'txid_current', 'pg_current_xact_id',
  // Reading a logical slot's changes consumes them (get) and shows row data past the masks (peek too).
  'pg_logical_slot_get_changes', 'pg_logical_slot_peek_changes', 'pg_logical_slot_get_binary_changes', 'pg_logical_slot_peek_binary_changes',
  // Not stopped by a read-only transaction, or not undone by its rollback: a backup started (and a
  // checkpoint forced), a slot copied, the server log written, catalog rows, index summaries.
  'pg_start_backup', 'pg_stop_backup', 'pg_copy_physical_replication_slot', 'pg_copy_logical_replication_slot',
  'pg_log_backend_memory_contexts', 'pg_import_system_collations', 'pg_nextoid', 'pg_log_standby_snapshot',
  'pg_sync_replication_slots', 'pg_switch_xlog', 'brin_desummarize_range', 'gin_clean_pending_list', 'lowrite',
]);
/**
 * Families whose members all do so: statistics resets (pg_stat_reset_single_table_counters, …), server
 * directory listings (pg_ls_logdir, pg_ls_waldir, …), large objects (lo_creat, lo_open, lo_truncate,
 * …), replication origins, backups, WAL replay control, BRIN summaries and pg_upgrade's own functions.
 */
const SIDE_EFFECT_PREFIXES = ['pg_stat_reset', 'pg_ls_', 'lo_', 'pg_replication_origin_', 'pg_backup_', 'pg_wal_replay_', 'pg_xlog_replay_', 'brin_summarize', 'binary_upgrade_'];
const sideEffect = (name: string): boolean => SIDE_EFFECTS.has(name) || SIDE_EFFECT_PREFIXES.some((p) => name.startsWith(p));

/**
 * Catalogs that hold sample values of every column: the planner's statistics (most common values,
 * histogram bounds), masked columns' included, readable by whoever may read the table.
 */
const STATS_HINT = "Column statistics hold values of masked columns; read them with the database's own client, where masking is not promised.";
const COLUMN_STATISTICS = new Set(['pg_statistic', 'pg_stats', 'pg_stats_ext', 'pg_stats_ext_exprs', 'pg_statistic_ext_data']);

/**
 * Functions that run SQL given as text, or read whole tables by name: what they run or read never
 * passes through this check or the masking (query_to_xml('select pg_terminate_backend(…)', …) runs
 * the call; table_to_xml('users', …) prints every column as stored). Prefixes cover families whose
 * members all do so (every dblink_* function opens, runs on or builds SQL from another connection).
 */
const RUNS_SQL = new Set([
  'query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema', 'cursor_to_xml', 'cursor_to_xmlschema',
  'table_to_xml', 'table_to_xmlschema', 'table_to_xml_and_xmlschema', 'schema_to_xml', 'schema_to_xmlschema',
  'schema_to_xml_and_xmlschema', 'database_to_xml', 'database_to_xmlschema', 'database_to_xml_and_xmlschema',
  // ts_stat takes a query as text (ts_rewrite too, in its two-argument form: below); tablefunc's
  // crosstab runs one, connectby reads a table by name.
  'ts_stat', 'crosstab', 'crosstab2', 'crosstab3', 'crosstab4', 'connectby',
  // pageinspect and pgrowlocks read a table's pages or rows by name.
  'get_raw_page', 'pgrowlocks',
]);
const RUNS_SQL_PREFIXES = ['dblink'];

const runsSql = (name: string, args: number): boolean => RUNS_SQL.has(name) || RUNS_SQL_PREFIXES.some((p) => name.startsWith(p)) || (name === 'ts_rewrite' && args === 2);

const WRITES: Readonly<Record<string, string>> = {
  InsertStmt: 'INSERT', UpdateStmt: 'UPDATE', DeleteStmt: 'DELETE', MergeStmt: 'MERGE',
};

/** Parses `sql` and says whether every statement only reads (and which tables and columns it touches). */
export async function checkRead(sql: string): Promise<ReadCheck> {
  const pg = await loadParser();
  let stmts: { stmt: N; stmt_location?: number; stmt_len?: number }[];
  try {
    stmts = (pg.parseSync(sql).stmts ?? []).filter((s) => s.stmt);
  } catch (error) {
    return { ok: false, ...notParsed(error) };
  }
  const check = oneReadStatement(stmts.map((s) => s.stmt), refusal, references);
  return check.ok ? { ...check, text: statementText(sql, stmts[0]!) } : check;
}

/**
 * The one statement's own text. The parser drops empty statements (`SELECT 1;;`, `;` after a
 * trailing comment), but the server rejects them inside `COPY (…)` / `DECLARE … FOR`. Locations
 * are byte offsets in UTF-8; no length means "to the end".
 */
function statementText(sql: string, stmt: { stmt_location?: number; stmt_len?: number }): string {
  const bytes = Buffer.from(sql, 'utf8');
  const start = stmt.stmt_location ?? 0;
  return bytes.subarray(start, stmt.stmt_len ? start + stmt.stmt_len : bytes.length).toString('utf8');
}

function refusal(stmt: N): Refusal | undefined {
  const type = Object.keys(stmt)[0]!;
  if (WRITES[type]) return `is ${WRITES[type]}, which writes`;
  if (type !== 'SelectStmt') return `is ${type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase()}, not a query`;
  let found: Refusal | undefined;
  walk(stmt, (key, value) => {
    if (found) return;
    if (WRITES[key]) found = `contains ${WRITES[key]} (in a WITH clause or subquery), which writes`;
    else if (key === 'SelectStmt' && value.intoClause) found = 'is SELECT … INTO, which creates a table';
    else if (key === 'SelectStmt' && value.lockingClause?.length) found = 'locks rows (SELECT … FOR UPDATE/SHARE)';
    else if (key === 'RangeVar' && COLUMN_STATISTICS.has(String(value.relname).toLowerCase())) found = { reason: `reads ${String(value.relname)}, whose sample values of every column (most common values, histogram bounds) are past bb's masking`, hint: STATS_HINT };
    else if (key === 'FuncCall') {
      const name = String(value.funcname?.at(-1)?.String?.sval ?? '').toLowerCase();
      if (sideEffect(name)) found = `calls ${name}(), which has side effects`;
      else if (runsSql(name, value.args?.length ?? 0)) found = `calls ${name}(), which runs SQL text or reads whole tables past bb's check and masking`;
    }
  });
  return found;
}

function references(stmt: N): ReadReferences {
  const tables: { schema?: string; table: string }[] = [];
  const aliases = new Map<string, string>();
  // Every name a FROM item can be referred to by: tables, aliases of tables, subqueries, functions
  // and joins, and CTEs.
  const rangeNames = new Set<string>();
  walk(stmt, (key, value) => {
    if (value.alias?.aliasname) rangeNames.add(String(value.alias.aliasname));
    if (key === 'CommonTableExpr' && value.ctename) rangeNames.add(String(value.ctename));
    if (key !== 'RangeVar') return;
    const t = { ...(value.schemaname ? { schema: String(value.schemaname) } : {}), table: String(value.relname) };
    tables.push(t);
    rangeNames.add(t.table);
    if (value.alias?.aliasname) aliases.set(String(value.alias.aliasname), t.table);
  });
  // A FROM item's name alone (`u`, `users`) is its whole row (row_to_json(u), json_agg(users),
  // format('%s', u)): every column, masked ones included, inside one value that no field origin
  // traces. It touches what `u.*` touches. (A column of the same name would win on the server;
  // counting it as a row only masks more.)
  const wholeRow = (names: readonly (string | undefined)[]): boolean => names.length === 1 && rangeNames.has(names[0]!);
  const columns: { table?: string; column: string }[] = [];
  let star = false;
  walk(stmt, (key, value) => {
    if (key !== 'ColumnRef') return;
    const fields: N[] = value.fields ?? [];
    const names = fields.map((f) => f.String?.sval as string | undefined);
    if (fields.at(-1)?.A_Star || wholeRow(names)) {
      star = true;
      return;
    }
    const column = names.at(-1);
    if (!column) return;
    const qualifier = names.length >= 2 ? names.at(-2) : undefined;
    columns.push({ ...(qualifier ? { table: aliases.get(qualifier) ?? qualifier } : {}), column });
  });
  return { tables, columns, star };
}

/** The table and WHERE text of an UPDATE or DELETE (for prior backup); undefined for other statements. */
export function dataChange(stmt: ParsedStatement): DataChange | undefined {
  const node = stmt.ast as N;
  const type = node ? Object.keys(node)[0] : undefined;
  if (type !== 'UpdateStmt' && type !== 'DeleteStmt') return undefined;
  const body = node[type];
  const kind = type === 'UpdateStmt' ? 'update' : 'delete';
  if (body.withClause) return { refused: `the ${kind.toUpperCase()} has a WITH clause` };
  if ((body.fromClause ?? body.usingClause)?.length) return { refused: `the ${kind.toUpperCase()} joins other tables (${type === 'UpdateStmt' ? 'FROM' : 'USING'})` };
  if (body.whereClause?.CurrentOfExpr) return { refused: 'WHERE CURRENT OF has no rows to select in advance' };
  const rel = body.relation;
  const table = { ...(rel.schemaname ? { schema: String(rel.schemaname) } : {}), name: String(rel.relname) };
  const alias = rel.alias?.aliasname ? String(rel.alias.aliasname) : undefined;
  let where: string | undefined;
  if (body.whereClause) where = whereText(stmt.text);
  if (body.whereClause && !where) return { refused: 'bb could not find the WHERE clause in the statement text' };
  return { kind, table, ...(where ? { where } : {}), ...(alias ? { alias } : {}) };
}

/** The text between the top-level WHERE and RETURNING (or the end), from the scanner's tokens. */
function whereText(text: string): string | undefined {
  const tokens = scanTokens(text);
  let depth = 0;
  let start: number | undefined;
  let end = text.length;
  for (const t of tokens) {
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') depth--;
    else if (depth === 0 && start === undefined && t.text.toLowerCase() === 'where') start = t.end;
    else if (depth === 0 && start !== undefined && t.text.toLowerCase() === 'returning') {
      end = t.start;
      break;
    }
  }
  if (start === undefined) return undefined;
  const where = text.slice(start, end).trim().replace(/;\s*$/, '');
  return where || undefined;
}

let scanSync: ((s: string) => { tokens: { start: number; end: number; text: string }[] }) | undefined;
/** libpg-query's scanner (loaded with the parser: dataChange runs on statements parse() already read). */
function scanTokens(text: string): { start: number; end: number; text: string }[] {
  if (!scanSync) throw new BbError('internal', 'The PostgreSQL scanner is not loaded yet.');
  return scanSync(text).tokens;
}

/** Loads the scanner beside the parser; call before dataChange(). */
export async function loadScanner(): Promise<void> {
  const pg = await loadParser();
  scanSync = (s) => pg.scanSync(s);
}

/**
 * libpg-query reads strings as standard_conforming_strings = on does; a server (or a database or
 * role) set to off reads a backslash before a quote as an escape, so `'a\'' , pg_advisory_lock(7) -- '`
 * would be one string to the check and a call to the server. The query is read as it was checked.
 */
const READ_AS_PARSED = 'SET LOCAL standard_conforming_strings = on';

/**
 * Opens `sql` in a READ ONLY transaction with statement_timeout (server-side): rows by COPY (pg, and
 * the server's own CSV for --format csv), or through a NO SCROLL cursor fetched in batches (PGlite).
 * An overall deadline cancels the running statement on the server too.
 */
export async function openReadQuery(driver: Driver, sql: string, options: ReadQueryOptions): Promise<ReadQueryResult> {
  if (!driver.arrayQuery) throw new BbError('internal', 'This PostgreSQL transport cannot stream query results.');
  const text = sql.trim().replace(/;\s*$/, '');
  let closed = false;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void driver.cancel();
  }, options.timeoutMs);
  const onAbort = (): void => void driver.cancel();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    await driver.exec('ROLLBACK').catch(() => undefined);
  };
  const fail = (error: unknown): never => {
    const code = (error as { code?: string }).code;
    throw queryError(error, timedOut || code === '57014' ? 'timeout' : code === '25006' ? 'refused' : 'failed', options.timeoutMs);
  };
  if (driver.copyOut) {
    // The server streams COPY far faster than row-by-row results; the column origins come from a
    // Describe-like LIMIT 0 of the same query (origins are traced through a subquery in FROM). The
    // COPY starts when the caller asks for rows (batches) or for the server's CSV (csv), once it
    // knows what to mask.
    let columns: ResultColumn[];
    let fields: readonly PgField[];
    let opaque: boolean;
    try {
      await driver.exec('BEGIN TRANSACTION READ ONLY');
      await driver.exec(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(options.timeoutMs))}`);
      await driver.exec(READ_AS_PARSED);
      fields = (await driver.arrayQuery(`SELECT * FROM (${text}\n) AS bb_describe LIMIT 0`)).fields;
      columns = await traceColumns(driver, fields, 0);
      opaque = await callsUserCode(driver, text);
    } catch (error) {
      await close();
      return fail(error);
    }
    let copy: import('./copy.js').CopyOut | undefined;
    let finished = false;
    const stop = async (): Promise<void> => {
      if (copy && !finished && !closed) {
        await driver.cancel();
        await copy.discard().catch(() => undefined);
      }
      await close();
    };
    const copyOut = driver.copyOut.bind(driver);
    // sha256() (hash masks) is PostgreSQL 11+.
    const hashes = (versionNumber(driver.serverVersion) ?? 0) >= 11;
    return {
      columns,
      reads: { columns: [], opaque },
      async *batches() {
        copy = copyOut(`COPY (${text}\n) TO STDOUT`);
        try {
          for await (const rows of copy.batches()) yield rows;
          finished = true;
        } catch (error) {
          finished = true;
          return fail(error);
        } finally {
          await stop();
        }
      },
      async csv({ limit, masks, write }) {
        if (!hashes && masks.some((m) => m?.method === 'hash')) return undefined;
        let statement: string | undefined;
        try {
          const texts = await textColumns(driver, fields.filter((_f, i) => masks[i]));
          statement = csvCopyStatement(text, columns.map((c) => c.name), masks, limit, (i) => texts.has(`${fields[i]!.tableID}:${fields[i]!.columnID}`));
        } catch (error) {
          return fail(error);
        }
        if (statement === undefined) return undefined;
        copy = copyOut(statement);
        // The caller's write failing (a closed pipe) is its own error, not the query's: it passes
        // through, after the COPY is cancelled on the server.
        let writeFailed: { error: unknown } | undefined;
        try {
          for await (const chunk of copy.chunks()) {
            try {
              await write(chunk);
            } catch (error) {
              writeFailed = { error };
              break;
            }
          }
          finished = !writeFailed;
        } catch (error) {
          finished = true;
          return fail(error);
        } finally {
          await stop();
        }
        if (writeFailed) throw writeFailed.error;
        return { rows: copy.rowCount ?? 0 };
      },
      close: stop,
    };
  }
  let first: { fields: readonly PgField[]; rows: unknown[][] };
  let columns: ResultColumn[];
  let opaque: boolean;
  try {
    await driver.exec('BEGIN TRANSACTION READ ONLY');
    await driver.exec(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(options.timeoutMs))}`);
    await driver.exec(READ_AS_PARSED);
    await driver.exec(`DECLARE bb_query NO SCROLL CURSOR FOR ${text}`);
    first = await driver.arrayQuery(`FETCH FORWARD ${options.batchSize} FROM bb_query`);
    let fields = first.fields;
    // PGlite's results carry no column origins: ask the server with a protocol Describe.
    if (driver.describe && fields.every((f) => f.tableID === 0)) fields = await driver.describe(text);
    columns = await traceColumns(driver, fields, 0);
    opaque = await callsUserCode(driver, text);
  } catch (error) {
    await close();
    return fail(error);
  }
  return {
    columns,
    reads: { columns: [], opaque },
    async *batches() {
      try {
        if (first.rows.length > 0) yield first.rows;
        let done = first.rows.length < options.batchSize;
        while (!done && !closed) {
          let batch;
          try {
            batch = await driver.arrayQuery!(`FETCH FORWARD ${options.batchSize} FROM bb_query`);
          } catch (error) {
            return fail(error);
          }
          if (batch.rows.length > 0) yield batch.rows;
          done = batch.rows.length < options.batchSize;
        }
      } finally {
        await close();
      }
    },
    close,
  };
}

/** Which of `fields` are table columns of type text or varchar ("oid:attnum" keys). */
async function textColumns(driver: Driver, fields: readonly PgField[]): Promise<Set<string>> {
  const traced = fields.filter((f) => f.tableID > 0 && f.columnID > 0);
  if (traced.length === 0) return new Set();
  const rows = await driver.query<{ key: string }>(
    `SELECT a.attrelid::int || ':' || a.attnum AS key FROM pg_attribute a
      WHERE (a.attrelid, a.attnum) IN (SELECT * FROM unnest($1::oid[], $2::int2[])) AND a.atttypid IN ('text'::regtype, 'varchar'::regtype)`,
    [traced.map((f) => f.tableID), traced.map((f) => f.columnID)],
  );
  return new Set(rows.map((r) => r.key));
}

interface Attribute { oid: number; schema: string; table: string; kind: string; attnum: number; column: string }

/**
 * Type oids whose text reads as another JSON value: int2, int4, oid, float4, float8 are numbers; bool a
 * boolean; json and jsonb documents. int8 and numeric stay strings (a JSON number loses their digits).
 */
const JSON_KINDS: ReadonlyMap<number, JsonValueKind> = new Map([[21, 'number'], [23, 'number'], [26, 'number'], [700, 'number'], [701, 'number'], [16, 'boolean'], [114, 'json'], [3802, 'json']]);

/** Field origins → names (and their JSON reading); a view's column is traced through the view's definition (depth-limited). */
async function traceColumns(driver: Driver, fields: readonly PgField[], depth: number): Promise<ResultColumn[]> {
  const traced = await traceOrigins(driver, fields, depth);
  return traced.map((c, i) => {
    const json = JSON_KINDS.get(fields[i]!.dataTypeID);
    return json ? { ...c, json } : c;
  });
}

async function traceOrigins(driver: Driver, fields: readonly PgField[], depth: number): Promise<ResultColumn[]> {
  const oids = [...new Set(fields.map((f) => f.tableID).filter((id) => id > 0))];
  const attrs = oids.length === 0 ? [] : await driver.query<Attribute>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS table, c.relkind::text AS kind, a.attnum::int AS attnum, a.attname AS column
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped`,
    [oids],
  );
  const byKey = new Map(attrs.map((a) => [`${a.oid}:${a.attnum}`, a]));
  const views = new Map<number, ResultColumn[] | undefined>();
  const out: ResultColumn[] = [];
  for (const f of fields) {
    const a = byKey.get(`${f.tableID}:${f.columnID}`);
    if (!a) {
      out.push({ name: f.name });
      continue;
    }
    const source: ColumnSource = { schema: a.schema, table: a.table, column: a.column };
    if (a.kind !== 'v' && a.kind !== 'm') {
      out.push({ name: f.name, source });
      continue;
    }
    if (!views.has(a.oid)) views.set(a.oid, depth < 8 ? await viewColumns(driver, a.oid, depth) : undefined);
    const inner = views.get(a.oid)?.[a.attnum - 1];
    if (inner?.source && !inner.derivedFrom) out.push({ name: f.name, source: inner.source });
    else if (inner?.derivedFrom) out.push({ name: f.name, source: inner.source ?? source, derivedFrom: inner.derivedFrom });
    else if (await relationsCallUserCode(driver, [a.oid])) out.push({ name: f.name });
    else out.push({ name: f.name, source, derivedFrom: [source, ...(await viewDependencies(driver, a.oid, 0))] });
  }
  return out;
}

const BUILT_IN = "('pg_catalog', 'information_schema')";

/**
 * Does the query run code that is not the server's own: a function or operator of that name outside
 * pg_catalog (a user's or an extension's), or a view it reads (through views of views) that calls
 * one? Such code can return a masked column's values (`CREATE FUNCTION other.leak() RETURNS SETOF
 * text AS 'SELECT email FROM users'`) without the query naming the column, and its result has no
 * origin to trace: the query counts as reading what bb cannot see (ReadQueryResult.reads.opaque), so
 * its untraced columns are masked when the database has masking rules. By name, so a function that
 * shares its name with a user's counts too (masking more, never less).
 */
async function callsUserCode(driver: Driver, sql: string): Promise<boolean> {
  const pg = await loadParser();
  const functions = new Set<string>();
  const operators = new Set<string>();
  const relations = new Set<string>();
  const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
  walk(pg.parseSync(sql), (key, value) => {
    const last = (names: N): string | undefined => (Array.isArray(names) ? names.at(-1)?.String?.sval : undefined);
    if (key === 'FuncCall' && last(value.funcname)) functions.add(last(value.funcname)!);
    else if (key === 'A_Expr' && last(value.name)) operators.add(last(value.name)!);
    else if (key === 'RangeVar' && value.relname) relations.add(`${value.schemaname ? `${ident(String(value.schemaname))}.` : ''}${ident(String(value.relname))}`);
  });
  if (functions.size > 0 || operators.size > 0) {
    const [row] = await driver.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proname = ANY($1::text[]) AND n.nspname NOT IN ${BUILT_IN})
           OR EXISTS (SELECT 1 FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE o.oprname = ANY($2::text[]) AND n.nspname NOT IN ${BUILT_IN}) AS found`,
      [[...functions], [...operators]],
    );
    if (row?.found) return true;
  }
  if (relations.size === 0) return false;
  const oids = await driver.query<{ oid: number }>('SELECT to_regclass(x)::oid::int AS oid FROM unnest($1::text[]) x WHERE to_regclass(x) IS NOT NULL', [[...relations]]);
  return relationsCallUserCode(driver, oids.map((o) => o.oid));
}

/** Does one of these relations, a view (or a view of views) among them, call a function or operator outside pg_catalog? */
async function relationsCallUserCode(driver: Driver, oids: readonly number[]): Promise<boolean> {
  if (oids.length === 0) return false;
  const [row] = await driver.query<{ found: boolean }>(
    `WITH RECURSIVE rels(oid) AS (
       SELECT unnest($1::oid[])
       UNION
       SELECT d.refobjid FROM rels JOIN pg_rewrite r ON r.ev_class = rels.oid
         JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
     )
     SELECT EXISTS (
       SELECT 1 FROM rels JOIN pg_rewrite r ON r.ev_class = rels.oid
         JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
         LEFT JOIN pg_proc p ON d.refclassid = 'pg_proc'::regclass AND p.oid = d.refobjid
         LEFT JOIN pg_operator o ON d.refclassid = 'pg_operator'::regclass AND o.oid = d.refobjid
         JOIN pg_namespace n ON n.oid = coalesce(p.pronamespace, o.oprnamespace)
        WHERE n.nspname NOT IN ${BUILT_IN}) AS found`,
    [oids],
  );
  return row?.found === true;
}

/** The columns of a view's definition, traced like a query's (so a view over a view resolves too). */
async function viewColumns(driver: Driver, oid: number, depth: number): Promise<ResultColumn[] | undefined> {
  const def = (await driver.query<{ def: string | null }>('SELECT pg_get_viewdef($1::oid) AS def', [oid]))[0]?.def;
  if (!def) return undefined;
  const body = def.trim().replace(/;\s*$/, '');
  const fields = driver.describe ? await driver.describe(body) : (await driver.arrayQuery!(`SELECT * FROM (${body}) AS bb_describe LIMIT 0`)).fields;
  return traceColumns(driver, fields, depth + 1);
}

/** Every base-table column a view (transitively) reads, from pg_depend on its rewrite rule. */
export async function viewDependencies(driver: Driver, oid: number, depth: number): Promise<ColumnSource[]> {
  const rows = await driver.query<{ oid: number; schema: string; table: string; kind: string; column: string }>(
    `SELECT DISTINCT c.oid::int AS oid, n.nspname AS schema, c.relname AS table, c.relkind::text AS kind, a.attname AS column
       FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
       JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
      WHERE r.ev_class = $1::oid AND d.refobjid <> $1::oid AND d.refobjsubid > 0`,
    [oid],
  );
  const out: ColumnSource[] = [];
  for (const r of rows) {
    out.push({ schema: r.schema, table: r.table, column: r.column });
    if ((r.kind === 'v' || r.kind === 'm') && depth < 8) out.push(...(await viewDependencies(driver, r.oid, depth + 1)));
  }
  return out;
}

/** "PostgreSQL 15.20" → 15. */
function versionNumber(serverVersion: string): number | undefined {
  const m = /(\d+)(?:\.\d+)?/.exec(serverVersion);
  return m ? Number(m[1]) : undefined;
}
