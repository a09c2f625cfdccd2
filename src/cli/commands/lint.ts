/**
 * `bb lint [FILE…]`: review migrations with the SQL rules.
 *  - with files: lints them, each under the config it belongs to (configsOfFiles: `--config`, else the
 *    nearest config from the file's folder upwards) and mapped through it to its database and engine
 *    (files outside every migrations folder, or outside every project, use --engine, default postgres);
 *  - without files: every migration not yet applied on any target of any environment (read from the
 *    history tables); `--all` lints every migration;
 *  - `--env X`: X's rule levels (rules.environments.X), and X's targets as live databases for the rules
 *    that need one (EXPLAIN-based checks); without a reachable connection those are listed as skipped.
 * Paths in the output are relative to the current folder (pretty) or to the repository root (every
 * machine format: that is where GitHub, GitLab and SARIF consumers look files up).
 * Exit code 1 when a finding is at error level, 0 otherwise; usage and config errors exit 2.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import type { Config } from '../../config/model.js';
import { BbError } from '../../errors.js';
import type { ConnectOptions, EngineName, Session } from '../../engine.js';
import type { LintReport } from '../../lint/project.js';
import type { LiveDb } from '../../lint/types.js';

export interface LintOptions extends GlobalOptions {
  readonly args?: readonly unknown[];
  readonly engine?: string;
  readonly all?: boolean;
  /** false with --no-cache. */
  readonly cache?: boolean;
}

export default async function lint(options: LintOptions, context: CommandContext): Promise<CommandOutput> {
  const files = (Array.isArray(options.args?.[0]) ? (options.args[0] as unknown[]) : (options.args ?? [])).filter((a): a is string => typeof a === 'string');
  const { loadConfig } = await import('../../config/load.js');
  let config: Config | undefined;
  try {
    config = await loadConfig({ configPath: options.config, cwd: context.cwd });
  } catch (error) {
    // Named files can be linted outside a project (a pre-commit hook in any repository).
    if (!(error instanceof BbError && error.code === 'config.missing' && files.length > 0 && !options.config)) throw error;
  }
  const { checkEngineName } = await import('../../engine.js');
  const { lintProject, mergeReports, rebaseReport } = await import('../../lint/project.js');
  const engine = options.engine !== undefined ? checkEngineName(options.engine) : undefined;
  const groups = files.length > 0 && !options.config ? await configsOfFiles(files, config, context.cwd) : new Map([[config, files]]);
  if (options.env !== undefined) {
    for (const [groupConfig, groupFiles] of groups) {
      if (!groupConfig) {
        // Without a config there are no environments: --env would silently change nothing.
        throw new BbError('usage', `--env ${options.env}: no bb config was found for ${groupFiles[0]} (in its folder or the folders above it), so there is no environment "${options.env}" to take rule levels or a live database from.`, {
          hint: 'Lint files of a project (a folder with bb.config.yaml, or one below it), pass --config <file>, or drop --env.',
          code: 'usage.lint-env-without-config',
        });
      }
      if (!groupConfig.environments.some((e) => e.name === options.env)) {
        const { findEnvironment } = await import('../../config/targets.js');
        findEnvironment(groupConfig, options.env); // throws the usage error with the closest name
      }
    }
  }

  const sessions: Session[] = [];
  const reports: LintReport[] = [];
  // Machine formats are read by code hosts (GitHub, GitLab, SARIF uploads), which look paths up from the repository's root.
  const base = options.format === 'pretty' ? context.cwd : repositoryRoot(context.cwd);
  try {
    for (const [groupConfig, groupFiles] of groups) {
      const notes: string[] = [];
      const only = groupFiles.length === 0 && groupConfig && !options.all ? await pendingEverywhere(groupConfig, context, notes) : undefined;
      const live = options.env !== undefined && groupConfig ? await connectLive(groupConfig, options.env, context, sessions, notes, await namedDatabases(groupConfig, groupFiles, context.cwd)) : undefined;
      const report = await lintProject({
        files: groupFiles, cwd: context.cwd, ...(groupConfig ? { config: groupConfig } : {}), ...(engine ? { engine } : {}),
        ...(options.env !== undefined ? { environment: options.env } : {}), ...(only ? { only } : {}), ...(live ? { live } : {}), notes,
        cache: options.cache !== false,
      });
      reports.push(rebaseReport(report, groupConfig?.dir ?? context.cwd, base));
    }
  } finally {
    await Promise.all(sessions.map((s) => s.close().catch(() => undefined)));
  }
  let report = mergeReports(reports);
  const outside = groups.get(undefined);
  if (outside && outside.length > 0) {
    const { someOf } = await import('../../util/some-of.js');
    report = { ...report, notices: [...report.notices, `${someOf(outside, 3)} ${outside.length === 1 ? 'is' : 'are'} outside any bb project (no bb config in ${outside.length === 1 ? 'its folder or the folders above it' : 'their folders or the folders above them'}): linted as ${engine ?? 'postgres'} with the recommended rules and no earlier migrations replayed. Pass --config <file> to lint ${outside.length === 1 ? 'it' : 'them'} with a config, --engine for another engine.`] };
  }
  // Each note reaches a person once more on stderr, except where stdout is the CI log itself (github:
  // its ::warning/::notice lines already say it there). GitLab's code quality report has no place for
  // a note that is not about a line of a file: the notes about the run go to stderr too.
  if (options.format !== 'github') for (const n of report.notices) context.notice(n);
  if (options.format === 'gitlab') for (const n of report.notes) context.notice(n);
  // The pretty formatter prints the source line under each finding: keep the texts of files with findings.
  const sources = new Map<string, string>();
  if (options.format === 'pretty') {
    const { readFile } = await import('node:fs/promises');
    for (const f of report.files) {
      if (f.findings.length === 0) continue;
      const text = await readFile(resolve(base, f.path), 'utf8').catch(() => undefined);
      if (text !== undefined) sources.set(f.path, text.replace(/\r\n?/g, '\n'));
    }
  }
  return { kind: 'lint', data: { ...report, sources }, exitCode: report.counts.errors > 0 ? 1 : 0 };
}

