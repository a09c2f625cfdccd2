/**
 * PostgreSQL's parser adapter: libpg-query (the real PostgreSQL 18 parser, as WASM) turns a statement
 * into its native tree (`ast`, the RawStmt's inner node such as `{ CreateStmt: … }`), its `kind`, and
 * engine-neutral `facts` (src/lint/facts.ts) for the rules shared with other engines.
 *
 * libpg-query is imported lazily: the first parse() returns a Promise while the WASM module loads,
 * later ones return synchronously. A statement the parser rejects is kind 'unparsed' with the
 * parser's message and the offset it points at; parse() never throws.
 *
 * `classify()` stays as the keyword classifier for callers that need only the kind and must not load
 * the parser (the runner and planner).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { setFlagsFromString } from 'node:v8';
import { loadLibpg, type PgQuery } from './libpg.js';
import type { ParsedStatement, RawStatement, StatementKind } from '../../src/engine.js';
import { LazyTreeStatement } from '../../src/sql/lazy-tree-statement.js';
import type {
  AlterAction, ColumnFacts, ConstraintFacts, ForeignKeyFacts, IndexFacts, ObjectName, StatementFacts,
} from '../../src/lint/facts.js';

const KINDS: readonly [RegExp, StatementKind][] = [
  [/^CREATE\s+(UNLOGGED\s+|TEMP(ORARY)?\s+)?TABLE\b/i, 'create-table'],
  [/^ALTER\s+TABLE\b/i, 'alter-table'],
  [/^DROP\s+TABLE\b/i, 'drop-table'],
  [/^CREATE\s+(UNIQUE\s+)?INDEX\b/i, 'create-index'],
  [/^DROP\s+INDEX\b/i, 'drop-index'],
  [/^INSERT\b/i, 'insert'],
  [/^UPDATE\b/i, 'update'],
  [/^DELETE\b/i, 'delete'],
  [/^(SELECT|WITH|VALUES|TABLE)\b/i, 'select'],
  [/^(SET|RESET)\b/i, 'set'],
  [/^(BEGIN|START|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i, 'transaction'],
];

/** Kind only, by keywords; no parser loaded. */
export function classify(stmt: RawStatement): ParsedStatement {
  const text = stmt.text.trimStart();
  const kind = KINDS.find(([re]) => re.test(text))?.[1] ?? 'other';
  return { ...stmt, kind, facts: {}, ast: undefined };
}

type N = any;
let pg: PgQuery | undefined;
let loading: Promise<PgQuery> | undefined;

/**
 * Loads libpg-query once (≈30 ms; libpg.ts); parse() calls it when needed.
 *
 * The parser's WebAssembly is compiled with V8's baseline compiler only (Liftoff): by default V8 also
 * recompiles the hot functions with its optimising compiler, which for this 1.7 MB module costs about
 * 250 ms of CPU per process, more than a lint run of 10,000 statements ever wins back (measured:
 * bench/lint.js, docs/lint.md "Performance"). The flag is read when a module is compiled, so it is set
 * for libpg-query's compilation only and restored right after.
 */
export function loadParser(): Promise<PgQuery> {
  loading ??= (async () => {
    const restore = baselineWasmOnly();
    try {
      pg = await loadLibpg();
      return pg;
    } finally {
      restore();
    }
  })();
  return loading;
}

function baselineWasmOnly(): () => void {
  try {
    setFlagsFromString('--liftoff-only');
    return () => setFlagsFromString('--no-liftoff-only');
  } catch {
    return () => undefined;
  }
}

/** Full parse: kind, ast and facts. Synchronous once the parser is loaded. */
export function parsePostgres(stmt: RawStatement): ParsedStatement | Promise<ParsedStatement> {
  if (pg) return parseWith(pg, stmt);
  return loadParser().then((p) => parseWith(p, stmt));
}

