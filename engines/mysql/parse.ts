/**
 * MySQL / MariaDB / TiDB parser adapter. `kind` comes from the statement's leading keywords (a
 * `/*!NNNNN … *\/` version comment is read as its content); `ast` is node-sql-parser's tree from its
 * MySQL build (imported lazily, once: the first parseMysql() returns a Promise, later ones are
 * synchronous); `facts` are the engine-neutral StatementFacts of src/lint/facts.ts.
 *
 * - A statement node-sql-parser cannot read is kind 'unparsed' with `error` (and `errorOffset`, relative
 *   to `text`), plus whatever facts the keywords give (its table), so a rule can still name it.
 * - Stored programs are classified without the parser, which cannot read their bodies: CREATE
 *   [DEFINER=…] PROCEDURE / FUNCTION / TRIGGER / EVENT → kind 'other', `facts.create = { object:
 *   'procedure' | 'function' | 'trigger' | 'event', name }` (a trigger also `facts.tables` = [its table]);
 *   DROP / ALTER of them → `facts.drop` / kind 'other'. MariaDB's `BEGIN NOT ATOMIC … END` → 'other'.
 * - Valid statements node-sql-parser 5 does not read (SET NAMES, SET @@x, USE, LOCK TABLES, CALL, GRANT,
 *   CREATE DATABASE, …) keep their keyword kind with no error: a syntax finding on them would be false.
 * - BOOL/BOOLEAN and `VARCHAR(n) BINARY`, which the parser misses, are read as the server stores them
 *   (TINYINT(1); the binary collation is dropped) on a second attempt.
 *
 * What the facts hold for MySQL: `createTable` (columns with canonical lower-case type, typeArgs, notNull,
 * explicitNull, default, autoIncrement, generated, comment, charset, collation; table constraints
 * primary-key / unique / foreign-key / check; options ENGINE, CHARSET, …), `alterTable.actions`
 * (add-column, drop-column, modify-column, change-column, rename-column, rename-table, add-index,
 * drop-index, add-constraint, drop-constraint, set-default, drop-default, set-option, other),
 * `createIndex` (method 'FULLTEXT' / 'SPATIAL' / USING BTREE|HASH), `dropIndex`, `dropTable`,
 * `renameTable`, `dml` (table, hasWhere, columns, rows, hasLimit, hasOrderBy, orderByRandom), `select`,
 * `set`, `transaction`, `create` / `drop` for views, routines, databases; `tables` on every statement
 * that names one. Names are unquoted, case kept (MySQL table names are case-sensitive on Linux).
 * Offsets (`at`, relative to `text`) are set on the table and columns of CREATE TABLE, on each ALTER
 * TABLE action, on CREATE INDEX and on the DML table, so findings point at the column, not the statement.
 */
import { createRequire } from 'node:module';
import type { ParsedStatement, RawStatement, StatementKind } from '../../src/engine.js';
import type { AlterAction, ColumnFacts, ConstraintFacts, ForeignKeyFacts, IndexFacts, ObjectName, StatementFacts } from '../../src/lint/facts.js';
import { LazyTreeStatement } from '../../src/sql/lazy-tree-statement.js';
import { isIdentChar } from '../../src/sql/scan.js';
import { INSERT_HEADER, splitLiteralInsert } from './literal-insert.js';

const NAME = '((?:`(?:[^`]|``)+`|[\\w$]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)+`|[\\w$]+))?)';
const DEFINER = "(?:DEFINER\\s*=\\s*(?:'[^']*'|`[^`]*`|\"[^\"]*\"|[^\\s@]+)(?:\\s*@\\s*(?:'[^']*'|`[^`]*`|\"[^\"]*\"|\\S+))?\\s+)?";
const ROUTINE = new RegExp(`^CREATE\\s+(?:OR\\s+REPLACE\\s+)?${DEFINER}(?:SQL\\s+SECURITY\\s+\\w+\\s+)?(?:AGGREGATE\\s+)?(PROCEDURE|FUNCTION|TRIGGER|EVENT)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}`, 'i');
const DROP_ROUTINE = new RegExp(`^(DROP|ALTER)\\s+(?:${DEFINER})?(PROCEDURE|FUNCTION|TRIGGER|EVENT)\\s+(IF\\s+EXISTS\\s+)?${NAME}`, 'i');
const TRIGGER_ON = new RegExp(`\\b(?:BEFORE|AFTER)\\s+(?:INSERT|UPDATE|DELETE)\\s+ON\\s+${NAME}`, 'i');
const VIEW = new RegExp(`^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:ALGORITHM\\s*=\\s*\\w+\\s+)?${DEFINER}(?:SQL\\s+SECURITY\\s+\\w+\\s+)?VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}`, 'i');

