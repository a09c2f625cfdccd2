/**
 * The one interface every database engine implements (after Kysely's Dialect, cut to Atlas-sized
 * parts). Core code reaches engines only through `loadEngine()` and never branches on an engine's
 * name: differences are `capabilities`.
 */
import type { MaskRule } from './config/model.js';
import type { EngineName, MigrationFile, Span } from './migrations/model.js';
import type { StatementFacts } from './lint/facts.js';
import { ENGINES } from '../engines/index.js';
import { BbError, causeMessage } from './errors.js';
import { makeDir } from './util/make-dir.js';
import { didYouMean } from './util/closest.js';
import { redactUrl, userinfoOf } from './config/redact.js';

export type { EngineName } from './migrations/model.js';

/** One statement as the engine's splitter cut it from a file. */
export interface RawStatement {
  /** 0-based position in the file. */
  readonly index: number;
  /** The statement without its terminating delimiter; leading comments excluded. */
  readonly text: string;
  readonly span: Span;
  /** Comments directly before the statement (used for `-- bb:` directives). */
  readonly comments: readonly string[];
}

export const STATEMENT_KINDS = [
  'create-table', 'alter-table', 'drop-table', 'create-index', 'drop-index',
  'insert', 'update', 'delete', 'select', 'set', 'transaction', 'other', 'unparsed',
] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export interface ParsedStatement extends RawStatement {
  readonly kind: StatementKind;
  /** Engine-neutral facts that cross-engine rules read (table names, columns, …). */
  readonly facts: StatementFacts;
  /** The engine-native tree (libpg-query, node-sql-parser, …); undefined when unparsed. */
  readonly ast: unknown;
  /** The parser's message when kind is 'unparsed'. */
  readonly error?: string;
  /** Where the parser stopped, as an offset in `text` (kind 'unparsed'), when it says. */
  readonly errorOffset?: number;
}

export interface EngineCapabilities {
  /** DDL can be rolled back: a migration runs in one transaction together with its history row. */
  readonly transactionalDdl: boolean;
  /** 'advisory': a server-side session lock; 'lock-row': a row with owner, heartbeat and expiry. */
  readonly lockKind: 'advisory' | 'lock-row' | 'file';
  /** Why this statement cannot run inside a transaction (e.g. "CREATE INDEX CONCURRENTLY"), or undefined. */
  nonTransactional(stmt: RawStatement): string | undefined;
  /** Why the engine cannot run this statement at all (e.g. TiDB: stored procedures); checked at plan time. */
  unsupported?(stmt: RawStatement): string | undefined;
  /**
   * Plan-time warnings for a statement on a target (e.g. ClickHouse: DDL without ON CLUSTER on a
   * clustered target, ON CLUSTER on a single server, a mutation). Shown by the planner; never blocks.
   */
  warnings?(stmt: RawStatement, target: { readonly cluster?: string }): readonly string[];
  /**
   * A statement that only sets the connection's state for the statements after it (`SET x = 1`, `USE
   * db`; each engine's list is in docs/migrations.md): a migration resumed after `bb repair --retry` runs
   * on a new connection, so the runner replays these among its applied statements before it resumes.
   * Undefined = none are replayed.
   */
  sessionState?(stmt: RawStatement): boolean;
}

/** Where a target lives, safe to print: the URL is redacted. */
export interface TargetRef {
  readonly environment: string;
  readonly database: string;
  /** Member name inside a group target (tenant database); undefined for a single target. */
  readonly member?: string;
  /** "staging/app" or "prod/app[tenant_a]"; unique within a plan. */
  readonly id: string;
  /** The URL with its password replaced by ***. */
  readonly url: string;
}

export interface HistoryIdent {
  /** Schema (PostgreSQL) or database (MySQL) holding bb's tables; undefined = the connection's default. */
  readonly schema?: string;
  readonly table: string;
  readonly snapshotTable: string;
}

/** Everything needed to connect to one database. Holds secrets: never print it, print `ref`. */
export interface Target {
  readonly ref: TargetRef;
  readonly engine: EngineName;
  /** The URL with the password, after ${VAR} interpolation. */
  readonly url: string;
  /**
   * Where the URL is written in the config, as a message about it starts:
   * `bb.config.yaml:9: environments[0].targets.app.urls[1]` (a group member: its urls[i] entry; a
   * discovered member: the group's discover.url, which the engine built the member's URL from).
   * The target carries this rather than a config reference so that whoever connects it (connectTarget,
   * an engine) can name the place without the config. A function because a line number costs a
   * second parse of the config, which only an error message should pay for. Undefined for a target
   * not read from a config.
   */
  readonly locateUrl?: () => string;
  /** Folder relative paths in embedded URLs (pglite://.bb/dev) are resolved against: the config's folder. */
  readonly baseDir: string;
  readonly history: HistoryIdent;
  /** Session settings applied after connecting (search_path, lock_timeout, sql_mode, …). */
  readonly session: Readonly<Record<string, string | number | boolean>>;
  readonly cluster?: string;
  /**
   * The schemas that make up this target when it is one schema of a shared database (a
   * schema-per-tenant group member): introspection, drift and dump read only these. Undefined = the
   * whole database, as usual.
   */
  readonly schemas?: readonly string[];
}

