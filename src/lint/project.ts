/**
 * `bb lint` as data: which files to lint (named files mapped to their database through the config,
 * or every migration of every database), the rules per engine and environment, the schema model
 * from the migrations before each file, and the findings. Nothing here prints.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Config, DatabaseConfig } from '../config/model.js';
import { loadEngine, type Engine, type EngineName } from '../engine.js';
import { BbError, causeMessage } from '../errors.js';
import { readMigrationDir } from '../migrations/dir.js';
import type { MigrationDir, MigrationFile } from '../migrations/model.js';
import { resolveRules, type ResolvedRules } from './config.js';
import { BUILTIN_FINDINGS, lintFile, replay, type FileResult } from './linter.js';
import { loadRulesFor } from './registry.js';
import type { ReplayedFile } from './replay-cache.js';
import type { SchemaModel } from './schema-model.js';
import { docsUrl, ruleDocs, type AnyRule, type Finding, type LiveDb } from './types.js';

export interface LintedFile extends FileResult {
  readonly database?: string;
  readonly engine: EngineName;
}

/** Metadata of a rule that produced findings or ran (SARIF and GitLab need it). */
export interface RuleInfo {
  readonly id: string;
  readonly description: string;
  readonly category: string;
  readonly defaultLevel: string;
  readonly docsUrl: string;
}

export interface LintReport {
  /** In the order linted; each path (and its findings' `file`) relative to the config's folder, or to `cwd` outside a project (rebaseReport moves them), posix separators. */
  readonly files: readonly LintedFile[];
  readonly counts: { readonly errors: number; readonly warnings: number; readonly files: number; readonly checked: number };
  /** Rules that could not run (need a database connection), by id. */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  /** About the run: a history or a live database that could not be read, config entries that were ignored. */
  readonly notes: readonly string[];
  /**
   * Where bb did not take the command line as written: a named file that is not a .sql file was
   * skipped, `--engine` did not apply (a file in a configured folder, or no files named), a file lies
   * outside every project. One sentence each, without a "note:" prefix; the CLI also prints them on stderr.
   */
  readonly notices: readonly string[];
  readonly rules: readonly RuleInfo[];
}

export interface LintRequest {
  /** Named files (relative to cwd); empty = the migrations of the configured databases. */
  readonly files: readonly string[];
  readonly cwd: string;
  /** The loaded config; undefined outside a configured project. */
  readonly config?: Config;
  /** Engine for files outside every configured migrations folder (--engine); default postgres. */
  readonly engine?: EngineName;
  readonly environment?: string;
  /** Limit `bb lint` without files to these versions per database (pending ones); undefined = all. */
  readonly only?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Live database per database name (--env with a connection): rules with requiresConnection run. */
  readonly live?: ReadonlyMap<string, { readonly db: LiveDb; readonly serverVersion?: number }>;
  /** Keep and reuse the replay of earlier migrations in .bb/cache (replay-cache.ts); default true, `--no-cache` turns it off. */
  readonly cache?: boolean;
  readonly notes?: readonly string[];
}

interface Job {
  /** Relative to the config's folder. */
  readonly path: string;
  readonly abs: string;
  /** A named file as the command line gives it: errors about the file name it so. */
  readonly named?: string;
  readonly sql?: string;
  readonly database?: DatabaseConfig;
  readonly engine: EngineName;
  /** Earlier files of the same folder, replayed for schema.walk-through. */
  readonly before?: readonly Pick<MigrationFile, 'path' | 'sql' | 'checksum'>[];
  /** A versioned migration: later files replay it. */
  readonly versioned?: boolean;
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** The database whose migrations folder holds the absolute path `abs` (the deepest folder wins). */
export function databaseOf(config: Config | undefined, abs: string): DatabaseConfig | undefined {
  if (!config) return undefined;
  let best: DatabaseConfig | undefined;
  for (const db of config.databases.values()) {
    const rel = relative(db.migrations, abs);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel) && (!best || db.migrations.length > best.migrations.length)) best = db;
  }
  return best;
}