const KINDS: readonly [RegExp, StatementKind][] = [
  [/^CREATE\s+(OR\s+REPLACE\s+)?(TEMPORARY\s+)?TABLE\b/i, 'create-table'],
  [/^ALTER\s+(ONLINE\s+|IGNORE\s+)*TABLE\b/i, 'alter-table'],
  [/^DROP\s+(TEMPORARY\s+)?TABLES?\b/i, 'drop-table'],
  [/^CREATE\s+(OR\s+REPLACE\s+)?(ONLINE\s+|OFFLINE\s+)?(UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?INDEX\b/i, 'create-index'],
  [/^DROP\s+INDEX\b/i, 'drop-index'],
  [/^(INSERT|REPLACE)\b/i, 'insert'],
  [/^UPDATE\b/i, 'update'],
  [/^DELETE\b/i, 'delete'],
  [/^(SELECT|WITH|VALUES|TABLE)\b/i, 'select'],
  [/^(BEGIN\s*(;|$|WORK\b)|START\s+TRANSACTION\b|COMMIT\b|ROLLBACK\b|SAVEPOINT\b|RELEASE\s+SAVEPOINT\b|SET\s+(SESSION\s+|GLOBAL\s+|LOCAL\s+)?TRANSACTION\b|XA\s)/i, 'transaction'],
  [/^SET\b/i, 'set'],
];

/**
 * Valid MySQL statements node-sql-parser 5 cannot read (session and maintenance statements, mysqldump's
 * preamble). They keep their keyword kind and get no `error`.
 */
const CLIENT_STATEMENTS = /^(SET\s+(NAMES|CHARACTER\s+SET|CHARSET|PASSWORD|ROLE|DEFAULT\s+ROLE|STATEMENT)\b|SET\s+(@@|(SESSION|GLOBAL|LOCAL|PERSIST)\s)|USE\s|LOCK\s+TABLES?\b|UNLOCK\s+TABLES?\b|FLUSH\b|ANALYZE\s+TABLE\b|OPTIMIZE\s+TABLE\b|CHECK\s+TABLE\b|REPAIR\s+TABLE\b|CALL\s|DO\s|PREPARE\s|EXECUTE\s|DEALLOCATE\s|(START\s+TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE\s+SAVEPOINT|XA)\b|GRANT\s|REVOKE\s|(CREATE|DROP|ALTER)\s+(USER|ROLE|DATABASE|SCHEMA|SERVER|TABLESPACE|SEQUENCE)\s|SHOW\s|KILL\s|INSTALL\s|UNINSTALL\s|CHECKSUM\s+TABLE\b|SET\s+(SESSION\s+|GLOBAL\s+)?TRANSACTION\b|LOAD\s+(DATA|XML)\b|HANDLER\s|DELETE\b[\s\S]*\bUSING\b|ADMIN\s|SPLIT\s+(TABLE|REGION)\b|FLASHBACK\s|RECOVER\s+TABLE\b|(CREATE|ALTER|DROP)\s+(PLACEMENT\s+POLICY|RESOURCE\s+GROUP)\b|ALTER\s+TABLE\s+\S+\s+(PARTITION\s+BY|(ADD|DROP|TRUNCATE|COALESCE|REORGANIZE|EXCHANGE|REBUILD|OPTIMIZE|ANALYZE|CHECK|REPAIR|DISCARD|IMPORT)\s+PARTITION|REMOVE\s+PARTITIONING|RENAME\s+(INDEX|KEY)|ALTER\s+INDEX|SET\s+TIFLASH\s+REPLICA|(NO)?CACHE|COMPACT|(DISABLE|ENABLE)\s+KEYS|FORCE|ALTER\s+(CHECK|CONSTRAINT)|CONVERT\s+TO\s+(CHARACTER\s+SET|CHARSET))\b)/i;

/** Leading comments and whitespace removed; a `/*!NNNNN … *\/` statement is replaced by its content. */
export function head(text: string): string {
  let t = text;
  for (;;) {
    const before = t;
    t = t.replace(/^(\s+|--(?=\s)[^\n]*\n?|#[^\n]*\n?|\/\*(?![!+]|M!)[\s\S]*?\*\/)+/, '');
    const version = /^\/\*M?!\d{0,6}\s?([\s\S]*?)\*\/\s*;?\s*$/.exec(t);
    if (version) t = version[1]!;
    if (t === before) return t;
  }
}

export function unquote(name: string): string {
  const t = name.trim();
  return t.startsWith('`') && t.endsWith('`') ? t.slice(1, -1).replace(/``/g, '`') : t;
}

/** `db`.`t` or t → ObjectName. */
export function objectName(raw: string): ObjectName {
  const parts = raw.match(/`(?:[^`]|``)+`|[^.\s`]+/g)?.map(unquote) ?? [raw];
  return parts.length > 1 ? { schema: parts[0]!, name: parts[parts.length - 1]! } : { name: parts[0]! };
}

/** Kind only, by keywords; no parser loaded (the runner and planner need nothing more). */
export function keywordKind(text: string): StatementKind {
  const h = head(text);
  return KINDS.find(([re]) => re.test(h))?.[1] ?? 'other';
}

export function classify(stmt: RawStatement): ParsedStatement {
  return { ...stmt, kind: keywordKind(stmt.text), facts: {}, ast: undefined };
}

/** CREATE/DROP/ALTER PROCEDURE|FUNCTION|TRIGGER|EVENT, by keywords; undefined for anything else. */
export function storedProgram(text: string): { action: 'create' | 'drop' | 'alter'; object: string; name: ObjectName; table?: ObjectName } | undefined {
  const h = head(text);
  const create = ROUTINE.exec(h);
  if (create) {
    const on = create[1]!.toUpperCase() === 'TRIGGER' ? TRIGGER_ON.exec(h) : null;
    return { action: 'create', object: create[1]!.toLowerCase(), name: objectName(create[2]!), ...(on ? { table: objectName(on[1]!) } : {}) };
  }
  const drop = DROP_ROUTINE.exec(h);
  if (drop) return { action: drop[1]!.toLowerCase() as 'drop' | 'alter', object: drop[2]!.toLowerCase(), name: objectName(drop[4]!) };
  return undefined;
}

interface SqlParser {
  astify(sql: string, options: { database: string }): unknown;
}
let parser: SqlParser | undefined;
let loading: Promise<SqlParser> | undefined;

/**
 * Loads node-sql-parser's MySQL build once (its other dialects are never loaded). It is CommonJS and
 * `require()`d: `import()` of CommonJS first runs Node's export scanner over the file, 276 kB of
 * minified JavaScript here, which took 64-76 ms against 24-27 ms for require().
 */
export function loadParser(): Promise<SqlParser> {
  loading ??= (async () => {
    const mod = createRequire(import.meta.url)('node-sql-parser/build/mysql.js') as { default?: { Parser: new () => SqlParser }; Parser?: new () => SqlParser };
    const Parser = mod.Parser ?? mod.default!.Parser;
    parser = new Parser();
    return parser;
  })();
  return loading;
}

/** Full parse: kind, ast and facts. Never throws; synchronous once the parser is loaded. */
export function parseMysql(stmt: RawStatement): ParsedStatement | Promise<ParsedStatement> {
  if (parser) return parseWith(parser, stmt);
  return loadParser().then((p) => parseWith(p, stmt));
}