/**
 * One database (or schema) found by `discover:` on a group target. The engine builds the member's URL
 * (the server URL with the database swapped in) so core never parses an engine's URL format.
 */
export interface DiscoveredMember {
  /** The database or schema name, matched against the group's `match` pattern. */
  readonly name: string;
  /** The member's URL, with the same credentials as the discovery URL. Holds secrets: never print. */
  readonly url: string;
  /** Set for schema members: bb's history lives in this schema and introspection reads only it. */
  readonly schema?: string;
  /** Session settings the member needs on top of the group's (e.g. search_path for a schema member). */
  readonly session?: Readonly<Record<string, string>>;
}

export interface ConnectOptions {
  readonly signal?: AbortSignal;
  /** How long an embedded engine may wait for another process to release its data folder. */
  readonly openTimeoutMs?: number;
  /** Open an embedded database (PGlite folder, chdb folder and its `?database=`) only if it already exists, creating nothing: every read-only command; else notCreated(target) (code 'connect.not-created'). */
  readonly existing?: boolean;
}

/**
 * How URLs of one scheme name a database, so that two spellings of one database compare equal (a
 * group's `urls:` listing it twice). Only for comparing: bb prints and connects to URLs as written.
 */
export type UrlForm =
  /**
   * A server URL, `scheme://[user[:password]@]host[:port][/path][?query]`: `sameAs` is the scheme this
   * one is another spelling of (postgresql: → postgres:), `defaultPort` the port the engine connects
   * to when the URL names none. Host names compare without case; path and query as written.
   */
  | { readonly kind: 'server'; readonly sameAs?: string; readonly defaultPort?: number }
  /** An embedded database in a folder (`pglite://<folder>[?…]`): the folder compares resolved against the config's folder. */
  | { readonly kind: 'folder' };

/**
 * Where in a statement the server placed its error: a 0-based character offset from the statement's
 * first character, or a 1-based line of the statement (and column).
 */
export type StatementPosition = { readonly offset: number } | { readonly line: number; readonly column?: number };

export interface Engine {
  readonly name: EngineName;
  /** URL schemes this engine accepts, with the colon: 'postgres:', 'postgresql:', 'pglite:'. */
  readonly schemes: readonly string[];
  /** How each scheme's URLs name a database (for telling duplicates apart); a scheme left out compares as written, without its credentials. */
  readonly urlForms?: Readonly<Record<string, UrlForm>>;
  readonly capabilities: EngineCapabilities;
  /** Pure; golden-tested. Never throws: unterminated input becomes the last statement. */
  split(sql: string, options?: { delimiter?: string }): readonly RawStatement[];
  /** Pure; never throws: a statement the parser cannot read has kind 'unparsed'. */
  parse(stmt: RawStatement): ParsedStatement | Promise<ParsedStatement>;
  /** Optional: parse() for many statements at once (faster on big files); same results, in order. */
  parseMany?(stmts: readonly RawStatement[]): readonly ParsedStatement[] | Promise<readonly ParsedStatement[]>;
  /** Imports its driver lazily. Throws BbError('connect') naming the redacted target. */
  connect(target: Target, options?: ConnectOptions): Promise<Session>;
  /**
   * Where the server says an error of Session.execute(sql) is in `sql` (PostgreSQL's error position,
   * MySQL's "at line N"); undefined when it does not say. bb turns it into the file's line and column.
   */
  locateError?(error: unknown, sql: string): StatementPosition | undefined;
  /** bb query / backup / restore / prior backup pieces, imported lazily; undefined = the engine has none. */
  readonly dataTasks?: () => Promise<DataTasks>;
  /**
   * An embedded flavour of this engine that needs no server (PGlite for postgres, chdb for
   * clickhouse): `bb dump --check` replays the migrations folder on a throwaway database at
   * `scratchUrl`; `{tmpdir}` in it is replaced by a fresh temporary folder, removed afterwards (or
   * the URL itself names a temporary, empty database, e.g. pglite://:memory:). Undefined = none.
   */
  readonly embedded?: { readonly scratchUrl: string };
}

