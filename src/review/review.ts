/**
 * `bb review`: what a pull request's migrations will do. The changed files come from git; the histories
 * of every environment say whether an edited file was already applied somewhere (an error naming the
 * environments); new and edited files are linted with each environment's rule levels; the plan per
 * environment and target says which versions would run and which cannot run in a transaction, and (where
 * the environment has drift: fail) whether bb migrate would refuse the target for schema drift, as bb plan says.
 * Returns data; src/review/markdown.ts and src/output/pretty/review.ts render it.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Config } from '../config/model.js';
import { findEnvironment, selectDatabases } from '../config/targets.js';
import type { HistoryRow } from '../engine.js';
import type { Finding, Level } from '../lint/types.js';
import { parseFileName } from '../migrations/formats.js';
import type { MigrationFile } from '../migrations/model.js';
import { planTarget } from '../plan/plan.js';
import { toReport } from '../plan/report.js';
import { loadDatabase, type LoadedDatabase } from '../run/project.js';
import { changedFiles, diffFile, repoRoot, resolveBase, showFile, type GitBase } from './git.js';
import { readAllHistories, type EnvironmentHistories } from './histories.js';
import { createLinter } from './lint.js';
import { someOf } from '../util/some-of.js';

export interface ReviewFinding extends Finding {
  /** Environments whose rule levels give this finding at this level (every environment when the config has none). */
  readonly environments: readonly string[];
}

export interface ReviewFile {
  /** Project-relative (relative to the config file's folder), posix separators. */
  readonly path: string;
  readonly database: string;
  /** History key: version text or R__name. */
  readonly version: string;
  readonly status: 'added' | 'modified' | 'deleted';
  /** Target ids whose history records this version (with a different checksum, or at all for a deleted file). */
  readonly appliedOn: readonly string[];
  /** The environments of appliedOn, in promotion order. */
  readonly appliedEnvironments: readonly string[];
  /** Target ids whose history could not be read: the edited-file check is incomplete there. */
  readonly unknownOn: readonly string[];
  /** Set when the change is an error by itself (edited or removed after it was applied). */
  readonly problem?: { readonly message: string; readonly hint: string };
  readonly findings: readonly ReviewFinding[];
  readonly statements?: number;
  /** False when the file cannot run in one transaction; reason says why. */
  readonly transactional?: boolean;
  readonly noTransactionReason?: string;
}

export interface ReviewPlanStep {
  readonly version: string;
  readonly path: string;
  readonly action: string;
  readonly statements: number;
  readonly transactional: boolean;
  readonly noTransactionReason?: string;
  /** Part of this change (added or edited by the pull request). */
  readonly inChange: boolean;
}

export interface ReviewTargetPlan {
  /** A target id, or the group's id ("prod/app") when members share one plan. */
  readonly target: string;
  /** Members with this plan, for a group target. */
  readonly members?: readonly string[];
  readonly steps: readonly ReviewPlanStep[];
  /**
   * What stops bb migrate there: bb plan's blockers, and `drift` (the environment has drift: fail and the
   * target's schema differs from its last snapshot; `version` is the one that snapshot was taken after).
   */
  readonly blockers: readonly { readonly kind: string; readonly version: string; readonly message: string; readonly hint: string }[];
  readonly error?: { readonly kind: string; readonly message: string; readonly hint?: string };
}

export interface ReviewEnvironmentPlan {
  readonly environment: string;
  readonly protected: boolean;
  readonly targets: readonly ReviewTargetPlan[];
}

export interface ReviewReport {
  readonly base: GitBase;
  /** Migration files the change adds, edits or removes, in database and folder order. */
  readonly files: readonly ReviewFile[];
  /** Changed files under a migrations folder that are not migrations (README, down files, …): listed, not checked. */
  readonly otherFiles: readonly string[];
  readonly plans: readonly ReviewEnvironmentPlan[];
  /** Targets whose history could not be read, with why. */
  readonly unreachable: readonly { readonly target: string; readonly message: string; readonly hint?: string }[];
  /**
   * The schema change as the committed `bb dump` files show it (<config folder>/schema/<database>.sql,
   * what `bb dump --replay` writes): their diff against the base. `stale` marks a dump the change did
   * not update although it changes migrations of that database.
   */
  readonly schemaDiff: { readonly status: 'skipped'; readonly reason: string } | { readonly status: 'shown'; readonly files: readonly { readonly path: string; readonly database: string; readonly diff: string; readonly stale: boolean }[] };
  /** drifted: targets (group members counted one by one) whose plan drift: fail blocks. */
  readonly summary: { readonly errors: number; readonly warnings: number; readonly editedApplied: number; readonly drifted: number; readonly files: number };
}