function parseWith(p: PgQuery, stmt: RawStatement): ParsedStatement {
  let result: { stmts: { stmt: N }[] };
  try {
    result = p.parseSync(stmt.text);
  } catch (error) {
    return { ...stmt, kind: 'unparsed', facts: {}, ast: undefined, ...unparsed(error) };
  }
  const node: N = result.stmts[0]?.stmt;
  if (!node) return { ...stmt, kind: 'other', facts: {}, ast: undefined };
  // A tree shape the fact extractor does not expect must not hide the statement from the rules.
  return withFacts(stmt, node);
}

function unparsed(error: unknown): { error: string; errorOffset?: number } {
  const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
  const message = error instanceof Error ? error.message : String(error);
  return {
    error: message,
    // PostgreSQL's error cursor counts characters (unlike the tree's locations, which count bytes).
    ...(typeof details?.cursorPosition === 'number' ? { errorOffset: Math.max(0, details.cursorPosition) } : {}),
  };
}

/**
 * parse() for many statements: libpg-query is called once per batch of statements (its per-call cost
 * dominates on big files), and each tree's locations are shifted back to be relative to its own
 * statement. A batch that fails to parse, or whose statement count differs, is parsed one by one.
 */
export function parseManyPostgres(stmts: readonly RawStatement[]): ParsedStatement[] | Promise<ParsedStatement[]> {
  if (pg) return manyWith(pg, stmts);
  return loadParser().then((p) => manyWith(p, stmts));
}

const BATCH = 100;
const LOCATION_KEYS = new Set(['location', 'name_location', 'list_start', 'list_end', 'rexpr_list_start', 'rexpr_list_end']);

function shiftLocations(node: N, by: number): void {
  if (Array.isArray(node)) {
    for (const item of node) if (item && typeof item === 'object') shiftLocations(item, by);
    return;
  }
  for (const key in node) {
    const value = node[key];
    if (typeof value === 'number') {
      if (value >= 0 && LOCATION_KEYS.has(key)) node[key] = value - by;
    } else if (value && typeof value === 'object') shiftLocations(value, by);
  }
}

function manyWith(p: PgQuery, stmts: readonly RawStatement[]): ParsedStatement[] {
  if (stmts.length < 2) return stmts.map((s) => parseWith(p, s));
  const out: ParsedStatement[] = [];
  for (let i = 0; i < stmts.length; i += BATCH) for (const parsed of parseBatch(p, stmts.slice(i, i + BATCH))) out.push(parsed);
  return out;
}

/** One libpg-query call for up to BATCH statements. */
function parseBatch(p: PgQuery, batch: readonly RawStatement[]): ParsedStatement[] {
  // libpg-query's locations are UTF-8 byte offsets: track each statement's byte offset in the batch.
  const offsets: number[] = [];
  let text = '';
  let bytes = 0;
  for (const s of batch) {
    offsets.push(bytes);
    // A statement without its ';' may end in a -- comment: close the comment with a newline first.
    const piece = `${s.text}${/;\s*$/.test(s.text) ? '' : '\n;'}\n`;
    text += piece;
    bytes += Buffer.byteLength(piece, 'utf8');
  }
  let result: { stmts: { stmt: N }[] } | undefined;
  try {
    result = p.parseSync(text);
  } catch {
    result = undefined;
  }
  if (!result || result.stmts.length !== batch.length) return batch.map((s) => parseWith(p, s));
  return batch.map((s, k) => {
    const node: N = result!.stmts[k]!.stmt;
    if (!node) return { ...s, kind: 'other', facts: {}, ast: undefined };
    if (offsets[k]! > 0) shiftLocations(node, offsets[k]!);
    return new BatchStatement(s, node);
  });
}

/** A batch's statement: kind and facts now, its tree only when read (src/sql/lazy-tree-statement.ts). */
class BatchStatement extends LazyTreeStatement {
  constructor(stmt: RawStatement, node: N) {
    const { kind, facts } = kindAndFacts(stmt, node);
    super(stmt, kind, facts);
  }

  protected parseTree(): unknown {
    return parseWith(pg!, this).ast; // pg is loaded: this statement came from it
  }
}

/**
 * libpg-query's locations are UTF-8 byte offsets; bb's offsets are string (UTF-16) offsets. They differ
 * only after a non-ASCII character, so only such statements are converted.
 */