export interface RunContext {
  readonly environment: string;
  /** user@host, plus the CI job when known. */
  readonly by: string;
  readonly bbVersion: string;
}

export interface Session {
  readonly target: TargetRef;
  /** The server's version string, e.g. "PostgreSQL 15.4" or "PGlite 0.5 (PostgreSQL 18)". */
  readonly serverVersion: string;
  readonly history: HistoryTable;
  /** Runs one statement (or several where the engine allows). Rejects with the driver's error. */
  execute(sql: string, options?: { signal?: AbortSignal }): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<readonly R[]>;
  /** Runs fn inside one transaction; commits when fn resolves, rolls back and rethrows when it rejects. */
  transaction<T>(fn: (tx: Session) => Promise<T>): Promise<T>;
  /**
   * Zero-wait, held outside any transaction (session-level), until release(). Undefined when another
   * runner holds it. src/run/lock.ts owns polling, backoff and the deadline.
   */
  tryLock(key: string): Promise<Lock | undefined>;
  /**
   * Who holds the lock, for "waiting for the lock held by …" and for telling a running migration from
   * an interrupted one. Only reads (never creates a lock table). Undefined when nobody holds it (a lock
   * table that does not exist included); a lookup that fails otherwise throws (src/run/lock.ts
   * lockUnreadable): an unknown holder is not an absent one.
   */
  lockHolder(key: string): Promise<string | undefined>;
  /**
   * `bb unlock`: removes a lock another runner left behind (lock rows). Engines whose locks die with
   * their session (advisory locks) leave it out: there is nothing to clear once the holder is gone.
   */
  forceUnlock?(key: string): Promise<boolean>;
  /**
   * Puts the session's default schema or database (PostgreSQL search_path, MySQL and ClickHouse `USE`,
   * Snowflake database and schema) back to what it was when the session opened, after the URL and
   * the session: block. The runner (and bb rollback) calls it between migration files, outside any
   * transaction, so that a file's `SET search_path` or `USE` does not decide where the next file's
   * unqualified names go: they would go elsewhere when the two files are applied in separate runs.
   * Other session state (settings, variables) carries over. Optional: without it nothing is reset.
   */
  restoreDefaultSchema?(): Promise<void>;
  /**
   * The default schema or database the session opened with (after the URL and the session: block),
   * which restoreDefaultSchema goes back to; present but undefined when it opened with none. Read by
   * what must not follow a migration's `SET search_path` or `USE` (prior backup's MySQL backup
   * database). Optional: where it is left out, the current one is asked for.
   */
  readonly defaultSchema?: string | undefined;
  /**
   * Called by the runner before each migration, outside any transaction, with its statements: lets a
   * transport get ready (PGlite loads the extensions a migration creates). Optional.
   */
  prepare?(statements: readonly string[]): Promise<void>;
  /**
   * Applies consecutive transactional migrations in a single round trip, each in its own transaction
   * with its history row (done): BEGIN, statements, history, COMMIT, then the next, each starting in
   * the default schema as restoreDefaultSchema() puts it back. The server stops
   * at the first error: the migrations before it stay committed, the failing one is rolled back and
   * the rest never start. The result says how many were committed and, when one failed, the driver's
   * error without saying which statement failed: the runner then replays that migration statement by
   * statement to find and record it. Optional: without it the runner uses transaction() and one round
   * trip per statement.
   */
  applyTransactional?(migrations: readonly TransactionalMigration[], options?: { signal?: AbortSignal }): Promise<TransactionalBatchResult>;
  introspect(options?: { schemas?: readonly string[] }): Promise<SchemaSnapshot>;
  /**
   * After a migration failed at `statement`: what the server may still be doing for it in the
   * background, as one sentence that names the object and says how to check and stop it (ClickHouse:
   * a mutation still queued, which the server retries until it is killed), or undefined when nothing
   * is left. bb repair shows it as a warning when it resolves the failed version. Never throws.
   * Optional: engines whose failed statements leave nothing behind leave it out.
   */
  unfinishedWork?(statement: string): Promise<string | undefined>;
  /**
   * Group discovery (`discover: { url, match, schemas }`): the user databases on this server, or with
   * `schemas: true` the user schemas of this database, sorted by name; system databases and schemas
   * are left out, the caller applies the name pattern. Optional: an engine without it cannot be
   * discovered (a config error names the target).
   */
  listDatabases?(options: { readonly schemas: boolean }): Promise<readonly DiscoveredMember[]>;
  /** Canonical DDL, stable order. */
  dump(snapshot: SchemaSnapshot): string;
  /**
   * bb query: opens `sql` (one statement that only reads; checked by DataTasks.checkRead) in a read-only
   * transaction with a server-side timeout and a cursor. Optional: without it bb query refuses the engine.
   */
  readQuery?(sql: string, options: ReadQueryOptions): Promise<ReadQueryResult>;
  close(): Promise<void>;
}