export interface ReviewInput {
  readonly config: Config;
  readonly cwd: string;
  readonly base?: string;
  readonly db?: string;
  /** Only this environment (lint levels, histories, plan); default: every environment. */
  readonly environment?: string;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
  /** Whether `bb dump` exists and where its files are; undefined: the schema diff is skipped. */
  readonly schemaDiff?: (files: readonly ReviewFile[]) => Promise<ReviewReport['schemaDiff']>;
}

export async function review(input: ReviewInput): Promise<ReviewReport> {
  const { config } = input;
  const environments = input.environment !== undefined ? [findEnvironment(config, input.environment)] : config.environments;
  const root = await repoRoot(input.cwd);
  const base = await resolveBase(input.cwd, input.base, input.env ?? process.env);
  const changed = await changedFiles(input.cwd, base.mergeBase);
  // Git paths are repository-relative; migration paths are relative to the config's folder.
  const toProject = (repoPath: string): string => relative(config.dir, resolve(root, repoPath)).split(sep).join('/');

  const files: ReviewFile[] = [];
  const otherFiles: string[] = [];
  const plans = new Map<string, { protected: boolean; targets: ReviewTargetPlan[] }>();
  for (const env of environments) plans.set(env.name, { protected: env.protected, targets: [] });
  const unreachable: { target: string; message: string; hint?: string }[] = [];
  let loading: ReturnType<typeof createLinter> | undefined;
  const linter = (): ReturnType<typeof createLinter> => (loading ??= createLinter(config)); // only when a file needs linting

  for (const dbConfig of selectDatabases(config, input.db)) {
    const folder = relative(config.dir, dbConfig.migrations).split(sep).join('/');
    const inFolder = changed.map((c) => ({ ...c, path: toProject(c.path) })).filter((c) => !c.path.startsWith('..') && !isAbsolute(c.path) && (folder === '' || c.path === folder || c.path.startsWith(`${folder}/`)));
    if (inFolder.length === 0) continue;
    // Lenient, as bb lint: a bad `-- bb:` directive is a `directive` finding of its file (the linter reads it
    // again from the SQL), not a reason to review nothing.
    const db = await loadDatabase(config, dbConfig, undefined, { lenientDirectives: true });
    const byPath = new Map(db.dir.files.map((f) => [f.path, f]));
    const downPaths = new Set(db.dir.files.flatMap((f) => (f.down ? [f.down.path] : [])));
    // drift: fail makes bb migrate (and bb plan) refuse a drifted target that has something to apply: check those.
    const histories = await readAllHistories(config, db, { environments, drift: (env) => env.drift === 'fail', ...(input.signal ? { signal: input.signal } : {}) });
    for (const env of histories) for (const t of env.targets) if (t.error) pushUnique(unreachable, { target: t.target.id, message: t.error.message, ...(t.error.hint ? { hint: t.error.hint } : {}) });

    const toLint: MigrationFile[] = [];
    const dbFiles: ReviewFile[] = [];
    for (const change of inFolder) {
      const file = byPath.get(change.path);
      if (change.status === 'deleted' || !file) {
        const parsed = parseFileName(basename(change.path));
        if (change.status !== 'deleted' || !parsed || parsed.direction === 'down' || downPaths.has(change.path)) {
          otherFiles.push(change.path);
          continue;
        }
        const key = parsed.kind === 'repeatable' ? `R__${parsed.name}` : parsed.version!;
        const applied = where(histories, (r) => r.path === change.path || (r.version === key && r.kind === 'versioned' && !byKeyExists(db, key)));
        dbFiles.push({
          path: change.path, database: dbConfig.name, version: key, status: 'deleted', ...applied, findings: [],
          ...(applied.appliedOn.length > 0 && parsed.kind === 'versioned'
            ? { problem: { message: `${change.path} was removed, but version ${key} is applied on ${applied.appliedEnvironments.join(', ')}.`, hint: 'Restore the file; undo a change with a new migration (or a .down.sql and bb rollback).' } }
            : {}),
        });
        continue;
      }
      const info = db.analysis.get(file.key);
      const reason = info?.nonTransactional[0]?.reason ?? (file.directives.transaction === 'off' ? file.directives.transactionOffBy ?? '-- bb:transaction off' : db.engine.capabilities.transactionalDdl ? undefined : `${db.engine.name} commits DDL implicitly`);
      let applied = { appliedOn: [] as string[], appliedEnvironments: [] as string[], unknownOn: unknownTargets(histories) };
      let problem: ReviewFile['problem'];
      if (file.kind === 'versioned') {
        applied = where(histories, (r) => r.version === file.key && r.kind === 'versioned' && r.checksum !== file.checksum && (r.status === 'done' || r.applied > 0));
        if (applied.appliedOn.length > 0) {
          problem = {
            message: `${file.path} was changed after version ${file.key} was applied on ${applied.appliedEnvironments.join(', ')} (${someOf(applied.appliedOn)}).`,
            hint: 'Restore the file and put the change in a new migration (bb new <name>).',
          };
        }
      }
      toLint.push(file);
      dbFiles.push({
        path: file.path, database: dbConfig.name, version: file.key, status: change.status, ...applied, findings: [],
        ...(problem ? { problem } : {}),
        statements: info?.statements.length ?? 0,
        transactional: reason === undefined,
        ...(reason !== undefined ? { noTransactionReason: reason } : {}),
      });
    }

    // Lint with each environment's levels; identical findings merge and list their environments.
    const envNames = histories.map((h) => h.environment.name);
    const merged = new Map<string, Map<string, { finding: Finding; environments: string[] }>>();
    for (const envName of envNames.length > 0 ? envNames : [undefined]) {
      const results = toLint.length > 0 ? await (await linter()).lint(db, toLint, envName) : [];
      for (const r of results) {
        const perFile = merged.get(r.path) ?? new Map<string, { finding: Finding; environments: string[] }>();
        merged.set(r.path, perFile);
        for (const f of r.findings) {
          const key = `${f.ruleId}\u0000${f.level}\u0000${f.span.offset}\u0000${f.message}`;
          const entry = perFile.get(key) ?? { finding: f, environments: [] };
          if (envName !== undefined) entry.environments.push(envName);
          perFile.set(key, entry);
        }
      }
    }
    for (const f of dbFiles) {
      const found = [...(merged.get(f.path)?.values() ?? [])]
        .map((e) => ({ ...e.finding, environments: e.environments }))
        .sort((a, b) => a.span.offset - b.span.offset || levelRank(a.level) - levelRank(b.level));
      files.push({ ...f, findings: found });
    }

    // The plan per environment and target: which versions would run there, and what stops them.
    const changedKeys = new Set(dbFiles.filter((f) => f.status !== 'deleted').map((f) => f.version));
    for (const envHist of histories) {
      const plansOfEnv = plans.get(envHist.environment.name)!;
      const bySignature = new Map<string, { plan: ReviewTargetPlan; members: string[] }>();
      for (const t of envHist.targets) {
        let p: ReviewTargetPlan;
        if (!t.rows) {
          p = { target: t.target.id, steps: [], blockers: [], ...(t.error ? { error: t.error } : {}) };
        } else {
          const report = toReport(planTarget({ dir: db.dir, analysis: db.analysis, target: t.target, rows: t.rows, allowOutOfOrder: false, transactionalDdl: db.engine.capabilities.transactionalDdl }));
          p = {
            target: t.target.id,
            steps: report.steps.map((s) => ({ version: s.version, path: s.path, action: s.action, statements: s.statements, transactional: s.transactional, ...(s.noTransactionReason ? { noTransactionReason: s.noTransactionReason } : {}), inChange: changedKeys.has(s.version) })),
            blockers: report.blockers.map((b) => ({ kind: b.kind, version: b.version, message: b.message, hint: b.hint })),
          };
          // As bb plan: only a target with something to apply and nothing else in the way is refused for drift.
          const refusal = envHist.environment.drift === 'fail' && p.steps.length > 0 && p.blockers.length === 0 ? t.drift?.refusal : undefined;
          if (refusal) p = { ...p, blockers: [{ kind: 'drift', version: t.drift?.snapshotVersion ?? '', message: refusal.message, hint: refusal.hint }] };
        }
        if (envHist.kind !== 'group') {
          plansOfEnv.targets.push(p);
          continue;
        }
        // Group members with the same plan collapse into one entry.
        const signature = JSON.stringify([p.steps.map((s) => [s.version, s.action]), p.blockers.map((b) => [b.kind, b.version]), p.error?.message ?? '']);
        const group = bySignature.get(signature);
        if (group) group.members.push(t.target.member ?? t.target.id);
        else bySignature.set(signature, { plan: p, members: [t.target.member ?? t.target.id] });
      }
      for (const { plan, members } of bySignature.values()) {
        const groupId = `${envHist.environment.name}/${dbConfig.name}`;
        // Blocker messages name one member; the entry stands for all of them.
        plansOfEnv.targets.push({ ...plan, target: groupId, members });
      }
    }
  }

  const schemaDiff = input.schemaDiff ? await input.schemaDiff(files) : await committedDumps(config, input.cwd, root, base.mergeBase, files);
  const errors = files.reduce((n, f) => n + f.findings.filter((x) => x.level === 'error').length, 0);
  const warnings = files.reduce((n, f) => n + f.findings.filter((x) => x.level === 'warning').length, 0);
  const editedApplied = files.filter((f) => f.problem).length;
  const reviewed = [...plans.entries()].filter(([, p]) => p.targets.length > 0);
  const drifted = reviewed.reduce((n, [, p]) => n + p.targets.filter((t) => t.blockers.some((b) => b.kind === 'drift')).reduce((m, t) => m + (t.members?.length ?? 1), 0), 0);
  return {
    base,
    files,
    otherFiles,
    plans: reviewed.map(([environment, p]) => ({ environment, protected: p.protected, targets: p.targets })),
    unreachable,
    schemaDiff,
    summary: { errors, warnings, editedApplied, drifted, files: files.length },
  };
}