export async function lintProject(request: LintRequest): Promise<LintReport> {
  const { config } = request;
  const root = config?.dir ?? request.cwd;
  const notes = [...(request.notes ?? [])];
  const notices: string[] = [];
  const dirs = new Map<string, Promise<MigrationDir>>();
  const dirOf = (db: DatabaseConfig): Promise<MigrationDir> => {
    let d = dirs.get(db.name);
    if (!d) {
      // Lenient: a bad directive is a `directive` finding of its own file, not a reason to lint nothing.
      d = readMigrationDir({ database: db.name, engine: db.engine, path: db.migrations, projectRoot: root }, { lenientDirectives: true });
      dirs.set(db.name, d);
    }
    return d;
  };

  const jobs: Job[] = [];
  if (request.files.length > 0) {
    // --engine is for files outside the configured folders; a folder's own engine wins. Per database, once.
    const overridden = new Map<DatabaseConfig, string[]>();
    for (const f of await namedSqlFiles(request.files, request.cwd, config !== undefined, (text) => notices.push(text))) {
      const abs = resolve(request.cwd, f);
      const database = databaseOf(config, abs);
      const engine = database?.engine ?? request.engine ?? 'postgres';
      if (database && request.engine && request.engine !== database.engine) overridden.set(database, [...(overridden.get(database) ?? []), f]);
      const path = toPosix(relative(root, abs)) || f;
      const named = toPosix(f);
      if (database) {
        const dir = await dirOf(database);
        const index = dir.files.findIndex((m) => m.path === path);
        if (index >= 0) {
          const before = dir.files.slice(0, index).filter((m) => m.kind === 'versioned');
          jobs.push({ path, abs, named, database, engine, before, versioned: dir.files[index]!.kind === 'versioned', sql: dir.files[index]!.sql });
          continue;
        }
        // A down file runs after its version (and, in a rollback, after the later ones were rolled back):
        // its schema is the one its up file leaves. Any other file is no migration: its schema is unknown.
        const up = dir.files.findIndex((m) => m.down?.path === path);
        const down = dir.files[up]?.down;
        if (down) jobs.push({ path, abs, named, database, engine, before: dir.files.slice(0, up + 1).filter((m) => m.kind === 'versioned'), versioned: false, sql: down.sql });
        else jobs.push({ path, abs, named, database, engine });
      } else {
        jobs.push({ path, abs, named, engine });
      }
    }
    for (const [db, paths] of overridden) {
      const one = paths.length === 1;
      notices.push(`${listed(paths)} ${one ? 'is' : 'are'} in the migrations folder of database "${db.name}", whose engine in ${basename(config!.file)} is ${db.engine}: ${one ? 'it was' : 'they were'} linted as ${db.engine}, not as --engine ${request.engine}.`);
    }
  } else {
    if (!config) {
      throw new BbError('usage', 'bb lint needs files to lint, or a bb config that names the migrations folders.', {
        hint: 'Run `bb lint path/to/migration.sql`, or `bb init` to create bb.config.yaml.',
        code: 'usage.lint-nothing',
      });
    }
    // Every file is in a configured folder here, and so keeps its database's engine, as a named one does.
    const others = [...config.databases.values()].filter((db) => request.engine !== undefined && db.engine !== request.engine);
    if (others.length > 0) {
      notices.push(`--engine ${request.engine} does not apply without named files: bb lint lints the migrations folders of ${basename(config.file)}, each as its database's engine (${others.map((db) => `${db.name}: ${db.engine}`).join(', ')}). --engine is for named files outside every migrations folder.`);
    }
    for (const db of config.databases.values()) {
      const dir = await dirOf(db);
      const wanted = request.only?.get(db.name);
      const before: MigrationFile[] = [];
      for (const m of dir.files) {
        if (!wanted || wanted.has(m.key)) jobs.push({ path: m.path, abs: resolve(root, m.path), sql: m.sql, database: db, engine: db.engine, before: [...before], versioned: m.kind === 'versioned' });
        if (m.kind === 'versioned') before.push(m);
      }
    }
  }

  // Load the engines and warm their parsers (libpg-query compiles its WASM) while the rules are imported.
  const engines = new Map<EngineName, Engine>();
  const warm = Promise.all([...new Set(jobs.map((j) => j.engine))].map(async (name) => {
    const e = await loadEngine(name);
    engines.set(name, e);
    await e.parse({ index: 0, text: 'SELECT 1', span: { line: 1, column: 1, endLine: 1, endColumn: 8, offset: 0, length: 8 }, comments: [] });
  }));
  // With nothing to lint, the rules of the config's engines are still resolved below: a misspelt rule
  // id or level is an error now, not once a file comes to be linted.
  const ruleEngines = [...new Set(jobs.length > 0 ? jobs.map((j) => j.engine) : [...(config?.databases.values() ?? [])].map((d) => d.engine))];
  const { registry, knownIds: ruleIds } = await loadRulesFor({ engines: ruleEngines, config: config?.rules ?? {}, plugins: config?.plugins ?? [], baseDir: root, ...(config ? { locate: config.locate } : {}) });
  const knownIds = new Set<string>([...ruleIds, ...BUILTIN_FINDINGS]);
  const resolvedByEngine = new Map<string, ResolvedRules>();
  const rulesFor = async (engine: EngineName, live: boolean): Promise<ResolvedRules> => {
    const key = `${engine}:${live}`;
    let r = resolvedByEngine.get(key);
    if (!r) {
      r = await resolveRules({
        registry, knownIds: ruleIds, config: config?.rules ?? {}, engine, environment: request.environment, baseDir: root,
        ...(config ? { locate: config.locate } : {}), connected: live,
      });
      resolvedByEngine.set(key, r);
      for (const n of r.notes) if (!notes.includes(n)) notes.push(n);
    }
    return r;
  };
  if (jobs.length === 0) for (const engine of ruleEngines) await rulesFor(engine, false);

  // Not awaited: reading and splitting the first file overlap the parser's loading (parse() waits for
  // it). A failure here surfaces again from engineOf() or the first parse.
  warm.catch(() => undefined);
  const engineOf = async (name: EngineName): Promise<Engine> => {
    let e = engines.get(name);
    if (!e) {
      e = await loadEngine(name);
      engines.set(name, e);
    }
    return e;
  };

  // Replays are shared: files of one folder are linted in order, each replay extends the previous one.
  // After a versioned file is linted, the linter's final schema is the replay of that file too, so the
  // next file of the folder starts from it without parsing anything again.
  const replayCache = new Map<string, { count: number; lastPath?: string; model: SchemaModel }>();
  // Across runs: .bb/cache (replay-cache.ts), read before a database's first replay, written after the run.
  const keep = request.cache !== false && config !== undefined ? await import('./replay-cache.js') : undefined;
  const kept = new Map<string, { read: number; files?: readonly ReplayedFile[]; model?: SchemaModel }>();
  const files: LintedFile[] = [];
  const skipped = new Map<string, string>();
  const used = new Set<string>();
  for (const job of jobs) {
    let sql = job.sql;
    if (sql === undefined) {
      let bytes: Buffer;
      try {
        bytes = await readFile(job.abs);
      } catch (error) {
        throw new BbError('usage', `Cannot read ${job.named ?? job.path}: ${causeMessage(error)}.`, { hint: 'Check the path.', code: 'usage.lint-file' });
      }
      try {
        sql = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      } catch {
        throw new BbError('usage', `${job.named ?? job.path} is not valid UTF-8.`, { hint: 'Save the file as UTF-8 (bb reads migrations as UTF-8 only).', code: 'usage.lint-encoding' });
      }
    }
    const engine = await engineOf(job.engine);
    const live = job.database ? request.live?.get(job.database.name) : undefined;
    const rules = await rulesFor(job.engine, live !== undefined);
    for (const s of rules.skipped) skipped.set(s.id, s.reason);
    for (const r of rules.active) used.add(r.rule.meta.id);
    let schemaBefore: SchemaModel | undefined;
    if (job.before && job.database) {
      const name = job.database.name;
      if (keep && config && !kept.has(name) && !replayCache.has(name)) {
        const stored = keep.readReplayCache(keep.replayCachePath(config.dir, name), job.engine, job.before);
        if (stored) replayCache.set(name, { count: stored.count, ...(stored.count > 0 ? { lastPath: job.before[stored.count - 1]!.path } : {}), model: stored.model });
        kept.set(name, { read: stored?.count ?? -1 });
      }
      const cached = replayCache.get(name);
      let model: SchemaModel;
      if (cached && cached.count <= job.before.length && (cached.count === 0 || job.before[cached.count - 1]?.path === cached.lastPath)) {
        model = cached.model.clone();
        await replay(engine, job.before.slice(cached.count), model);
      } else {
        model = await replay(engine, job.before);
      }
      const longest = kept.get(name);
      if (longest && job.before.length > (longest.files?.length ?? -1)) Object.assign(longest, { files: job.before, model }); // the linter clones it
      const last = job.before[job.before.length - 1]?.path;
      replayCache.set(job.database.name, { count: job.before.length, ...(last ? { lastPath: last } : {}), model: model.clone() });
      schemaBefore = model;
    }
    const database = job.database;
    const keepAfter = database && job.before && job.versioned
      ? (after: SchemaModel): void => void replayCache.set(database.name, { count: job.before!.length + 1, lastPath: job.path, model: after })
      : undefined;
    const result = await lintFile({
      path: job.path, sql, engine, rules: rules.active, knownIds,
      ...(schemaBefore ? { schemaBefore } : {}),
      ...(request.environment !== undefined ? { environment: request.environment } : {}),
      ...(live?.serverVersion !== undefined ? { serverVersion: live.serverVersion } : {}),
      ...(live ? { db: live.db } : {}),
      ...(keepAfter ? { onSchemaAfter: keepAfter } : {}),
    });
    files.push({ ...result, engine: job.engine, ...(job.database ? { database: job.database.name } : {}) });
  }
  if (keep && config) {
    for (const [name, { read, files, model }] of kept) {
      if (files && model && files.length > read) keep.writeReplayCache(keep.replayCachePath(config.dir, name), config.databases.get(name)!.engine, files, model);
    }
  }

  let errors = 0;
  let warnings = 0;
  const ids = new Set<string>(used);
  for (const f of files) {
    for (const x of f.findings) {
      if (x.level === 'error') errors++;
      else warnings++;
      ids.add(x.ruleId);
    }
  }
  const rules: RuleInfo[] = [...ids].sort().map((id) => ruleInfo(id, registry.get(id)));
  return {
    files,
    counts: { errors, warnings, files: files.filter((f) => f.findings.length > 0).length, checked: files.length },
    skipped: [...skipped].map(([id, reason]) => ({ id, reason })),
    notes,
    notices,
    rules,
  };
}