export interface Lock {
  readonly key: string;
  readonly owner: string;
  release(): Promise<void>;
}

export type HistoryKind = 'versioned' | 'repeatable' | 'baseline';
export type HistoryStatus = 'pending' | 'done' | 'failed';

export interface HistoryRow {
  /** The history key: version text, or R__name for repeatable migrations. */
  readonly version: string;
  readonly name: string;
  readonly kind: HistoryKind;
  /** The file's path when it was applied. */
  readonly path: string;
  readonly checksum: string;
  readonly status: HistoryStatus;
  /** Statements executed so far out of total. */
  readonly applied: number;
  readonly total: number;
  /** sha256 of each applied statement, in order; a resume refuses if one has changed since. */
  readonly statementHashes: readonly string[];
  readonly error?: string;
  /** 0-based index of the failing statement. */
  readonly failedStatement?: number;
  /** Set by `bb repair --retry`: the next migrate resumes at the failed statement. */
  readonly retry: boolean;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly by: string;
  readonly bbVersion: string;
  readonly environment: string;
}

/** One migration for Session.applyTransactional: its history row and its statements. */
export interface TransactionalMigration {
  readonly row: StartRow;
  readonly statements: readonly string[];
}

export interface TransactionalBatchResult {
  /** How many of the migrations, in order, were committed; the ones after them were not applied. */
  readonly committed: number;
  /** The server-side duration of each committed migration, from its history row. */
  readonly durationsMs: readonly number[];
  /** Why the migration right after the committed ones failed (it was rolled back), when one did. */
  readonly error?: unknown;
}

export interface StartRow {
  readonly file: Pick<MigrationFile, 'key' | 'name' | 'path'> & { readonly checksum: string };
  readonly kind: HistoryKind;
  readonly total: number;
  /** Statements already applied (a resume); 0 for a fresh start. */
  readonly applied: number;
  readonly statementHashes: readonly string[];
  readonly context: RunContext;
}

export type FinishOutcome =
  | { readonly status: 'done'; readonly durationMs: number }
  | { readonly status: 'failed'; readonly error: string; readonly failedStatement: number; readonly durationMs: number };

/** bb's history table in one target. All methods run on the session they came from (inside its transaction, if any). */
export interface HistoryTable {
  readonly ident: HistoryIdent;
  /** Creates the history and snapshot tables when missing; idempotent. Call with the lock held. */
  ensure(): Promise<void>;
  /** Every row, oldest first. Empty when the table does not exist yet (never creates it). */
  read(): Promise<readonly HistoryRow[]>;
  /** Inserts or replaces the row for file.key with status 'pending'. */
  start(row: StartRow): Promise<void>;
  progress(version: string, applied: number, statementHash: string): Promise<void>;
  finish(version: string, outcome: FinishOutcome): Promise<void>;
  /** bb repair / rollback: forget a row, or change its status, checksum or retry flag. */
  remove(version: string): Promise<void>;
  update(version: string, patch: { readonly status?: HistoryStatus; readonly retry?: boolean; readonly checksum?: string; readonly error?: string | null }): Promise<void>;
  saveSnapshot(version: string, snapshot: SchemaSnapshot): Promise<void>;
  latestSnapshot(): Promise<{ readonly version: string; readonly takenAt: string; readonly snapshot: SchemaSnapshot } | undefined>;
}

export type SchemaObjectKind = 'schema' | 'table' | 'column' | 'constraint' | 'index' | 'view' | 'function' | 'sequence' | 'type' | 'trigger' | 'extension' | 'other';

/** A flat, sorted list of objects: easy to diff object by object and to print as DDL. */
export interface SchemaObject {
  readonly kind: SchemaObjectKind;
  /** Qualified name, e.g. "public.users", "public.users.email". */
  readonly name: string;
  /** The table an index/constraint/column/trigger belongs to. */
  readonly table?: string;
  /** A canonical definition (type + nullability + default for a column, DDL for others). */
  readonly definition: string;
}

export interface SchemaSnapshot {
  readonly engine: EngineName;
  readonly objects: readonly SchemaObject[];
}

