/**
 * `bb lint [FILE…]`: review migrations with the SQL rules.
 *  - with files: lints them, each mapped to its database and engine through the config (files outside
 *    every migrations folder, or outside a configured project, use --engine, default postgres);
 *  - without files: every migration not yet applied on any target of any environment (read from the
 *    history tables); `--all` lints every migration;
 *  - `--env X`: X's rule levels (rules.environments.X), and X's targets as live databases for the rules
 *    that need one (EXPLAIN-based checks); without a reachable connection those are listed as skipped.
 * Exit code 1 when a finding is at error level, 0 otherwise; usage and config errors exit 2.
 */
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import type { Config } from '../../config/model.js';
import { BbError } from '../../errors.js';
import type { ConnectOptions, EngineName, Session } from '../../engine.js';
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
  const { lintProject } = await import('../../lint/project.js');
  const engine = options.engine !== undefined ? checkEngineName(options.engine) : undefined;
  if (options.env !== undefined && !config) {
    // Without a config there are no environments: --env would silently change nothing.
    throw new BbError('usage', `--env ${options.env}: no bb config was found in ${context.cwd}, so there is no environment "${options.env}" to take rule levels or a live database from.`, {
      hint: 'Run bb lint from the folder of bb.config.yaml, pass --config <file>, or drop --env.',
      code: 'usage.lint-env-without-config',
    });
  }
  if (options.env !== undefined && config && !config.environments.some((e) => e.name === options.env)) {
    const { findEnvironment } = await import('../../config/targets.js');
    findEnvironment(config, options.env); // throws the usage error with the closest name
  }

  const notes: string[] = [];
  let only: Map<string, Set<string>> | undefined;
  if (files.length === 0 && config && !options.all) only = await pendingEverywhere(config, context, notes);

  const sessions: Session[] = [];
  try {
    const live = options.env !== undefined && config ? await connectLive(config, options.env, context, sessions, notes) : undefined;
    const report = await lintProject({
      files, cwd: context.cwd, ...(config ? { config } : {}), ...(engine ? { engine } : {}),
      ...(options.env !== undefined ? { environment: options.env } : {}), ...(only ? { only } : {}), ...(live ? { live } : {}), notes,
      cache: options.cache !== false, notice: (text) => context.notice(text),
    });
    // The pretty formatter prints the source line under each finding: keep the texts of files with findings.
    const sources = new Map<string, string>();
    if (options.format === 'pretty') {
      const { readFile } = await import('node:fs/promises');
      const { resolve } = await import('node:path');
      for (const f of report.files) {
        if (f.findings.length === 0) continue;
        const text = await readFile(resolve(config?.dir ?? context.cwd, f.path), 'utf8').catch(() => undefined);
        if (text !== undefined) sources.set(f.path, text.replace(/\r\n?/g, '\n'));
      }
    }
    return { kind: 'lint', data: { ...report, sources }, exitCode: report.counts.errors > 0 ? 1 : 0 };
  } finally {
    await Promise.all(sessions.map((s) => s.close().catch(() => undefined)));
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

/** --env: a live session per database (the environment's first target), for rules that need one. */
async function connectLive(config: Config, envName: string, context: CommandContext, sessions: Session[], notes: string[]): Promise<Map<string, { db: LiveDb; serverVersion?: number }>> {
  const { findEnvironment, resolveTargetsDiscovering } = await import('../../config/targets.js');
  const { loadEngine } = await import('../../engine.js');
  const { connectTarget } = await import('../../run/project.js');
  const env = findEnvironment(config, envName);
  const live = new Map<string, { db: LiveDb; serverVersion?: number }>();
  for (const db of config.databases.values()) {
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