/**
 * The config each named file is linted under (without --config), as Prettier and ESLint find a
 * file's config: the nearest one from the file's folder upwards. The current folder's config (`cwd`)
 * is taken instead when it maps the file to one of its databases and the nearest does not (a
 * `migrations:` folder outside the config's own folder). The key undefined holds the files outside
 * every project. Groups and the files in each keep the command line's order.
 */
async function configsOfFiles(files: readonly string[], cwdConfig: Config | undefined, cwd: string): Promise<Map<Config | undefined, string[]>> {
  const { findConfigFolder, loadConfig } = await import('../../config/load.js');
  const { databaseOf } = await import('../../lint/project.js');
  const byFolder = new Map<string, Config>(cwdConfig ? [[cwdConfig.dir, cwdConfig]] : []);
  const nearestFrom = new Map<string, string | undefined>();
  const groups = new Map<Config | undefined, string[]>();
  for (const file of files) {
    const abs = resolve(cwd, file);
    const from = dirname(abs);
    if (!nearestFrom.has(from)) nearestFrom.set(from, findConfigFolder(from));
    const folder = nearestFrom.get(from);
    let nearest: Config | undefined;
    if (folder !== undefined) {
      nearest = byFolder.get(folder);
      if (!nearest) {
        nearest = await loadConfig({ cwd: folder });
        byFolder.set(folder, nearest);
      }
    }
    const chosen = nearest && databaseOf(nearest, abs) ? nearest : cwdConfig && databaseOf(cwdConfig, abs) ? cwdConfig : nearest ?? cwdConfig;
    const group = groups.get(chosen);
    if (group) group.push(file);
    else groups.set(chosen, [file]);
  }
  return groups;
}

/** The git work tree holding `cwd` (the nearest folder with a .git folder or file); `cwd` outside one. */
function repositoryRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

/**
 * The versions of each database that no target of any environment has applied. A target whose
 * history cannot be read is skipped with a note; when no history can be read at all, every file is
 * linted (undefined).
 */