/** Loads an engine module by name; lazy, so `bb --help` loads none. */
export async function loadEngine(name: EngineName): Promise<Engine> {
  const load = ENGINES[name];
  if (!load) {
    throw new BbError('config', `Engine "${name}" is not available in this version of bb.`, {
      hint: `Use one of: ${Object.keys(ENGINES).join(', ')}${didYouMean(name, Object.keys(ENGINES))}.`,
    });
  }
  return (await load()).default;
}

export function availableEngines(): readonly EngineName[] {
  return Object.keys(ENGINES) as EngineName[];
}

/** An engine name from the command line (--engine): one bb has, or a usage error with the closest. */
export function checkEngineName(name: string): EngineName {
  const available = availableEngines();
  if (!available.includes(name as EngineName)) {
    throw new BbError('usage', `Unknown engine "${name}"${didYouMean(name, available)}.`, { hint: `Engines: ${available.join(', ')}.`, code: 'usage.unknown-engine' });
  }
  return name as EngineName;
}

// ---- Data tasks: bb query, bb backup / restore, prior backup of data changes (docs/query.md, docs/backup.md).
// All optional: an engine without them refuses these commands with a message naming the engine.

/** Where a result column's values come from, as the driver reports it (resolved to names). */
export interface ColumnSource {
  readonly schema?: string;
  readonly table: string;
  readonly column: string;
}

export interface ResultColumn {
  readonly name: string;
  /** The table column the values come from; undefined when the driver cannot say (an expression). */
  readonly source?: ColumnSource;
  /**
   * Other table columns whose values these are too, beside `source` (ClickHouse: a Distributed
   * table's column is also its local table's, a Buffer table's also the one it flushes to, a
   * dictionary's also its source table's, a Merge table's or merge()'s each of its tables'). A rule
   * matching any of them masks the column; when they match rules that mask differently, it is
   * masked in full (`***`).
   */
  readonly alsoFrom?: readonly ColumnSource[];
  /**
   * The table columns an expression column is computed from (a view's expression, or one the engine
   * traced, such as ClickHouse's lower(email)); `source` may be among them. When one other than
   * `source` and `alsoFrom` is masked, the column is masked in full (`***`), not with that column's rule.
   */
  readonly derivedFrom?: readonly ColumnSource[];
  /**
   * For JSON output: the column's values arrive as text but are numbers (int, float), booleans or JSON
   * documents. Absent: written as they arrive.
   */
  readonly json?: JsonValueKind;
}

export type JsonValueKind = 'number' | 'boolean' | 'json';

export interface ReadQueryOptions {
  /** Server-side statement timeout; the server cancels the statement when it passes. */
  readonly timeoutMs: number;
  /** Rows per fetch from the server cursor (memory stays at one batch). */
  readonly batchSize: number;
  readonly signal?: AbortSignal;
}

/** An open read-only query: a transaction that only reads, with a server-side cursor. */
export interface ReadQueryResult {
  /** Known before the first row is read. */
  readonly columns: readonly ResultColumn[];
  /**
   * What the engine's own analysis of the query found it reads, when it has one (ClickHouse: every
   * column under the analyzer's tree, `*` expanded, wherever it stands: tuple(*), WHERE, a subquery).
   * `opaque`: it also reads what cannot be traced (a table function or function that reads tables by
   * name when it runs, such as mergeTreeIndex() or dictGet()). Masking counts the query as touching a masked
   * column when one of `columns` is masked or it is opaque, besides what checkRead's references show.
   * Undefined: no analysis (only the references count).
   */
  readonly reads?: { readonly columns: readonly ColumnSource[]; readonly opaque: boolean };
  /** Batches of rows, each row an array in column order; values as the driver returns them. */
  batches(): AsyncIterable<readonly (readonly unknown[])[]>;
  /**
   * The result as CSV made by the server itself (header row, NULL as an empty field, values in the
   * database's own text forms, quoted where CSV needs it), masked column by column as `masks` says
   * (undefined: shown as it is; the masks must come out exactly as src/query/mask.ts's maskers) and
   * cut to `limit` rows (0: all), written to `write` as it arrives. Instead of batches(), once.
   * Resolves to the row count, or to undefined before anything is sent when it cannot (a mask it has
   * no expression for): the caller then reads batches(). Optional.
   */
  csv?(options: { readonly limit: number; readonly masks: readonly (MaskRule | undefined)[]; write(chunk: Uint8Array): Promise<void> }): Promise<{ readonly rows: number } | undefined>;
  /** Ends the transaction (rolled back: nothing was written) and the cursor; idempotent. */
  close(): Promise<void>;
}