/** The report with its paths (files and findings) relative to `base` instead of `from`, posix separators. */
export function rebaseReport(report: LintReport, from: string, base: string): LintReport {
  if (resolve(from) === resolve(base)) return report;
  const moved = (path: string): string => toPosix(relative(base, resolve(from, path)));
  return {
    ...report,
    files: report.files.map((f) => ({ ...f, path: moved(f.path), findings: f.findings.map((x) => ({ ...x, file: moved(x.file) })) })),
  };
}

/** One report of several runs (files under different configs): files in order, counts added up, the rest without repeats. */
export function mergeReports(reports: readonly LintReport[]): LintReport {
  if (reports.length === 1) return reports[0]!;
  const sum = (key: keyof LintReport['counts']): number => reports.reduce((n, r) => n + r.counts[key], 0);
  const skipped = new Map(reports.flatMap((r) => r.skipped.map((s) => [s.id, s] as const)));
  const rules = new Map<string, RuleInfo>();
  for (const r of reports) for (const info of r.rules) if (!rules.has(info.id)) rules.set(info.id, info);
  return {
    files: reports.flatMap((r) => r.files),
    counts: { errors: sum('errors'), warnings: sum('warnings'), files: sum('files'), checked: sum('checked') },
    skipped: [...skipped.values()],
    notes: [...new Set(reports.flatMap((r) => r.notes))],
    notices: [...new Set(reports.flatMap((r) => r.notices))],
    rules: [...rules.keys()].sort().map((id) => rules.get(id)!), // the order lintProject gives
  };
}