/** The diff of each committed dump file (schema/<database>.sql) for the databases this change touches. */
async function committedDumps(config: Config, cwd: string, root: string, base: string, files: readonly ReviewFile[]): Promise<ReviewReport['schemaDiff']> {
  const databases = [...new Set(files.map((f) => f.database))];
  const out: { path: string; database: string; diff: string; stale: boolean }[] = [];
  for (const database of databases) {
    const abs = join(config.dir, 'schema', `${database}.sql`);
    const repoPath = relative(root, abs).split(sep).join('/');
    const before = await showFile(cwd, base, repoPath);
    if (!existsSync(abs) && before === undefined) continue;
    const raw = await diffFile(cwd, base, repoPath);
    const diff = raw.slice(Math.max(0, raw.indexOf('--- '))); // from the ---/+++ lines: no git plumbing headers
    out.push({ path: relative(config.dir, abs).split(sep).join('/'), database, diff, stale: diff === '' });
  }
  if (out.length === 0) {
    return { status: 'skipped', reason: databases.length === 0 ? 'no migration changed' : `no committed schema dump for ${databases.join(', ')} (bb dump --replay writes schema/<database>.sql; commit it and the review shows the schema diff)` };
  }
  return { status: 'shown', files: out };
}

/**
 * 1 when a finding is an error or an edited file is already applied somewhere, as `bb lint`, or when a
 * target has drifted where drift: fail makes bb migrate refuse it, as `bb plan`.
 */