/** The statement as the engine's parser understands it, for bb query's refusal and masking. */
export type ReadCheck =
  | {
      readonly ok: true;
      /** Tables (and views) the query reads, qualified as written. */
      readonly tables: readonly { readonly schema?: string; readonly table: string }[];
      /** Column references (table is the alias-resolved table when known). */
      readonly columns: readonly { readonly table?: string; readonly column: string }[];
      /** The query selects * (or t.*) from some table. */
      readonly star: boolean;
      /**
       * The statement to send, when it differs from the input: the engine's parser skipped empty
       * statements around it (`SELECT 1;;`) that the server would reject inside bb's wrapping.
       * Undefined: send the input as it is.
       */
      readonly text?: string;
    }
  /**
   * `syntax`: the engine's parser rejected the query (the hint is about the SQL, not about writes).
   * `several`: each statement would pass alone (the hint says to run them one by one).
   */
  | { readonly ok: false; readonly reason: string; readonly syntax?: true; readonly several?: true;
      /** The next step, where the usual one (run a SELECT, change data through a migration) does not fit. */
      readonly hint?: string };

/** What a migration's UPDATE or DELETE touches, for prior backup (pure, from the parse tree). */
export type DataChange =
  | {
      readonly kind: 'update' | 'delete';
      readonly table: { readonly schema?: string; readonly name: string };
      /** The WHERE clause as SQL text, undefined when the statement has none. */
      readonly where?: string;
      /** The alias the statement gives the table, which `where` may use. */
      readonly alias?: string;
    }
  | { readonly refused: string };

export interface BackupResult {
  /** "pg_dump 15.4 (custom format)". */
  readonly tool: string;
  /** File extension without the dot: dump, sql. */
  readonly format: string;
}

/** Engine-specific pieces of the data tasks; loaded lazily through Engine.dataTasks. */
export interface DataTasks {
  /** Parses a script (any number of statements); ok only when every statement only reads. Never throws. */
  checkRead(sql: string): Promise<ReadCheck>;
  /**
   * The table and WHERE of an UPDATE/DELETE; undefined for any other statement. Pure (it may load the
   * engine's scanner first). dataChange, primaryKey, tableSchema, backupSchema and updateFrom come together or not
   * at all: without them prior backup and bb rollback --data are refused (src/backup/prior.ts).
   */
  dataChange?(stmt: ParsedStatement): DataChange | undefined | Promise<DataChange | undefined>;
  /** Quotes an identifier for this engine's SQL. */
  quote(name: string): string;
  /** The n-th (1-based) bind parameter placeholder: $1 or ?. */
  placeholder(n: number): string;
  /** The primary key columns of a table, in key order; empty when it has none. */
  primaryKey?(session: Session, table: { readonly schema?: string; readonly name: string }): Promise<readonly string[]>;
  /**
   * The schema (database, on MySQL) a table name resolves to on the session as it is now: `table.schema`
   * when given, else where the session's current search_path (USE, on MySQL) finds it, which a
   * migration's `SET search_path` / `USE` may have moved. Undefined when it does not resolve. Prior
   * backup records it, so that bb rollback --data puts the rows back into the table the statement changed.
   */
  tableSchema?(session: Session, table: { readonly schema?: string; readonly name: string }): Promise<string | undefined>;
  /**
   * The schema (database, on MySQL) that holds this target's prior backups, created when missing
   * unless `create: false` (bb rollback --data only reads it): bb_backup on PostgreSQL;
   * bb_backup_<database> on MySQL, where a schema is a database of the server and <database> is the
   * one the session opened with (Session.defaultSchema), not one a migration switched to with USE.
   */
  backupSchema?(session: Session, options?: { readonly create?: boolean }): Promise<string>;
  /** The columns of a table or view, in order (generated columns left out). */
  tableColumns(session: Session, table: { readonly schema?: string; readonly name: string }): Promise<readonly string[]>;
  /**
   * An UPDATE that copies `columns` from `source` into `target` on rows whose `keys` match (both names
   * already quoted and qualified): bb rollback --data puts updated rows back with it.
   */
  updateFrom?(target: string, source: string, keys: readonly string[], columns: readonly string[]): string;
  /** The base-table columns a view reads (transitively); empty for a table. For bb query's masking. */
  relationSources?(session: Session, table: { readonly schema?: string; readonly name: string }): Promise<readonly ColumnSource[]>;
  /**
   * A full logical backup of one target into `file` with the engine's own tool (optional, with
   * restore: an engine without them has bb backup and restore refused). A tool that is missing
   * or older than the server is a BbError('config') naming what to install.
   *
   * bb reads the target's version and history in its own session meanwhile: `serverVersion` settles
   * once that session is closed, and rejects when bb could not connect. An engine may start its tool
   * before it settles (and check the version after); an engine whose database admits one opener
   * (PGlite) waits for it first. The file need not be synced to disk: bb syncs it while hashing it.
   */
  backup?(target: Target, file: string, options: { readonly serverVersion: Promise<string>; readonly signal?: AbortSignal }): Promise<BackupResult>;
  /**
   * Restores a backup file: into a new database named `into` (created; an error if it exists), or with
   * `replace`, over the target itself. Returns the restored database's target (URL with secrets).
   *
   * `checked` settles when the caller has verified the file's checksum; it may reject. Nothing may be
   * written to an existing database before it resolves; the engine may make ready meanwhile (connect,
   * check its tool, create the new database), and undoes that (drops the new database) when it rejects.
   *
   * `ready`, when given, is called with the restored database's target once that database exists and
   * right before the tool starts, so that the caller can connect to it while the tool runs.
   */
  restore?(target: Target, file: string, options: { readonly into?: string; readonly replace: boolean; readonly format: string; readonly signal?: AbortSignal; readonly checked: Promise<void>; readonly ready?: (restored: Target) => void }): Promise<{ readonly target: Target; readonly database: string }>;
  /** Without backup/restore: what to use instead, for the refusal's hint. */
  readonly backupHint?: string;
}