function parseWith(p: SqlParser, stmt: RawStatement): ParsedStatement {
  const h = head(stmt.text);
  const program = storedProgram(stmt.text);
  if (program) {
    const facts: StatementFacts = program.action === 'create'
      ? { create: { object: program.object, name: program.name }, ...(program.table ? { tables: [program.table] } : {}) }
      : program.action === 'drop' ? { drop: { object: program.object, names: [program.name], cascade: false } } : {};
    return { ...stmt, kind: 'other', facts: { ...facts }, ast: undefined };
  }
  if (/^BEGIN\s+NOT\s+ATOMIC\b/i.test(h) || h.trim() === '') return { ...stmt, kind: 'other', facts: {}, ast: undefined };
  const kind = KINDS.find(([re]) => re.test(h))?.[1] ?? 'other';
  const sql = h.replace(/;\s*$/, '');
  const base = stmt.text.endsWith(h) ? stmt.text.length - h.length : 0;
  const literal = kind === 'insert' ? splitLiteralInsert(h) : undefined;
  const known = literal && insertHeaders.get(literal.header);
  if (literal && known?.dml) return new LiteralInsertStatement(stmt, withOffsets({ ...known, dml: { ...known.dml, rows: literal.rows } }, stmt.text, base), p, sql);
  let node: unknown;
  try {
    node = astify(p, sql);
  } catch (error) {
    if (kind === 'alter-table') {
      try {
        const f = alterColumnDefaults(p, h);
        if (f) return { ...stmt, kind, facts: { ...withOffsets(f, stmt.text, base) }, ast: undefined };
      } catch {
        // the other actions do not parse either: unparsed below
      }
    }
    const keywordFacts = fromKeywords(h, kind);
    if (CLIENT_STATEMENTS.test(h)) return { ...stmt, kind, facts: { ...keywordFacts, ...transactionFacts(h, kind) }, ast: undefined };
    const message = error instanceof Error ? error.message : String(error);
    const location = (error as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    return {
      ...stmt, kind: 'unparsed', facts: { ...keywordFacts }, ast: undefined, error: message,
      ...(typeof location === 'number' && stmt.text.endsWith(h) ? { errorOffset: base + location } : {}),
    };
  }
  const ast = Array.isArray(node) ? node[0] : node;
  let facts: StatementFacts;
  try {
    const unlocated = withNativeTypes(factsOf(ast, h, kind));
    // The parser agrees with the literal scanner on this header: the next statements with it reuse its facts.
    if (literal && unlocated.dml?.rows === literal.rows && insertHeaders.size < MAX_INSERT_HEADERS) insertHeaders.set(literal.header, unlocated);
    facts = withOffsets(unlocated, stmt.text, base);
  } catch {
    facts = fromKeywords(h, kind); // a tree shape this adapter does not know: keep the keyword facts
  }
  return { ...stmt, kind, facts: { ...facts, ...transactionFacts(h, kind) }, ast };
}

/** Facts (without offsets) of INSERT headers the parser has read, by header (literal-insert.ts). */
const insertHeaders = new Map<string, StatementFacts>();
const MAX_INSERT_HEADERS = 1000;

/** A literal INSERT whose facts came from an earlier statement with the same header; its tree only when read. */
class LiteralInsertStatement extends LazyTreeStatement {
  readonly #parser: SqlParser;
  readonly #sql: string;

  constructor(stmt: RawStatement, facts: StatementFacts, parser: SqlParser, sql: string) {
    super(stmt, 'insert', facts);
    this.#parser = parser;
    this.#sql = sql;
  }

  protected parseTree(): unknown {
    try {
      const node = astify(this.#parser, this.#sql);
      return Array.isArray(node) ? node[0] : node;
    } catch {
      return undefined; // the header and these literals parsed before; no tree, as for any unparsed statement
    }
  }
}

/** BEGIN / START TRANSACTION / COMMIT / ROLLBACK / SAVEPOINT → facts.transaction. */
function transactionFacts(h: string, kind: StatementKind): StatementFacts {
  if (kind !== 'transaction') return {};
  const transaction = /^(BEGIN|START\s+TRANSACTION)\b/i.test(h) ? 'begin' as const
    : /^COMMIT\b/i.test(h) ? 'commit' as const
      : /^ROLLBACK\s+(WORK\s+)?TO\b/i.test(h) ? 'savepoint' as const
        : /^ROLLBACK\b/i.test(h) ? 'rollback' as const
          : /^(SAVEPOINT|RELEASE\s+SAVEPOINT)\b/i.test(h) ? 'savepoint' as const : 'other' as const;
  return { transaction };
}

/**
 * node-sql-parser 5 misses a few valid spellings (BOOL, `VARCHAR(n) BINARY`, a column's `CHARSET x`, SERIAL, INSERT … VALUE); on a failure the
 * statement is read once more with them rewritten to what the server stores.
 */
/** MariaDB column types the parser lacks: read as BINARY(16) / VARCHAR(45), their own name put back in the facts. */
const NATIVE_TYPES = /((?:[(,]\s*|\b(?:ADD|MODIFY)\s+|\bCHANGE\s+(?:COLUMN\s+)?(?:`[^`]+`|[\w$]+)\s+)(?:COLUMN\s+)?(`[^`]+`|[\w$]+)\s+)(UUID|INET4|INET6)\b(?!\s*\()/gi;
let nativeTypes: Map<string, string> | undefined;

function withNativeTypes(facts: StatementFacts): StatementFacts {
  const types = nativeTypes;
  nativeTypes = undefined;
  if (!types || types.size === 0) return facts;
  const fix = (c: ColumnFacts): ColumnFacts => {
    const t = types.get(c.name.toLowerCase());
    return t ? { ...c, type: t, typeArgs: [], typeText: t } : c;
  };
  const ct = facts.createTable;
  const at = facts.alterTable;
  return {
    ...facts,
    ...(ct ? { createTable: { ...ct, columns: ct.columns.map(fix) } } : {}),
    ...(at ? { alterTable: { ...at, actions: at.actions.map((a) => (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column' ? { ...a, column: fix(a.column) } : a)) } } : {}),
  };
}

function astify(p: SqlParser, sql: string): unknown {
  nativeTypes = undefined;
  try {
    return p.astify(sql, { database: 'MySQL' });
  } catch (error) {
    const rewritten = sql.replace(/\bBOOL(EAN)?\b(?!\s*\()/gi, 'TINYINT(1)').replace(/(\b(?:VAR)?CHAR\s*\(\s*\d+\s*\))\s+BINARY\b/gi, '$1')
      .replace(/(?<!DEFAULT\s+)\bCHARSET\b(?!\s*=)/gi, 'CHARACTER SET') // column `CHARSET x`, a synonym the parser lacks
      // SERIAL is an alias of BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE (a column named serial stays).
      .replace(/([\w`]\s+)SERIAL(?=\s*(?:,|\)|PRIMARY\b|NOT\b|NULL\b|COMMENT\b|UNIQUE\b|KEY\b))/gi, '$1BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE')
      .replace(/<=>\s*NULL\b/gi, 'IS NULL').replace(/<=>/g, '=') // the NULL-safe equal, which the parser lacks
      .replace(INSERT_HEADER, (header) => (/VALUE$/i.test(header) ? `${header}S` : header)) // INSERT … VALUE (…), MySQL's synonym of VALUES
      // MariaDB: ADD COLUMN IF NOT EXISTS, DROP INDEX IF EXISTS, … and CREATE OR REPLACE TABLE.
      .replace(/\b(ADD|DROP)\s+(COLUMN|INDEX|KEY|CONSTRAINT|FOREIGN\s+KEY)\s+IF\s+(NOT\s+)?EXISTS\b/gi, '$1 $2')
      .replace(/^CREATE\s+OR\s+REPLACE\s+(TEMPORARY\s+)?TABLE\b/i, 'CREATE $1TABLE')
      .replace(/^(CREATE\s+(?:UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?INDEX\s+)IF\s+NOT\s+EXISTS\s+/i, '$1')
      // MariaDB: system versioning, ALGORITHM=NOCOPY, WAIT n / NOWAIT, its own table options.
      .replace(/\bWITH(OUT)?\s+SYSTEM\s+VERSIONING\b/gi, '').replace(/\bALGORITHM\s*=\s*NOCOPY\b/gi, 'ALGORITHM=INPLACE')
      .replace(/^(ALTER\s+(?:ONLINE\s+|IGNORE\s+)*TABLE\s+\S+)\s+(WAIT\s+\d+|NOWAIT)\b/i, '$1')
      .replace(/\b(PAGE_COMPRESSED|PAGE_COMPRESSION_LEVEL|ENCRYPTED|ENCRYPTION_KEY_ID|IETF_QUOTES|TRANSACTIONAL|PAGE_CHECKSUM)\s*=?\s*('[^']*'|\w+)/gi, '')
      // Column VISIBLE/INVISIBLE and the TABLESPACE table option, which the facts do not need.
      .replace(/\s(IN)?VISIBLE\b/gi, ' ').replace(/\bTABLESPACE\s*=?\s*(`[^`]+`|\w+)/gi, '')
      // MySQL 8.0.19 row alias: INSERT … VALUES (…) AS new [(a, b)] ON DUPLICATE KEY UPDATE a = new.a
      .replace(/\)\s+AS\s+(`[^`]+`|\w+)(\s*\([^()]*\))?\s+(ON\s+DUPLICATE\s+KEY\s+UPDATE)\b/gi, ') $3')
      // TiDB: AUTO_RANDOM (read as AUTO_INCREMENT), [NON]CLUSTERED primary keys, and its table options.
      .replace(/\bAUTO_RANDOM\b(\s*\(\s*\d+(\s*,\s*\d+)?\s*\))?/gi, 'AUTO_INCREMENT')
      .replace(/\/\*T!\[\w+\]\s*(NON)?CLUSTERED\s*\*\/|\b(NON)?CLUSTERED\b/gi, '')
      .replace(/\b(SHARD_ROW_ID_BITS|PRE_SPLIT_REGIONS|AUTO_ID_CACHE|AUTO_RANDOM_BASE)\s*=?\s*\d+/gi, '');
    // DROP TEMPORARY TABLE: the parser lacks TEMPORARY; the facts do not need it.
    if (/^DROP\s+TEMPORARY\s+TABLE/i.test(rewritten)) return p.astify(rewritten.replace(/^DROP\s+TEMPORARY\s+/i, 'DROP '), { database: 'MySQL' });
    // CREATE TABLE … PARTITION BY …: the parser does not read partitioning; the facts take it from the text.
    const unpartitioned = /^CREATE\s/i.test(rewritten) ? rewritten.replace(/\s+PARTITION\s+BY\b[\s\S]*$/i, '') : rewritten;
    if (unpartitioned !== rewritten) return p.astify(unpartitioned, { database: 'MySQL' });
    const types = new Map<string, string>();
    const typed = rewritten.replace(NATIVE_TYPES, (_m, before: string, name: string, type: string) => {
      types.set(unquote(name).toLowerCase(), type.toLowerCase());
      return `${before}${type.toUpperCase() === 'UUID' ? 'BINARY(16)' : 'VARCHAR(45)'}`;
    });
    if (typed !== rewritten) {
      const node = p.astify(addColumnList(typed), { database: 'MySQL' });
      nativeTypes = types;
      return node;
    }
    const columnList = addColumnList(rewritten);
    if (columnList !== rewritten) return p.astify(columnList, { database: 'MySQL' });
    if (rewritten === sql) throw error;
    return p.astify(rewritten, { database: 'MySQL' });
  }
}

/** ALTER TABLE … ADD [COLUMN] (a int, b int) → ADD COLUMN a int, ADD COLUMN b int (the parser reads only the latter). */
function addColumnList(sql: string): string {
  const m = /\bADD\s+(?:COLUMN\s+)?\(/i.exec(sql);
  if (!m || !/^ALTER\s/i.test(sql)) return sql;
  const open = m.index + m[0].length - 1;
  let depth = 0;
  let close = -1;
  for (let i = open; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'") { i = sql.indexOf("'", i + 1); if (i < 0) return sql; continue; }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) { close = i; break; }
  }
  if (close < 0) return sql;
  const columns = splitTopLevel(sql.slice(open + 1, close)).map((c) => `ADD COLUMN ${c.trim()}`).join(', ');
  return addColumnList(sql.slice(0, m.index) + columns + sql.slice(close + 1));
}

/** Splits on commas outside quotes, backticks and parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const ALTER_TABLE_ACTIONS = new RegExp(`^ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+${NAME}\\s+([\\s\\S]*?)\\s*;?\\s*$`, 'i');
const ALTER_COLUMN = /^\s*ALTER\s+(?:COLUMN\s+)?(`(?:[^`]|``)+`|[\w$]+)\s+(?:SET\s+DEFAULT\s+([\s\S]+?)|DROP\s+DEFAULT|SET\s+(?:VISIBLE|INVISIBLE))\s*$/i;

/**
 * ALTER TABLE … ALTER [COLUMN] c SET DEFAULT v | DROP DEFAULT, which node-sql-parser 5 cannot read: those
 * actions are read by keywords and the others by the parser. Undefined when the statement has none.
 * Throws when the other actions do not parse.
 */
function alterColumnDefaults(p: SqlParser, h: string): StatementFacts | undefined {
  const m = ALTER_TABLE_ACTIONS.exec(h);
  if (!m) return undefined;
  const defaults: AlterAction[] = [];
  const rest: string[] = [];
  for (const part of splitTopLevel(m[2]!)) {
    const a = ALTER_COLUMN.exec(part);
    if (!a) {
      rest.push(part);
      continue;
    }
    const column = unquote(a[1]!);
    if (a[2] !== undefined) defaults.push({ type: 'set-default', column, default: a[2].trim(), ...(VOLATILE.test(a[2].trim()) ? { volatile: true } : {}) });
    else if (/\bDROP\s+DEFAULT\b/i.test(part)) defaults.push({ type: 'drop-default', column });
    else defaults.push({ type: 'other', text: 'alter column' });
  }
  if (defaults.length === 0) return undefined;
  const table = objectName(m[1]!);
  let actions: readonly AlterAction[] = [];
  if (rest.length > 0) {
    const node = astify(p, `ALTER TABLE ${m[1]!} ${rest.join(',')}`);
    actions = factsOf(Array.isArray(node) ? node[0] : node, h, 'alter-table').alterTable?.actions ?? [];
  }
  return { tables: [table], alterTable: { table, actions: [...actions, ...defaults] } };
}

/** Facts from keywords alone, so that an unparsed statement still says which table it touches. */
function fromKeywords(h: string, kind: StatementKind): StatementFacts {
  const view = VIEW.exec(h);
  if (view) return { create: { object: 'view', name: objectName(view[1]!) } };
  const database = databaseFacts(h);
  if (database) return database;
  const patterns: Partial<Record<StatementKind, RegExp>> = {
    'create-table': new RegExp(`^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMPORARY\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}`, 'i'),
    'alter-table': new RegExp(`^ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+${NAME}`, 'i'),
    'drop-table': new RegExp(`^DROP\\s+(?:TEMPORARY\\s+)?TABLES?\\s+(?:IF\\s+EXISTS\\s+)?${NAME}`, 'i'),
    'create-index': new RegExp(`^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:ONLINE\\s+|OFFLINE\\s+)?(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:\`[^\`]+\`|[\\w$]+)\\s+(?:USING\\s+\\w+\\s+)?ON\\s+${NAME}`, 'i'),
    'drop-index': new RegExp(`^DROP\\s+INDEX\\s+(?:IF\\s+EXISTS\\s+)?(?:\`[^\`]+\`|[\\w$]+)\\s+ON\\s+${NAME}`, 'i'),
    insert: new RegExp(`^(?:INSERT|REPLACE)\\s+(?:LOW_PRIORITY\\s+|DELAYED\\s+|HIGH_PRIORITY\\s+|IGNORE\\s+)*(?:INTO\\s+)?${NAME}`, 'i'),
    update: new RegExp(`^UPDATE\\s+(?:LOW_PRIORITY\\s+|IGNORE\\s+)*${NAME}`, 'i'),
    delete: new RegExp(`^DELETE\\s+(?:LOW_PRIORITY\\s+|QUICK\\s+|IGNORE\\s+)*FROM\\s+${NAME}`, 'i'),
  };
  const m = patterns[kind]?.exec(h);
  if (!m) return {};
  const table = objectName(m[1]!);
  const facts: StatementFacts = { tables: [table] };
  if (kind === 'update' || kind === 'delete' || kind === 'insert') return { ...facts, dml: { table, hasWhere: /\bWHERE\b/i.test(h) } };
  return facts;
}

const DATABASE = /^(CREATE|DROP)\s+(DATABASE|SCHEMA)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(`(?:[^`]|``)+`|[\w$]+)/i;

/** CREATE/DROP DATABASE|SCHEMA name → facts.create / facts.drop (object 'database' or 'schema'). */
function databaseFacts(h: string): StatementFacts | undefined {
  const m = DATABASE.exec(h);
  if (!m) return undefined;
  const object = m[2]!.toLowerCase();
  const name = { name: unquote(m[3]!) };
  return m[1]!.toUpperCase() === 'CREATE' ? { create: { object, name } } : { drop: { object, names: [name], cascade: false } };
}

// ---- facts from node-sql-parser's tree (its shapes are loose: read defensively) ----

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : isNode(v) && typeof v.value === 'string' ? v.value : undefined);

function tableName(t: unknown): ObjectName | undefined {
  if (!isNode(t) || typeof t.table !== 'string') return undefined;
  return typeof t.db === 'string' && t.db !== '' ? { schema: t.db, name: t.table } : { name: t.table };
}

function columnName(ref: unknown): string | undefined {
  if (typeof ref === 'string') return ref;
  if (!isNode(ref)) return undefined;
  if (typeof ref.column === 'string') return ref.column;
  if (isNode(ref.column) && isNode(ref.column.expr)) return str(ref.column.expr.value) ?? str(ref.column.expr);
  if (isNode(ref.column)) return str(ref.column);
  if (isNode(ref.expr)) return columnName(ref.expr);
  return undefined;
}

function typeOf(def: unknown): { type: string; typeArgs: number[]; typeText: string } {
  if (!isNode(def)) return { type: '', typeArgs: [], typeText: '' };
  const type = String(def.dataType ?? '').toLowerCase();
  const typeArgs: number[] = [];
  if (typeof def.length === 'number') typeArgs.push(def.length);
  if (typeof def.scale === 'number') typeArgs.push(def.scale);
  let typeText = type;
  if (typeArgs.length > 0) typeText += `(${typeArgs.join(',')})`;
  else if (isNode(def.expr) && Array.isArray(def.expr.value)) typeText += `(${(def.expr.value as unknown[]).map((v) => `'${str(v) ?? ''}'`).join(',')})`;
  if (Array.isArray(def.suffix) && def.suffix.length > 0) typeText += ` ${def.suffix.map((s) => String(s).toLowerCase()).join(' ')}`;
  return { type, typeArgs, typeText };
}

function exprText(v: unknown): string {
  if (!isNode(v)) return String(v);
  const e = isNode(v.value) && v.type === 'default' ? v.value : v;
  switch (e.type) {
    case 'null': return 'NULL';
    case 'single_quote_string': case 'double_quote_string': case 'string': case 'natural_string': return `'${String(e.value).replace(/'/g, "''")}'`;
    case 'number': case 'bool': return String(e.value).toUpperCase() === 'TRUE' || String(e.value).toUpperCase() === 'FALSE' ? String(e.value).toUpperCase() : String(e.value);
    case 'function': {
      const n = isNode(e.name) && Array.isArray(e.name.name) ? (e.name.name as unknown[]).map((p) => str(p) ?? '').join('.') : str(e.name) ?? 'function';
      return `${n.toUpperCase()}()`;
    }
    case 'column_ref': return columnName(e) ?? 'column';
    default:
      return typeof e.value === 'string' || typeof e.value === 'number' ? String(e.value) : 'expression';
  }
}

const VOLATILE = /^(RAND|UUID|UUID_SHORT|SYSDATE|RANDOM_BYTES)\(/i;

function columnOf(d: Node): { column: ColumnFacts; constraints: ConstraintFacts[] } | undefined {
  const name = columnName(d.column);
  if (!name) return undefined;
  const t = typeOf(d.definition);
  const nullable = isNode(d.nullable) ? String(d.nullable.type ?? d.nullable.value).toLowerCase() : undefined;
  const primaryKey = typeof d.primary_key === 'string' || d.unique_or_primary === 'primary key';
  const unique = typeof d.unique === 'string' || d.unique_or_primary === 'unique' || d.unique_or_primary === 'unique key';
  const dflt = isNode(d.default_val) ? exprText(d.default_val.value) : undefined;
  const comment = isNode(d.comment) ? (isNode(d.comment.value) ? str(d.comment.value.value) ?? str(d.comment.value) : str(d.comment.value)) : undefined;
  const collation = isNode(d.collate) ? (isNode(d.collate.collate) ? str(d.collate.collate.name) ?? str(d.collate.collate) : str(d.collate.value)) : undefined;
  const charset = isNode(d.character_set) ? str(d.character_set.value) : undefined;
  const onUpdate = onUpdateOf(d);
  const constraints: ConstraintFacts[] = [];
  let references: ForeignKeyFacts | undefined;
  if (isNode(d.reference_definition)) {
    references = referenceOf(d.reference_definition);
    if (references) constraints.push({ type: 'foreign-key', columns: [name], references });
  }
  const column: ColumnFacts = {
    name, type: t.type, typeArgs: t.typeArgs, typeText: t.typeText,
    notNull: nullable === 'not null' || primaryKey, primaryKey,
    ...(nullable === 'null' ? { explicitNull: true } : {}),
    ...(unique ? { unique: true } : {}),
    ...(dflt !== undefined ? { default: dflt, defaultVolatile: VOLATILE.test(dflt) } : {}),
    ...(d.auto_increment ? { autoIncrement: true } : {}),
    ...(d.generated ? { generated: true } : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(charset ? { charset } : {}),
    ...(collation ? { collation } : {}),
    ...(onUpdate ? { onUpdate } : {}),
    ...(references ? { references } : {}),
  };
  return { column, constraints };
}

/** `ON UPDATE CURRENT_TIMESTAMP`: the parser hangs it on the DEFAULT function, or (without DEFAULT) on an empty reference. */
function onUpdateOf(d: Node): string | undefined {
  const dv = isNode(d.default_val) && isNode(d.default_val.value) ? d.default_val.value : undefined;
  if (dv && isNode(dv.over) && dv.over.type === 'on update') return `${String(dv.over.keyword ?? 'CURRENT_TIMESTAMP').toUpperCase()}()`;
  if (isNode(d.reference_definition) && list(d.reference_definition.table).length === 0) {
    for (const a of list(d.reference_definition.on_action)) {
      if (isNode(a) && a.type === 'on update') return `${String(str(a.value) ?? 'CURRENT_TIMESTAMP').toUpperCase()}()`;
    }
  }
  return undefined;
}

function onDelete(ref: Node): ForeignKeyFacts['onDelete'] | undefined {
  for (const a of list(ref.on_action)) {
    if (!isNode(a) || !/delete/i.test(String(a.type))) continue;
    const v = String(str(a.value) ?? (isNode(a.value) ? a.value.value : '')).toLowerCase();
    if (v.includes('cascade')) return 'cascade';
    if (v.includes('set null')) return 'set-null';
    if (v.includes('set default')) return 'set-default';
    if (v.includes('restrict')) return 'restrict';
    if (v.includes('no action')) return 'no-action';
  }
  return undefined;
}

function referenceOf(ref: Node): ForeignKeyFacts | undefined {
  const table = tableName(list(ref.table)[0]);
  if (!table) return undefined;
  const action = onDelete(ref);
  return { table, columns: list(ref.definition).map(columnName).filter((c): c is string => !!c), ...(action ? { onDelete: action } : {}) };
}

function indexKind(d: Node): string {
  return [d.constraint_type, d.index_type, d.keyword].filter((k) => typeof k === 'string').join(' ').toLowerCase();
}

/** CREATE INDEX … (name(10)): the parser reads a prefix column as a call `name(10)`; an expression needs ((…)). */
function prefixColumn(c: unknown): string | undefined {
  if (!isNode(c) || c.type !== 'function' || c.parentheses === true || !isNode(c.name) || !Array.isArray(c.name.name) || c.name.name.length !== 1) return undefined;
  const args = isNode(c.args) ? list(c.args.value) : [];
  return args.length === 1 && isNode(args[0]) && args[0].type === 'number' ? str(c.name.name[0]) : undefined;
}

function indexOf(d: Node, table: ObjectName): IndexFacts {
  const kind = indexKind(d);
  const columns = list(d.definition ?? d.index_columns).map((c) => columnName(c) ?? prefixColumn(c) ?? (isNode(c) ? `(${exprText(c)})` : String(c)));
  const usingOption = [d.index_type, ...list(d.index_options)].find((o): o is Node => isNode(o) && String(o.keyword).toLowerCase() === 'using');
  const using = isNode(d.index_using) ? str(d.index_using.type) : usingOption ? str(usingOption.type) : undefined;
  const method = kind.includes('fulltext') ? 'FULLTEXT' : kind.includes('spatial') ? 'SPATIAL' : using?.toUpperCase();
  const name = str(d.index) ?? str(d.constraint);
  return { ...(name ? { name } : {}), table, columns, unique: kind.includes('unique'), ...(method ? { method } : {}) };
}

function constraintOf(d: Node): ConstraintFacts | undefined {
  const kind = indexKind(d);
  const name = str(d.constraint) ?? str(d.index);
  const columns = list(d.definition).map(columnName).filter((c): c is string => !!c);
  const base = name ? { name } : {};
  if (kind.includes('primary')) return { type: 'primary-key', columns, ...base };
  if (kind.includes('foreign')) {
    const references = isNode(d.reference_definition) ? referenceOf(d.reference_definition) : undefined;
    return { type: 'foreign-key', columns, ...base, ...(references ? { references } : {}) };
  }
  if (kind.includes('unique')) return { type: 'unique', columns, ...base };
  if (kind.includes('check')) return { type: 'check', columns: [], ...base };
  return undefined;
}

function factsOf(ast: unknown, h: string, kind: StatementKind): StatementFacts {
  if (!isNode(ast)) return fromKeywords(h, kind);
  const n = ast;
  const tables = list(n.table).flat().map(tableName).filter((t): t is ObjectName => !!t);
  const first = tables[0];
  switch (kind) {
    case 'create-table': {
      if (!first) return fromKeywords(h, kind);
      const columns: ColumnFacts[] = [];
      const constraints: ConstraintFacts[] = [];
      const indexes: IndexFacts[] = [];
      for (const d of list(n.create_definitions)) {
        if (!isNode(d)) continue;
        if (d.resource === 'column') {
          const c = columnOf(d);
          if (c) {
            if (c.column.primaryKey) indexes.push({ name: 'PRIMARY', table: first, columns: [c.column.name], unique: true });
            else if (c.column.unique) indexes.push({ name: c.column.name, table: first, columns: [c.column.name], unique: true });
            columns.push(c.column);
            constraints.push(...c.constraints);
          }
        } else if (d.resource === 'constraint') {
          const c = constraintOf(d);
          if (c) constraints.push(c);
          if (c?.type === 'unique') indexes.push(indexOf(d, first));
          if (c?.type === 'primary-key') indexes.push({ name: 'PRIMARY', table: first, columns: c.columns, unique: true });
        } else if (d.resource === 'index') {
          const i = indexOf(d, first);
          indexes.push(i);
          // A plain KEY/INDEX inside CREATE TABLE is not a constraint; FULLTEXT/SPATIAL neither.
          if (i.unique) constraints.push({ type: 'unique', columns: i.columns, ...(i.name ? { name: i.name } : {}) });
        }
      }
      const options: Record<string, string> = {};
      let comment: string | undefined;
      for (const o of list(n.table_options)) {
        if (!isNode(o) || typeof o.keyword !== 'string') continue;
        const value = str(o.value) ?? String(o.value ?? '');
        if (o.keyword.toUpperCase() === 'COMMENT') comment = value.replace(/^'|'$/g, '');
        else options[o.keyword.toUpperCase()] = value;
      }
      return {
        tables: [first, ...list(n.like).map(tableName).filter((t): t is ObjectName => !!t)],
        createTable: {
          table: first, columns, constraints, ifNotExists: !!n.if_not_exists, temporary: !!n.temporary, partitioned: /\bPARTITION\s+BY\b/i.test(h),
          ...(n.query_expr || n.like ? { asSelect: true } : {}), ...(comment !== undefined ? { comment } : {}),
          ...(Object.keys(options).length > 0 ? { options } : {}),
          ...(indexes.length > 0 ? { indexes } : {}),
        },
      };
    }
    case 'alter-table': {
      if (!first) return fromKeywords(h, kind);
      return { tables: [first], alterTable: { table: first, actions: list(n.expr).filter(isNode).map((e) => alterAction(e, first)) } };
    }
    case 'drop-table': {
      const names = list(n.name).map(tableName).filter((t): t is ObjectName => !!t);
      return { tables: names, dropTable: { tables: names, cascade: /\bCASCADE\s*;?\s*$/i.test(h), ifExists: /^DROP\s+(TEMPORARY\s+)?TABLES?\s+IF\s+EXISTS\b/i.test(h) } };
    }
    case 'create-index': {
      if (!first) return fromKeywords(h, kind);
      const index = indexOf(n, first);
      return { tables: [first], createIndex: { ...index, ...(/\bIF\s+NOT\s+EXISTS\b/i.test(h) ? { ifNotExists: true } : {}) } };
    }
    case 'drop-index': {
      const name = columnName(n.name) ?? str(n.name) ?? '';
      return { ...(first ? { tables: [first] } : {}), dropIndex: { names: [{ name }], concurrently: false, ifExists: /^DROP\s+INDEX\s+IF\s+EXISTS\b/i.test(h) } };
    }
    case 'insert':
    case 'update':
    case 'delete': {
      const table = first ?? tableName(list(n.from)[0]);
      const values = isNode(n.values) ? list(n.values.values) : list(n.values);
      const orderby = list(n.orderby);
      const random = /\bORDER\s+BY\s+RAND\s*\(/i.test(h);
      const dml = {
        ...(table ? { table } : {}),
        hasWhere: n.where !== null && n.where !== undefined,
        ...(kind === 'insert' && Array.isArray(n.columns) ? { columns: (n.columns as unknown[]).map((c) => columnName(c) ?? String(c)) } : {}),
        // INSERT … VALUES / SELECT without a column list (INSERT … SET names its columns).
        ...(kind === 'insert' && !Array.isArray(n.columns) && n.values !== null && n.values !== undefined && !Array.isArray(n.set) ? { columns: [] } : {}),
        ...(kind === 'insert' && Array.isArray(n.set) ? { columns: (n.set as unknown[]).map((c) => columnName(c) ?? '') } : {}),
        ...(kind === 'insert' && values.length > 0 ? { rows: values.length } : {}),
        ...(isNode(n.limit) && list(n.limit.value).length > 0 ? { hasLimit: true } : {}),
        ...(orderby.length > 0 || random ? { hasOrderBy: true } : {}),
        ...(random ? { orderByRandom: true } : {}),
      };
      if (kind === 'insert' && isNode(n.values) && n.values.type === 'select') Object.assign(dml, { hasWhere: /\bWHERE\b/i.test(h) });
      return { ...(table ? { tables: [table] } : {}), dml };
    }
    case 'select': {
      const from = list(n.from).map(tableName).filter((t): t is ObjectName => !!t);
      const star = list(n.columns).some((c) => c === '*' || (isNode(c) && isNode(c.expr) && c.expr.column === '*'));
      return { ...(from.length > 0 ? { tables: from } : {}), select: { star, hasWhere: n.where !== null && n.where !== undefined, hasFrom: from.length > 0 } };
    }
    case 'set': {
      const e = list(n.expr).find(isNode);
      if (!e) return {};
      const name = isNode(e.left) ? String(e.left.name ?? '') : '';
      return { set: { name, value: exprText(e.right) } };
    }
    default:
      break;
  }
  const database = databaseFacts(h);
  if (database) return database;
  if (n.type === 'rename') {
    const pairs = list(n.table).filter(Array.isArray) as unknown[][];
    const from = tableName(pairs[0]?.[0]);
    const to = tableName(pairs[0]?.[1]);
    const all = pairs.flatMap((p) => p.map(tableName).filter((t): t is ObjectName => !!t));
    return { tables: all, ...(from && to ? { renameTable: { from, to } } : {}) };
  }
  if (n.type === 'create') {
    const view = VIEW.exec(h);
    if (view) return { create: { object: 'view', name: objectName(view[1]!) } };
    return { create: { object: String(n.keyword ?? 'other').toLowerCase(), ...(first ? { name: first } : {}) } };
  }
  if (n.type === 'drop') {
    const names = list(n.name).map((x) => tableName(x) ?? (str(x) ? { name: str(x)! } : undefined)).filter((t): t is ObjectName => !!t);
    return { drop: { object: String(n.keyword ?? 'other').toLowerCase(), names, cascade: /\bCASCADE\s*;?\s*$/i.test(h) } };
  }
  if (n.type === 'truncate') {
    const names = tables.length > 0 ? tables : list(n.name).map(tableName).filter((t): t is ObjectName => !!t);
    return { tables: names, truncate: { tables: names, cascade: false } };
  }
  return tables.length > 0 ? { tables } : {};
}

function alterAction(e: Node, table: ObjectName): AlterAction {
  const action = String(e.action ?? '').toLowerCase();
  const resource = String(e.resource ?? '').toLowerCase();
  if (resource === 'column') {
    if (action === 'drop') return { type: 'drop-column', column: columnName(e.column) ?? '' };
    const c = columnOf(e);
    if (c && action === 'add') return { type: 'add-column', column: c.column };
    const place = e.first_after ?? e.suffix;
    const position = place ? { position: String(isNode(place) ? place.keyword : place).toLowerCase().includes('first') ? 'first' as const : 'after' as const } : {};
    if (c && action === 'modify') return { type: 'modify-column', column: c.column, ...position };
    if (c && action === 'change') return { type: 'change-column', from: columnName(e.old_column) ?? c.column.name, column: c.column, ...position };
    if (action === 'rename') return { type: 'rename-column', from: columnName(e.old_column) ?? '', to: columnName(e.column) ?? '' };
    if (action === 'alter') {
      const dflt = isNode(e.default_val) ? exprText(e.default_val.value) : undefined;
      return dflt !== undefined ? { type: 'set-default', column: columnName(e.column) ?? '', default: dflt } : { type: 'drop-default', column: columnName(e.column) ?? '' };
    }
  }
  if (resource === 'index' || resource === 'key') {
    if (action === 'drop') return { type: 'drop-index', name: str(e.index) ?? (String(e.keyword ?? '').toLowerCase().includes('primary') ? 'PRIMARY' : '') };
    if (action === 'add') {
      const i = indexOf(e, table);
      if (i.unique) return { type: 'add-constraint', constraint: { type: 'unique', columns: i.columns, ...(i.name ? { name: i.name } : {}) } };
      return { type: 'add-index', index: i };
    }
  }
  if (resource === 'constraint') {
    const d = isNode(e.create_definitions) ? e.create_definitions : e;
    if (action === 'add') {
      const c = constraintOf(d);
      if (c) return { type: 'add-constraint', constraint: c };
    }
    if (action === 'drop') {
      const kind = String(e.keyword ?? '').toLowerCase();
      if (kind.includes('primary')) return { type: 'drop-constraint', name: 'PRIMARY' };
      return { type: 'drop-constraint', name: str(e.constraint) ?? str(e.index) ?? '' };
    }
  }
  if (resource === 'table' && action === 'rename') {
    const to = str(e.table) ?? (isNode(e.table) ? str(e.table.table) : undefined);
    if (to) return { type: 'rename-table', to };
  }
  if (typeof e.keyword === 'string' && e.type === 'alter' && resource !== '' && resource === e.keyword.toLowerCase() && e.action === undefined) {
    // A table option in ALTER TABLE (AUTO_INCREMENT = 5, DEFAULT CHARSET = x, COMMENT = '…'): the value is under the keyword.
    const v = e[e.keyword];
    const value = isNode(v) ? str(v.value) ?? str(v) : v === undefined || v === null ? undefined : String(v);
    return { type: 'set-option', option: e.keyword.toUpperCase(), ...(value !== undefined ? { value } : {}) };
  }
  if (typeof e.keyword === 'string' && e.type === 'alter' && resource === '') {
    return { type: 'set-option', option: e.keyword.toUpperCase(), ...(e.value !== undefined ? { value: str(e.value) ?? String(e.value) } : {}) };
  }
  return { type: 'other', text: `${action} ${resource}`.trim() };
}

// ---- offsets (`at`, relative to the statement text) so findings point at the column, not the statement ----

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One compiled pattern per name: a file names the same tables and columns again and again. */
const namePatterns = new Map<string, RegExp>();

function namePattern(name: string): RegExp {
  let re = namePatterns.get(name);
  if (!re) {
    if (namePatterns.size >= 10_000) namePatterns.clear();
    re = new RegExp(`\`${escapeRe(name.replace(/`/g, '``'))}\`|(?<![\\w$])${escapeRe(name)}(?![\\w$])`, 'gi');
    namePatterns.set(name, re);
  }
  return re;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Finds names in order through the statement text: `name` or a bare, word-bounded name (any case).
 * ASCII text is searched with indexOf over its lower-case copy (a case-insensitive pattern with a
 * look-behind is tried at every position: ~5 % of a MySQL lint); other text, and names holding a
 * backquote, go through namePattern().
 */
class Locator {
  readonly #lower: string | undefined;

  constructor(private readonly text: string, private cursor: number) {
    this.#lower = ASCII.test(text) ? text.toLowerCase() : undefined;
  }

  next(name: string | undefined): number | undefined {
    if (!name) return undefined;
    if (this.#lower === undefined || name.includes('`') || !ASCII.test(name)) return this.#byPattern(name);
    const lower = this.#lower;
    const needle = name.toLowerCase();
    for (let i = lower.indexOf(needle, this.cursor); i !== -1; i = lower.indexOf(needle, i + 1)) {
      const before = lower.charCodeAt(i - 1);
      const after = lower.charCodeAt(i + needle.length);
      if (before === 96 && after === 96 && i - 1 >= this.cursor) {
        this.cursor = i + needle.length + 1;
        return i - 1;
      }
      if (!isIdentChar(before) && !isIdentChar(after)) { // the text is ASCII: letters, digits, `_`, `$`
        this.cursor = i + needle.length;
        return i;
      }
    }
    return undefined;
  }

  #byPattern(name: string): number | undefined {
    const re = namePattern(name);
    re.lastIndex = this.cursor;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.cursor = m.index + m[0].length;
    return m.index;
  }
}

function located<T extends object>(value: T, at: number | undefined): T {
  return at === undefined ? value : { ...value, at };
}

function withOffsets(facts: StatementFacts, text: string, base: number): StatementFacts {
  const loc = new Locator(text, base);
  if (facts.createTable) {
    const ct = facts.createTable;
    const table = located(ct.table, loc.next(ct.table.name));
    const columns = ct.columns.map((c) => located(c, loc.next(c.name)));
    return { ...facts, tables: facts.tables?.map((t, i) => (i === 0 ? table : t)), createTable: { ...ct, table, columns } } as StatementFacts;
  }
  if (facts.alterTable) {
    const at = facts.alterTable;
    const table = located(at.table, loc.next(at.table.name));
    const actions = at.actions.map((a): AlterAction => {
      switch (a.type) {
        case 'add-column': case 'modify-column': {
          const pos = loc.next(a.column.name);
          return { ...located(a, pos), column: located(a.column, pos) } as AlterAction;
        }
        case 'change-column': {
          loc.next(a.from);
          const pos = loc.next(a.column.name);
          return { ...located(a, pos), column: located(a.column, pos) } as AlterAction;
        }
        case 'drop-column': case 'set-default': case 'drop-default': return located(a, loc.next(a.column));
        case 'rename-column': return located(a, loc.next(a.from));
        case 'add-index': return located(a, loc.next(a.index.name ?? a.index.columns[0]));
        case 'drop-index': case 'drop-constraint': return located(a, loc.next(a.name));
        case 'add-constraint': return located(a, loc.next(a.constraint.name ?? a.constraint.columns[0]));
        default: return a;
      }
    });
    return { ...facts, tables: [table], alterTable: { ...at, table, actions } };
  }
  if (facts.createIndex) {
    const name = loc.next(facts.createIndex.name);
    const table = located(facts.createIndex.table, loc.next(facts.createIndex.table.name));
    return { ...facts, tables: [table], createIndex: { ...located(facts.createIndex, name), table } };
  }
  if (facts.dropTable) {
    const tables = facts.dropTable.tables.map((t) => located(t, loc.next(t.name)));
    return { ...facts, tables, dropTable: { ...facts.dropTable, tables } };
  }
  if (facts.dml?.table) {
    const table = located(facts.dml.table, loc.next(facts.dml.table.name));
    return { ...facts, tables: facts.tables?.map((t, i) => (i === 0 ? table : t)), dml: { ...facts.dml, table } } as StatementFacts;
  }
  return facts;
}