/** "a.sql", "a.sql and b.sql", "a.sql, b.sql, c.sql and 4 more". */
function listed(paths: readonly string[]): string {
  if (paths.length === 1) return paths[0]!;
  if (paths.length <= 3) return `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]!}`;
  return `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more`;
}

/**
 * The named files bb lints: the .sql ones. A name that does not exist (often a shell pattern that
 * matched nothing, which the shell passes on as written) or a folder is a usage error. Other files (a
 * README that a glob or a hook's file list caught) are skipped with a notice; when nothing named is a
 * .sql file, that is a usage error too, rather than "No problems" about files that were never read.
 */
async function namedSqlFiles(files: readonly string[], cwd: string, configured: boolean, notice: (text: string) => void): Promise<string[]> {
  const sql: string[] = [];
  const other: string[] = [];
  for (const f of files) {
    let isFolder: boolean;
    try {
      isFolder = (await stat(resolve(cwd, f))).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new BbError('usage', `Cannot read ${f}: ${causeMessage(error)}.`, { hint: 'Check the path and its permissions.', code: 'usage.lint-file' });
      if (/[*?[\]{}]/.test(f)) {
        throw new BbError('usage', `No file matches ${f}.`, {
          hint: 'A shell passes on a pattern that matches nothing as it is written: check the folder and the pattern (bb lint takes .sql files).',
          code: 'usage.lint-file',
        });
      }
      throw new BbError('usage', `${f} does not exist.`, { hint: `Check the path (it is relative to ${cwd}).`, code: 'usage.lint-file' });
    }
    if (isFolder) {
      // Asked for often (lint "this database's migrations"): name what to pass instead.
      const folder = f.replace(/[\\/]+$/, '');
      throw new BbError('usage', `${folder} is a folder; bb lint takes migration files, not folders.`, {
        // --all and no arguments read the folders from the config: without one, only files will do.
        hint: configured
          ? `Name the files (bb lint ${folder}/*.sql), or run bb lint --all for every migration, or bb lint with no arguments for those not applied yet.`
          : `Name the files: bb lint ${folder}/*.sql.`,
        code: 'usage.lint-folder',
      });
    }
    (/\.sql$/i.test(f) ? sql : other).push(f);
  }
  if (sql.length === 0) {
    throw new BbError('usage', `${listed(other)} ${other.length === 1 ? 'is not a .sql file' : 'are not .sql files'}: bb lint reviews SQL migration files (.sql).`, {
      hint: 'Name .sql files. In a pre-commit hook or lint-staged, pass only them (files: \\.sql$, or "migrations/**/*.sql").',
      code: 'usage.lint-not-sql',
    });
  }
  if (other.length > 0) notice(`skipped ${listed(other)}: bb lint reviews .sql files only.`);
  return sql;
}

const BUILTIN_INFO: Record<string, string> = {
  syntax: 'The statement cannot be parsed',
  directive: 'A -- bb: directive is unknown or misplaced',
  'unused-disable': 'A bb:disable comment suppresses nothing',
  'unknown-rule': 'A bb:disable comment names a rule that does not exist',
  'rule-error': 'A rule failed on a statement',
};

export function ruleInfo(id: string, rule: AnyRule | undefined): RuleInfo {
  if (rule) return { id, description: rule.meta.description, category: rule.meta.category, defaultLevel: rule.meta.defaultLevel, docsUrl: ruleDocs(rule.meta) };
  return { id, description: BUILTIN_INFO[id] ?? id, category: 'lint', defaultLevel: id === 'unused-disable' ? 'warning' : 'error', docsUrl: docsUrl(id) };
}

export type { Finding };