/**
 * How a message about a target's URL starts, without its password: where the URL is written and the
 * target's id (`bb.config.yaml:9: environments[2].targets.app.urls[1]: postgres://app:***@db/t1 (prod/app[t1])`),
 * or, for a target not read from a config, its id (`prod/app[t1]: postgres://app:***@db/t1`). Every
 * error about a configured URL (a scheme of another engine, a URL an engine cannot read, a setting it
 * cannot have) starts with it, so the user finds the line to fix.
 */
export function urlWhere(target: Pick<Target, 'ref' | 'locateUrl'>): string {
  return target.locateUrl ? `${target.locateUrl()}: ${target.ref.url} (${target.ref.id})` : `${target.ref.id}: ${target.ref.url}`;
}

/**
 * How a message about reaching a target names it, without its password: the id, then where its URL is
 * written and the URL (`dev/app (bb.config.yaml:7, environments[0].targets.app: postgres://app:***@db/app)`),
 * or for a target not read from a config the id and URL (`dev/app (postgres://app:***@db/app)`). Every
 * "Cannot connect to …" uses it, so that with many targets the user finds the line to fix.
 */
export function targetWhere(target: Pick<Target, 'ref' | 'locateUrl'>): string {
  // locateUrl() is `file:line: key`, the start of a config message; here it is one parenthesis.
  const place = target.locateUrl?.().replace(': ', ', ');
  return `${target.ref.id} (${place ? `${place}: ` : ''}${target.ref.url})`;
}

/**
 * The target's URL is one its engine can read, or BbError('config') starting with urlWhere: its scheme
 * is one of the engine's (code `config.url-scheme`), and a URL of a server scheme reads as a URL
 * (readServerUrl), a URL of a folder scheme has no stray `%` (code `config.bad-url`). The one check
 * every path that connects (connectTarget, discovery) or hands the URL to a tool (backup, restore)
 * runs first, for every engine: a `mysql://` URL on a postgres database, or a password written with a
 * `/` or `#` as is, never reaches a driver.
 */