export function reviewExitCode(report: ReviewReport): 0 | 1 {
  return report.summary.errors > 0 || report.summary.editedApplied > 0 || report.summary.drifted > 0 ? 1 : 0;
}

function levelRank(level: Level): number {
  return level === 'error' ? 0 : 1;
}

function byKeyExists(db: LoadedDatabase, key: string): boolean {
  return db.dir.files.some((f) => f.key === key);
}

function unknownTargets(histories: readonly EnvironmentHistories[]): string[] {
  return histories.flatMap((h) => h.targets.filter((t) => !t.rows).map((t) => t.target.id));
}

function where(histories: readonly EnvironmentHistories[], match: (row: HistoryRow) => boolean): { appliedOn: string[]; appliedEnvironments: string[]; unknownOn: string[] } {
  const appliedOn: string[] = [];
  const appliedEnvironments: string[] = [];
  for (const h of histories) {
    for (const t of h.targets) {
      if (!t.rows?.some(match)) continue;
      appliedOn.push(t.target.id);
      if (!appliedEnvironments.includes(h.environment.name)) appliedEnvironments.push(h.environment.name);
    }
  }
  return { appliedOn, appliedEnvironments, unknownOn: unknownTargets(histories) };
}

function pushUnique(list: { target: string; message: string; hint?: string }[], item: { target: string; message: string; hint?: string }): void {
  if (!list.some((x) => x.target === item.target)) list.push(item);
}