async function pendingEverywhere(config: Config, context: CommandContext, notes: string[]): Promise<Map<string, Set<string>> | undefined> {
  const { resolveTargetsDiscovering } = await import('../../config/targets.js');
  const { loadEngine } = await import('../../engine.js');
  const { readHistories } = await import('../../run/project.js');
  const { readMigrationDir } = await import('../../migrations/dir.js');
  const applied = new Map<string, Set<string>>();
  let readable = 0;
  for (const db of config.databases.values()) {
    applied.set(db.name, new Set());
    const engine = await loadEngine(db.engine);
    for (const env of config.environments) {
      let members;
      try {
        members = (await resolveTargetsDiscovering(config, env, [db], { signal: context.signal }))[0]?.members ?? [];
      } catch (error) {
        notes.push(`${env.name}/${db.name}: ${(error as Error).message} (its history was not read)`);
        continue;
      }
      // `existing`: reading must not create an embedded database that nothing was applied to.
      const options: ConnectOptions = { signal: context.signal, openTimeoutMs: 2000, existing: true };
      for (const h of await readHistories(engine, members, options)) {
        if (h.error?.code === 'connect.not-created') {
          readable++; // an embedded database nobody created yet: nothing applied there
          continue;
        }
        if (h.error) {
          notes.push(`${h.target.id}: history not read (${h.error.message.split('\n')[0]})`);
          continue;
        }
        readable++;
        for (const row of h.rows ?? []) if (row.status === 'done') applied.get(db.name)!.add(row.version);
      }
    }
  }
  if (readable === 0) {
    notes.push('No history table could be read, so every migration was linted (use --all to say so, or bb lint FILE… for some).');
    return undefined;
  }
  const pending = new Map<string, Set<string>>();
  for (const db of config.databases.values()) {
    const dir = await readMigrationDir({ database: db.name, engine: db.engine, path: db.migrations, projectRoot: config.dir }, { lenientDirectives: true });
    pending.set(db.name, new Set(dir.files.filter((f) => f.kind === 'repeatable' || !applied.get(db.name)!.has(f.key)).map((f) => f.key)));
  }
  return pending;
}

/**
 * The databases whose folders hold the named files, or undefined for every database: no file named (bb
 * lint of what is pending), or one outside every folder (a folder above them, say).
 */
async function namedDatabases(config: Config, files: readonly string[], cwd: string): Promise<ReadonlySet<string> | undefined> {
  if (files.length === 0) return undefined;
  const { databaseOf } = await import('../../lint/project.js');
  const names = new Set<string>();
  for (const f of files) {
    const db = databaseOf(config, resolve(cwd, f));
    if (!db) return undefined;
    names.add(db.name);
  }
  return names;
}

/**
 * --env: a live session per database (the environment's first target), for rules that need one; only to
 * the databases of the named files (`only`), so that a pre-commit run on one file does not connect to all.
 */
async function connectLive(config: Config, envName: string, context: CommandContext, sessions: Session[], notes: string[], only?: ReadonlySet<string>): Promise<Map<string, { db: LiveDb; serverVersion?: number }>> {
  const { findEnvironment, resolveTargetsDiscovering } = await import('../../config/targets.js');
  const { loadEngine } = await import('../../engine.js');
  const { connectTarget } = await import('../../run/project.js');
  const env = findEnvironment(config, envName);
  const live = new Map<string, { db: LiveDb; serverVersion?: number }>();
  for (const db of config.databases.values()) {
    if (only && !only.has(db.name)) continue;
    try {
      const target = (await resolveTargetsDiscovering(config, env, [db], { signal: context.signal }))[0]?.members[0];
      if (!target) continue;
      // `existing`: linting must not create an embedded database (a PGlite folder of ~40 MB) that nothing was applied to.
      const session = await connectTarget(await loadEngine(db.engine as EngineName), target, { signal: context.signal, openTimeoutMs: 5000, existing: true });
      sessions.push(session);
      // "15.4", "PostgreSQL 15.4", "PGlite 0.5 (PostgreSQL 18)": the server's number is inside the parentheses when there are some.
      const v = session.serverVersion;
      const major = (/\([^)]*?(\d+)[^)]*\)/.exec(v) ?? /(\d+)/.exec(v))?.[1];
      live.set(db.name, { db: { query: (sql, params) => session.query(sql, params) }, ...(major ? { serverVersion: Number(major) } : {}) });
    } catch (error) {
      if (error instanceof BbError && error.code === 'connect.not-created') {
        notes.push(`${error.message.replace(/\.$/, '')} (nothing was applied there), so the rules that need a connection were skipped for ${db.name}`);
        continue;
      }
      notes.push(`${envName}/${db.name}: no live connection (${(error as Error).message.split('\n')[0]}); rules that need one were skipped`);
    }
  }
  return live;
}