export function checkTargetUrl(engine: Pick<Engine, 'name' | 'schemes' | 'urlForms'>, target: Pick<Target, 'ref' | 'locateUrl' | 'url'>): void {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(target.url)?.[0]?.toLowerCase();
  if (!scheme || !engine.schemes.includes(scheme)) {
    throw new BbError('config', `${urlWhere(target)} is not a ${engine.name} URL.`, {
      hint: `Use one of the schemes ${engine.schemes.map((s) => `${s}//`).join(', ')} for a ${engine.name} database.`,
      code: 'config.url-scheme',
    });
  }
  const form = engine.urlForms?.[scheme];
  if (form?.kind === 'server') {
    // A URL with credentials and no host (postgres://u:p@/db?host=/run/postgresql, a Unix socket) is
    // checked with a host put in: it is the driver's to refuse or read (pg does, MySQL refuses it).
    const noHost = /^([a-z][a-z0-9+.-]*:\/\/[^?]*@)(?=[/?:]|$)/is.exec(target.url);
    readServerUrl(noHost ? `${noHost[1]}host${target.url.slice(noHost[1]!.length)}` : target.url, target);
  }
  if (form?.kind === 'folder') {
    // pglite://<folder>, chdb://<folder>: the folder is percent-decoded.
    const folder = target.url.slice(scheme.length).replace(/^\/\//, '').replace(/\?.*$/s, '');
    if (!decodes(folder)) {
      throw new BbError('config', `${urlWhere(target)} is not a valid URL: ${STRAY_PERCENT} (write a % of the folder name as %25).`, { hint: 'Write a % of the folder name as %25.', code: 'config.bad-url' });
    }
  }
}

const STRAY_PERCENT = 'a % in it is not followed by two hexadecimal digits';

/** Whether decodeURIComponent reads `part` (its result is used: a bundler drops a call to it whose result is not). */
function decodes(part: string): boolean {
  try {
    return typeof decodeURIComponent(part) === 'string';
  } catch {
    return false;
  }
}

/**
 * A server URL (`scheme://user:password@host:port/path?query`, every engine's) read as WHATWG URL reads
 * it, or BbError('config', code `config.bad-url`) starting with urlWhere(target) (the redacted URL
 * when there is no target), never the parser's TypeError. Most often it is a password with `/`, `?`,
 * `#`, `%` or a space written as is, so besides what URL refuses it refuses what URL would read the
 * wrong way: a `#` (a fragment means nothing to any engine; it would cut the password short and send
 * bb to a host made of its rest), an `@` after a `/` before the query (a password's `/`: the rest of
 * the password would be read as a path, its start as a port), and a `%` not followed by two
 * hexadecimal digits in the user name, password, host or path. After it, decodeURIComponent of the
 * URL's username, password, hostname and pathname does not throw. The message never holds the password.
 */
export function readServerUrl(url: string, target?: Pick<Target, 'ref' | 'locateUrl'>): URL {
  const bad = (reason: string): BbError => new BbError('config', `${target ? urlWhere(target) : redactUrl(url)} is not a valid URL${reason}.`, {
    hint: 'In the user name and password, write @ as %40, : as %3A, / as %2F, ? as %3F, # as %23, % as %25 and a space as %20; and check the host and port.',
    code: 'config.bad-url',
  });
  if (url.includes('#')) throw bad(': it has a # (write a # of the password as %23)');
  // What comes before the @ that ends the password (as redactUrl reads it; else the last @ before the
  // query) is the user name and password: a / or ? there is the password's.
  const userinfo = userinfoOf(url) ?? /^[a-z][a-z0-9+.-]*:\/\/([^?]*)@/is.exec(url)?.[1];
  if (userinfo?.includes('/')) throw bad(': its user name or password has a / in it (write a / of the password as %2F)');
  if (userinfo?.includes('?')) throw bad(': its user name or password has a ? in it (write a ? of the password as %3F)');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad('');
  }
  const stray = ([['user name', u.username], ['password', u.password], ['host', u.hostname], ['path', u.pathname]] as const).find(([, part]) => !decodes(part));
  if (stray) throw bad(`: ${STRAY_PERCENT} (write a % of the ${stray[0]} as %25)`);
  return u;
}

/**
 * The error of ConnectOptions.existing when the embedded database (a PGlite folder, a chdb folder or a
 * database in it) does not exist: reading commands never create one, and say so (code `connect.not-created`).
 */
export function notCreated(target: Target): BbError {
  return new BbError('connect', `${target.ref.id}: the embedded database ${target.ref.url} does not exist yet.`, { hint: 'Nothing has been applied there; bb migrate creates it.', code: 'connect.not-created' });
}

/**
 * Creates the folder of an embedded database (`pglite://<folder>`, `chdb://<folder>`) with its missing
 * parents, or BbError('config', code `config.folder`) starting with urlWhere: a folder that cannot be
 * created (under /proc, through a file, no permission) is the URL's to fix. One folder at a time
 * (makeDir): Node 20's recursive mkdir spins forever on a path under /proc.
 */
export async function makeEmbeddedFolder(target: Pick<Target, 'ref' | 'locateUrl' | 'url'>, dir: string): Promise<void> {
  try {
    await makeDir(dir);
  } catch (error) {
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(target.url)?.[0] ?? 'pglite:';
    throw new BbError('config', `${urlWhere(target)} names the folder ${dir}, which cannot be created: ${causeMessage(error)}.`, {
      hint: `Point the URL at a folder bb can create and write, e.g. ${scheme}//.bb/${target.ref.environment}/${target.ref.database} (a relative folder is read from the config's folder).`,
      code: 'config.folder',
      cause: error,
    });
  }
}

/** Connects to a target after checkTargetUrl: the way every command opens a session on a configured target. */
export async function connectTarget(engine: Engine, target: Target, options: ConnectOptions = {}): Promise<Session> {
  checkTargetUrl(engine, target);
  return engine.connect(target, options);
}