function toCharOffsets(node: N, text: string): void {
  if (!/[^\x00-\x7f]/.test(text)) return;
  const byteToChar = new Map<number, number>();
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    byteToChar.set(bytes, i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  byteToChar.set(bytes, text.length);
  const visit = (n: N): void => {
    if (Array.isArray(n)) {
      for (const item of n) if (item && typeof item === 'object') visit(item);
      return;
    }
    for (const key in n) {
      const value = n[key];
      if (typeof value === 'number') {
        if (value >= 0 && LOCATION_KEYS.has(key)) n[key] = byteToChar.get(value) ?? value;
      } else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(node);
}

function withFacts(stmt: RawStatement, node: N): ParsedStatement {
  return { ...stmt, ...kindAndFacts(stmt, node), ast: node };
}

/** The statement's kind and facts from its tree (whose locations become string offsets first). */
function kindAndFacts(stmt: RawStatement, node: N): { kind: StatementKind; facts: StatementFacts } {
  toCharOffsets(node, stmt.text);
  try {
    return { kind: kindOf(node), facts: factsOf(node, stmt.text) };
  } catch {
    return { kind: kindOf(node), facts: {} };
  }
}

/** The node type of a parsed statement: 'CreateStmt', 'AlterTableStmt', … */
export function nodeType(ast: unknown): string | undefined {
  return ast && typeof ast === 'object' ? Object.keys(ast)[0] : undefined;
}

function kindOf(node: N): StatementKind {
  const type = nodeType(node);
  const n = type ? node[type] : undefined;
  switch (type) {
    case 'CreateStmt':
    case 'CreateTableAsStmt':
      return type === 'CreateTableAsStmt' && n.objtype !== 'OBJECT_TABLE' ? 'other' : 'create-table';
    case 'AlterTableStmt':
      return n.objtype === 'OBJECT_TABLE' ? 'alter-table' : 'other';
    case 'RenameStmt':
      return n.renameType === 'OBJECT_TABLE' || n.relationType === 'OBJECT_TABLE' && ['OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT'].includes(n.renameType) ? 'alter-table' : 'other';
    case 'DropStmt':
      return n.removeType === 'OBJECT_TABLE' ? 'drop-table' : n.removeType === 'OBJECT_INDEX' ? 'drop-index' : 'other';
    case 'IndexStmt': return 'create-index';
    case 'InsertStmt': return 'insert';
    case 'UpdateStmt': return 'update';
    case 'DeleteStmt': return 'delete';
    case 'SelectStmt': return 'select';
    case 'VariableSetStmt': return 'set';
    case 'TransactionStmt': return 'transaction';
    default: return 'other';
  }
}

// ---------- facts ----------

const str = (n: N): string => n?.String?.sval ?? n?.sval ?? '';
const names = (list: N): string[] => (Array.isArray(list) ? list.map(str) : []);

function rangeVar(rv: N): ObjectName {
  return { ...(rv?.schemaname ? { schema: rv.schemaname } : {}), name: rv?.relname ?? '', ...(typeof rv?.location === 'number' ? { at: rv.location } : {}) };
}

function qualified(list: N): ObjectName {
  if (list?.String) return { name: str(list) };
  const parts = names(list?.List?.items ?? list);
  const name = parts[parts.length - 1] ?? '';
  return parts.length > 1 ? { schema: parts[parts.length - 2]!, name } : { name };
}

/** Whether a DefElem list (REINDEX (CONCURRENTLY), VACUUM (FULL) …) names `option`. */
const hasOption = (list: N, option: string): boolean => Array.isArray(list) && list.some((o: N) => o.DefElem?.defname === option);

/** INSERT's column list or UPDATE's SET targets: column, subfield path (`a.b`, array subscripts as ``) and offset. */
function assignments(targets: N): { column: string; path: string; at?: number }[] {
  const out: { column: string; path: string; at?: number }[] = [];
  for (const t of Array.isArray(targets) ? targets : []) {
    const r = t.ResTarget;
    if (!r?.name) continue;
    const path = (r.indirection ?? []).map((i: N) => i.String?.sval ?? '').join('.');
    out.push({ column: r.name, path, ...(typeof r.location === 'number' ? { at: r.location } : {}) });
  }
  return out;
}

const TYPE_ALIASES: Record<string, string> = {
  int4: 'int', integer: 'int', int: 'int', int8: 'bigint', bigint: 'bigint', int2: 'smallint', smallint: 'smallint',
  bpchar: 'char', character: 'char', char: 'char', varchar: 'varchar', 'character varying': 'varchar',
  bool: 'boolean', boolean: 'boolean', float8: 'double precision', float4: 'real', numeric: 'numeric', decimal: 'numeric',
  timestamp: 'timestamp', timestamptz: 'timestamptz', time: 'time', timetz: 'timetz',
  serial: 'serial', serial4: 'serial', bigserial: 'bigserial', serial8: 'bigserial', smallserial: 'smallserial', serial2: 'smallserial',
};

/** Canonical type name (int, bigint, varchar, char, timestamp, timestamptz, text, serial, …) and numeric modifiers. */
export function typeOf(typeName: N): { type: string; args: number[]; text: string } {
  const parts = names(typeName?.names);
  const raw = (parts[parts.length - 1] ?? '').toLowerCase();
  const args: number[] = [];
  for (const m of typeName?.typmods ?? []) {
    const v = m?.A_Const?.ival?.ival ?? m?.A_Const?.ival;
    if (typeof v === 'number') args.push(v);
  }
  // Quoted "char" (one part, no pg_catalog) is the internal one-byte type, not char(n) (pg_catalog.bpchar).
  const type = raw === 'char' && parts.length === 1 ? '"char"' : TYPE_ALIASES[raw] ?? raw;
  const array = Array.isArray(typeName?.arrayBounds) && typeName.arrayBounds.length > 0;
  const text = `${type}${args.length ? `(${args.join(',')})` : ''}${array ? '[]' : ''}`;
  return { type: array ? `${type}[]` : type, args, text };
}

/** Functions whose result changes per row: a DEFAULT with one of them rewrites the table on ADD COLUMN. */
const VOLATILE = new Set(['random', 'clock_timestamp', 'timeofday', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc',
  'uuid_generate_v4', 'uuidv4', 'uuidv7', 'nextval', 'setseed', 'txid_current', 'statement_timestamp']);

export function isVolatile(expr: N): boolean {
  let volatile = false;
  walk(expr, (key, value) => {
    if (key === 'FuncCall') {
      const fn = names(value.funcname).pop()?.toLowerCase() ?? '';
      if (VOLATILE.has(fn)) volatile = true;
    }
  });
  return volatile;
}

/** Visits every object node (depth first) as (nodeType, node). */
export function walk(node: N, visit: (key: string, value: N) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (value && typeof value === 'object') {
      if (!Array.isArray(value) && /^[A-Z]/.test(key)) visit(key, value);
      walk(value, visit);
    }
  }
}

/** Source text of a node between its location and the next sibling is not known; deparse small expressions. */
export function exprText(expr: N): string {
  if (!expr || typeof expr !== 'object') return String(expr ?? '');
  const type = nodeType(expr)!;
  const v = expr[type];
  switch (type) {
    case 'A_Const': {
      if (v.isnull) return 'NULL';
      if (v.sval) return `'${v.sval.sval ?? ''}'`;
      if (v.ival) return String(v.ival.ival ?? 0);
      if (v.fval) return String(v.fval.fval);
      if (v.boolval) return String(v.boolval.boolval ?? false);
      return '0';
    }
    case 'FuncCall': return `${names(v.funcname).join('.')}(${(v.args ?? []).map(exprText).join(', ')})`;
    case 'TypeCast': return `${exprText(v.arg)}::${typeOf(v.typeName).text}`;
    case 'ColumnRef': return (v.fields ?? []).map((f: N) => (f.A_Star ? '*' : str(f))).join('.');
    case 'SQLValueFunction': return String(v.op ?? '').replace(/^SVFOP_/, '').toLowerCase();
    default: return type;
  }
}

const FK_ACTIONS: Record<string, ForeignKeyFacts['onDelete']> = { a: 'no-action', r: 'restrict', c: 'cascade', n: 'set-null', d: 'set-default' };

function constraintOf(c: N, column?: string): ConstraintFacts | undefined {
  const at = typeof c.location === 'number' ? { at: c.location } : {};
  const base = { ...(c.conname ? { name: c.conname } : {}), ...at, ...(c.skip_validation ? { notValid: true } : {}), ...(c.indexname ? { usingIndex: c.indexname } : {}) };
  const cols = c.keys ? names(c.keys) : column ? [column] : [];
  switch (c.contype) {
    case 'CONSTR_PRIMARY': return { type: 'primary-key', columns: cols, ...base };
    case 'CONSTR_UNIQUE': return { type: 'unique', columns: cols, ...base };
    case 'CONSTR_CHECK': return { type: 'check', columns: cols, ...base };
    case 'CONSTR_EXCLUSION': return { type: 'exclude', columns: cols, ...base };
    case 'CONSTR_NOTNULL': return { type: 'not-null', columns: cols, ...base };
    case 'CONSTR_FOREIGN': {
      const onDelete = FK_ACTIONS[c.fk_del_action as string];
      return {
        type: 'foreign-key', columns: c.fk_attrs ? names(c.fk_attrs) : cols, ...base,
        references: { table: rangeVar(c.pktable), columns: names(c.pk_attrs), ...(onDelete ? { onDelete } : {}) },
      };
    }
    default: return undefined;
  }
}

export function columnOf(def: N): { column: ColumnFacts; constraints: ConstraintFacts[] } {
  const t = typeOf(def.typeName);
  let notNull = false;
  let explicitNull = false;
  let primaryKey = false;
  let unique = false;
  let dflt: string | undefined;
  let volatile = false;
  let identity = false;
  let generated = false;
  let references: ForeignKeyFacts | undefined;
  const constraints: ConstraintFacts[] = [];
  for (const wrapper of def.constraints ?? []) {
    const c = wrapper.Constraint;
    if (!c) continue;
    switch (c.contype) {
      case 'CONSTR_NOTNULL': notNull = true; break;
      case 'CONSTR_NULL': explicitNull = true; break;
      case 'CONSTR_PRIMARY': primaryKey = true; notNull = true; break;
      case 'CONSTR_UNIQUE': unique = true; break;
      case 'CONSTR_DEFAULT': dflt = exprText(c.raw_expr); volatile = isVolatile(c.raw_expr); break;
      case 'CONSTR_IDENTITY': identity = true; break;
      case 'CONSTR_GENERATED': generated = true; break;
      default: break;
    }
    const fact = constraintOf(c, def.colname);
    if (fact && fact.type !== 'not-null') constraints.push(fact);
    if (fact?.type === 'foreign-key' && fact.references) references = fact.references;
  }
  const serial = /^(small|big)?serial$/.test(t.type);
  const column: ColumnFacts = {
    name: def.colname ?? '', type: t.type, typeArgs: t.args, typeText: t.text, notNull: notNull || serial, primaryKey,
    ...(explicitNull ? { explicitNull } : {}), ...(unique ? { unique } : {}),
    ...(dflt !== undefined ? { default: dflt, defaultVolatile: volatile } : {}),
    ...(serial || identity ? { autoIncrement: true } : {}), ...(identity ? { identity } : {}), ...(generated ? { generated } : {}),
    ...(def.collClause ? { collation: names(def.collClause.CollateClause?.collname ?? def.collClause.collname).join('.') } : {}),
    ...(references ? { references } : {}),
    ...(typeof def.location === 'number' ? { at: def.location } : {}),
  };
  return { column, constraints };
}

function indexColumns(params: N): string[] {
  return (params ?? []).map((p: N) => {
    const e = p.IndexElem ?? p;
    return e.name ?? `(${exprText(e.expr)})`;
  });
}

function alterActions(cmds: N, tableName: string): AlterAction[] {
  const actions: AlterAction[] = [];
  for (const wrapper of cmds ?? []) {
    const c = wrapper.AlterTableCmd;
    if (!c) continue;
    const def = c.def;
    const at = typeof def?.ColumnDef?.location === 'number' ? { at: def.ColumnDef.location } : typeof def?.Constraint?.location === 'number' ? { at: def.Constraint.location } : {};
    switch (c.subtype) {
      case 'AT_AddColumn': actions.push({ type: 'add-column', column: columnOf(def.ColumnDef).column, ...(c.missing_ok ? { ifNotExists: true } : {}), ...at }); break;
      case 'AT_DropColumn': actions.push({ type: 'drop-column', column: c.name, ...(c.behavior === 'DROP_CASCADE' ? { cascade: true } : {}) }); break;
      case 'AT_AlterColumnType': actions.push({ type: 'alter-column-type', column: c.name, newType: columnOf({ ...def.ColumnDef, colname: c.name }).column, ...(def.ColumnDef.raw_default ? { using: exprText(def.ColumnDef.raw_default) } : {}), ...at }); break;
      case 'AT_SetNotNull': actions.push({ type: 'set-not-null', column: c.name }); break;
      case 'AT_DropNotNull': actions.push({ type: 'drop-not-null', column: c.name }); break;
      case 'AT_ColumnDefault':
        actions.push(def ? { type: 'set-default', column: c.name, default: exprText(def), volatile: isVolatile(def) } : { type: 'drop-default', column: c.name });
        break;
      case 'AT_AddConstraint': {
        const fact = constraintOf(def.Constraint);
        if (fact) actions.push({ type: 'add-constraint', constraint: fact, ...at });
        else actions.push({ type: 'other', text: String(def.Constraint?.contype ?? c.subtype), ...at });
        break;
      }
      case 'AT_DropConstraint': actions.push({ type: 'drop-constraint', name: c.name }); break;
      case 'AT_ValidateConstraint': actions.push({ type: 'validate-constraint', name: c.name }); break;
      case 'AT_AttachPartition':
      case 'AT_DetachPartition':
      case 'AT_DetachPartitionFinalize': {
        const cmd = def?.PartitionCmd;
        actions.push({ type: c.subtype === 'AT_AttachPartition' ? 'attach-partition' : 'detach-partition', partition: rangeVar(cmd?.name), ...(cmd?.concurrent ? { concurrently: true } : {}) });
        break;
      }
      default: actions.push({ type: 'other', text: String(c.subtype).replace(/^AT_/, '') });
    }
  }
  void tableName;
  return actions;
}

function hasRandomOrder(sort: N): boolean {
  let found = false;
  walk(sort, (key, value) => {
    if (key === 'FuncCall' && ['random', 'rand'].includes(names(value.funcname).pop()?.toLowerCase() ?? '')) found = true;
  });
  return found;
}

function factsOf(node: N, text: string): StatementFacts {
  const type = nodeType(node)!;
  const n = node[type];
  switch (type) {
    case 'CreateStmt': {
      const columns: ColumnFacts[] = [];
      const constraints: ConstraintFacts[] = [];
      for (const el of n.tableElts ?? []) {
        if (el.ColumnDef) {
          const { column, constraints: cs } = columnOf(el.ColumnDef);
          columns.push(column);
          for (const c of cs) if (c.type === 'check' || c.type === 'exclude') constraints.push(c);
        } else if (el.Constraint) {
          const c = constraintOf(el.Constraint);
          if (c) constraints.push(c);
        }
      }
      // Table-level PRIMARY KEY / NOT NULL constraints make their columns NOT NULL.
      const pkCols = new Set(constraints.filter((c) => c.type === 'primary-key').flatMap((c) => c.columns.map((x) => x.toLowerCase())));
      const fixed = columns.map((c) => (pkCols.has(c.name.toLowerCase()) ? { ...c, notNull: true } : c));
      const table = rangeVar(n.relation);
      return {
        tables: [table],
        createTable: {
          table, columns: fixed, constraints, ifNotExists: !!n.if_not_exists, temporary: n.relation?.relpersistence === 't',
          partitioned: !!n.partspec || !!n.partbound, ...(n.ofTypename || (n.inhRelations && !n.tableElts) ? { asSelect: true } : {}),
        },
      };
    }
    case 'CreateTableAsStmt': {
      if (n.objtype === 'OBJECT_MATVIEW') return { create: { object: 'materialized view', name: rangeVar(n.into?.rel) } };
      const table = rangeVar(n.into?.rel);
      return { tables: [table], createTable: { table, columns: [], constraints: [], ifNotExists: !!n.if_not_exists, temporary: n.into?.rel?.relpersistence === 't', partitioned: false, asSelect: true } };
    }
    case 'AlterTableStmt': {
      if (n.objtype !== 'OBJECT_TABLE') return { tables: [rangeVar(n.relation)] };
      const table = rangeVar(n.relation);
      return { tables: [table], alterTable: { table, actions: alterActions(n.cmds, table.name), ...(n.missing_ok ? { ifExists: true } : {}) } };
    }
    case 'RenameStmt': {
      const table = rangeVar(n.relation);
      if (n.renameType === 'OBJECT_TABLE') return { tables: [table], renameTable: { from: table, to: { name: n.newname } }, alterTable: { table, actions: [{ type: 'rename-table', to: n.newname }] } };
      if (n.renameType === 'OBJECT_COLUMN' && n.relationType === 'OBJECT_TABLE') return { tables: [table], alterTable: { table, actions: [{ type: 'rename-column', from: n.subname, to: n.newname }] } };
      if (n.renameType === 'OBJECT_TABCONSTRAINT') return { tables: [table], alterTable: { table, actions: [{ type: 'rename-constraint', from: n.subname, to: n.newname }] } };
      return {};
    }
    case 'IndexStmt': {
      const table = rangeVar(n.relation);
      const index: IndexFacts = {
        ...(n.idxname ? { name: n.idxname } : {}), table, columns: indexColumns(n.indexParams), unique: !!n.unique,
        concurrently: !!n.concurrent, ifNotExists: !!n.if_not_exists, ...(n.accessMethod ? { method: n.accessMethod } : {}),
      };
      return { tables: [table], createIndex: index };
    }
    case 'DropStmt': {
      // DROP's names carry no location: find each in the text, left to right.
      const lower = text.toLowerCase();
      let from = 0;
      const objs = (n.objects ?? []).map((o: N) => {
        const q = qualified(o);
        const i = lower.indexOf(q.name.toLowerCase(), from);
        if (i === -1) return q;
        from = i + q.name.length;
        const start = q.schema && lower.lastIndexOf(q.schema.toLowerCase(), i) >= 0 && i - q.schema.length - 1 >= 0 && lower[i - 1] === '.' ? i - q.schema.length - 1 : i;
        return { ...q, at: start };
      });
      const cascade = n.behavior === 'DROP_CASCADE';
      if (n.removeType === 'OBJECT_TABLE') return { tables: objs, dropTable: { tables: objs, cascade, ifExists: !!n.missing_ok } };
      if (n.removeType === 'OBJECT_INDEX') return { dropIndex: { names: objs, concurrently: !!n.concurrent, ifExists: !!n.missing_ok, cascade } };
      return { drop: { object: String(n.removeType).replace(/^OBJECT_/, '').toLowerCase(), names: objs, cascade } };
    }
    case 'InsertStmt': {
      const table = rangeVar(n.relation);
      const sel = n.selectStmt?.SelectStmt;
      const rows = Array.isArray(sel?.valuesLists) ? sel.valuesLists.length : undefined;
      return {
        tables: [table],
        dml: {
          table, hasWhere: false, columns: (n.cols ?? []).map((c: N) => c.ResTarget?.name ?? ''), assignments: assignments(n.cols),
          ...(rows !== undefined ? { rows } : {}), ...(sel?.sortClause ? { hasOrderBy: true, orderByRandom: hasRandomOrder(sel.sortClause) } : {}),
          ...(sel?.limitCount ? { hasLimit: true } : {}),
        },
      };
    }
    case 'UpdateStmt':
    case 'DeleteStmt': {
      const table = rangeVar(n.relation);
      return { tables: [table], dml: { table, hasWhere: !!n.whereClause, ...(type === 'UpdateStmt' ? { assignments: assignments(n.targetList) } : {}) } };
    }
    case 'SelectStmt': {
      const star = (n.targetList ?? []).some((t: N) => (t.ResTarget?.val?.ColumnRef?.fields ?? []).some((f: N) => f.A_Star));
      return { select: { star, hasWhere: !!n.whereClause, hasFrom: Array.isArray(n.fromClause) && n.fromClause.length > 0 } };
    }
    case 'TruncateStmt': {
      const tables = (n.relations ?? []).map((r: N) => rangeVar(r.RangeVar));
      return { tables, truncate: { tables, cascade: n.behavior === 'DROP_CASCADE' } };
    }
    case 'VariableSetStmt':
      return { set: { name: String(n.name ?? '').toLowerCase(), value: (n.args ?? []).map(exprText).join(', ').replace(/^'(.*)'$/, '$1'), ...(n.is_local ? { local: true } : {}) } };
    case 'TransactionStmt': {
      const k = String(n.kind);
      return { transaction: /BEGIN|START/.test(k) ? 'begin' : /COMMIT/.test(k) ? 'commit' : /ROLLBACK/.test(k) && !/TO/.test(k) ? 'rollback' : /SAVEPOINT/.test(k) ? 'savepoint' : 'other' };
    }
    case 'ReindexStmt':
      return { maintenance: { command: 'reindex', concurrently: hasOption(n.params, 'concurrently') } };
    case 'ClusterStmt':
      return { maintenance: { command: 'cluster' } };
    case 'VacuumStmt':
      // ANALYZE is a VacuumStmt too (is_vacuumcmd false).
      return n.is_vacuumcmd ? { maintenance: { command: 'vacuum', full: hasOption(n.options, 'full') } } : {};
    case 'CommentStmt': {
      const parts = names(n.object?.List?.items ?? []);
      const object = String(n.objtype).replace(/^OBJECT_/, '').toLowerCase();
      const text: string | null = n.comment ?? null;
      if (object === 'column') return { comment: { object, name: parts.join('.'), text, table: parts.slice(0, -1).join('.'), column: parts[parts.length - 1] ?? '' } };
      return { comment: { object, name: parts.join('.'), text, ...(object === 'table' ? { table: parts.join('.') } : {}) } };
    }
    case 'ViewStmt': return { create: { object: 'view', name: rangeVar(n.view) } };
    case 'CreateSeqStmt': return { create: { object: 'sequence', name: rangeVar(n.sequence) } };
    case 'CreateFunctionStmt': return { create: { object: n.is_procedure ? 'procedure' : 'function', name: qualified(n.funcname) } };
    case 'CreateTrigStmt': return { tables: [rangeVar(n.relation)], create: { object: 'trigger', name: { name: n.trigname } } };
    case 'CreateSchemaStmt': return { create: { object: 'schema', name: { name: n.schemaname ?? '' } } };
    case 'CreatedbStmt': return { create: { object: 'database', name: { name: n.dbname } } };
    case 'CreateEnumStmt': return { create: { object: 'type', name: qualified(n.typeName) } };
    case 'CompositeTypeStmt': return { create: { object: 'type', name: rangeVar(n.typevar) } };
    case 'CreateDomainStmt': return { create: { object: 'domain', name: qualified(n.domainname) } };
    case 'CreateExtensionStmt': return { create: { object: 'extension', name: { name: n.extname } } };
    case 'DropdbStmt': return { drop: { object: 'database', names: [{ name: n.dbname }], cascade: false } };
    case 'DoStmt':
    case 'CallStmt':
      return { opaque: true };
    default: return {};
  }
}
