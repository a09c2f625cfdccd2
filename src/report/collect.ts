/**
 * Builds ReportData from the config, the migration folders and every environment's history tables
 * (read once, unreachable targets kept as `unknown` with their error). Split in two so the shape is a
 * unit test: `collect()` does the I/O, `buildReport()` is pure.
 */
import { appliedAt, currentVersion, rowState, versionCells, type Runners } from '../plan/cells.js';
import { changedApplied, describeBlocker } from '../plan/plan.js';
import { basename } from 'node:path';
import type { Config } from '../config/model.js';
import { selectDatabases } from '../config/targets.js';
import type { HistoryRow, TargetRef } from '../engine.js';
import type { MigrationFile } from '../migrations/model.js';
import { compareKeys, compareVersions, parseVersion } from '../migrations/version.js';
import type { Analysis } from '../plan/analysis.js';
import { loadDatabase } from '../run/project.js';
import { readAllHistories, type EnvironmentHistories } from '../review/histories.js';
import { BB_VERSION } from '../version.js';
import { SEVERITY, type LintSummary, type ReportCell, type ReportColumn, type ReportData, type ReportDatabase, type ReportFailure, type ReportRow, type ReportState, type StateCounts, type TimelineEntry } from './model.js';

/** Per environment, the newest timeline entries kept (the rest are counted). */
export const TIMELINE_LIMIT = 100;

export interface DatabaseInput {
  readonly name: string;
  readonly engine: string;
  readonly files: readonly MigrationFile[];
  readonly analysis?: Analysis;
  readonly histories: readonly EnvironmentHistories[];
}

export async function collect(config: Config, options: { db?: string; env?: string; lint: boolean; drift: boolean; signal?: AbortSignal }): Promise<ReportData> {
  const environments = options.env ? config.environments.filter((e) => e.name === options.env) : config.environments;
  if (environments.length === 0) {
    const { findEnvironment } = await import('../config/targets.js');
    findEnvironment(config, options.env);
  }
  const inputs: DatabaseInput[] = [];
  const loaded = [];
  for (const dbConfig of selectDatabases(config, options.db)) {
    // Lenient, as bb lint and bb review: a bad `-- bb:` directive is a `directive` finding of its file.
    const db = await loadDatabase(config, dbConfig, undefined, { lenientDirectives: true });
    loaded.push(db);
    const histories = await readAllHistories(config, db, { environments, drift: options.drift, ...(options.signal ? { signal: options.signal } : {}) });
    inputs.push({ name: dbConfig.name, engine: dbConfig.engine, files: db.dir.files, analysis: db.analysis, histories });
  }
  const data = buildReport({ config: basename(config.file), environments: environments.map((e) => ({ name: e.name, protected: e.protected })), databases: inputs });
  if (!options.lint) return { ...data, lint: { status: 'skipped', reason: 'lint was turned off (--no-lint)' } };
  // Lint what is still to come: files pending on at least one target, with the base rule levels.
  let lint: LintSummary;
  try {
    const { createLinter } = await import('../review/lint.js');
    const linter = await createLinter(config);
    const files: Extract<LintSummary, { status: 'checked' }>['files'][number][] = [];
    for (const db of loaded) {
      const dbData = data.databases.find((d) => d.name === db.config.name)!;
      const pending = new Set(dbData.rows.filter((r) => r.cells.some((c) => c.state === 'pending' || c.state === 'retry' || (c.counts?.pending ?? 0) > 0 || (c.counts?.retry ?? 0) > 0)).map((r) => r.version));
      const wanted = db.dir.files.filter((f) => pending.has(f.key));
      if (wanted.length === 0) continue;
      for (const r of await linter.lint(db, wanted, undefined)) {
        files.push({
          database: db.config.name, path: r.path, version: r.version,
          findings: r.findings.map((f) => ({ ruleId: f.ruleId, level: f.level, line: f.span.line, column: f.span.column, message: f.message })),
        });
      }
    }
    const count = (level: string): number => files.reduce((n, f) => n + f.findings.filter((x) => x.level === level).length, 0);
    lint = { status: 'checked', errors: count('error'), warnings: count('warning'), files };
  } catch (error) {
    lint = { status: 'skipped', reason: `lint could not run: ${(error as Error).message}` };
  }
  return { ...data, lint };
}

/** Pure: folders + histories → report data (lint skipped; collect() fills it in). */
export function buildReport(input: { config: string; environments: readonly { name: string; protected: boolean }[]; databases: readonly DatabaseInput[]; generatedAt?: string }): ReportData {
  const databases: ReportDatabase[] = [];
  const timeline = new Map<string, TimelineEntry[]>(input.environments.map((e) => [e.name, []]));
  const failures: ReportFailure[] = [];
  const notes: string[] = [];
  for (const db of input.databases) {
    const files = new Map(db.files.map((f) => [f.key, f]));
    const keys = new Set(files.keys());
    for (const env of db.histories) for (const t of env.targets) for (const r of t.rows ?? []) if (r.kind !== 'baseline') keys.add(r.version);
    const versions = [...keys].sort(compareKeys);
    const columns: ReportColumn[] = [];
    const cellsByColumn: ReportCell[][] = [];
    for (const env of db.histories) {
      const id = `${env.environment.name}/${db.name}`;
      const perMember = env.targets.map((t) => ({ target: t, states: withDrift(versions, versionCells(versions, files, t.rows, { target: t.target, ...(db.analysis ? { analysis: db.analysis } : {}), ...(t.runners ? { runners: t.runners } : {}), ...(t.lockError ? { lockError: t.lockError } : {}) }), t) }));
      const cells: ReportCell[] = versions.map((_, i) => {
        if (env.kind !== 'group') return perMember[0]?.states[i] ?? { state: 'unknown' };
        const counts: StateCounts = {};
        for (const m of perMember) counts[m.states[i]!.state] = (counts[m.states[i]!.state] ?? 0) + 1;
        const present = SEVERITY.filter((s) => counts[s]);
        const majority = [...present].sort((a, b) => counts[b]! - counts[a]!)[0]!;
        const outliers = present.length > 1
          ? perMember.filter((m) => m.states[i]!.state !== majority).map((m) => ({ member: m.target.target.member ?? m.target.target.id, state: m.states[i]!.state, ...(m.states[i]!.detail ? { detail: m.states[i]!.detail! } : {}) }))
          : [];
        return { state: present[0] ?? 'unknown', counts, ...(outliers.length ? { outliers } : {}) };
      });
      const counts: StateCounts = {};
      for (const c of cells) for (const [s, n] of Object.entries(c.counts ?? { [c.state]: 1 })) counts[s as ReportState] = (counts[s as ReportState] ?? 0) + n;
      const currents = perMember.map((m) => currentVersion(versions, m.states));
      const current = currents.includes(undefined) ? undefined : currents.sort((a, b) => compareKeys(a!, b!))[0];
      const single = env.kind !== 'group' ? env.targets[0] : undefined;
      columns.push({
        id, environment: env.environment.name, database: db.name, protected: env.environment.protected,
        ...(single && single.target.url !== '(unresolved)' ? { url: single.target.url } : {}),
        ...(env.kind === 'group' ? { members: env.targets.map((t) => t.target.member ?? t.target.id) } : {}),
        ...(current ? { current } : {}),
        counts,
        errors: env.targets.filter((t) => t.error).map((t) => ({ target: t.target.id, message: t.error!.message, ...(t.error!.hint ? { hint: t.error!.hint } : {}) })),
      });
      cellsByColumn.push(cells);

      // Timeline: one entry per history row; a group's members collapse per version and status.
      const entries = timeline.get(env.environment.name) ?? [];
      timeline.set(env.environment.name, entries);
      if (env.kind === 'group') {
        const agg = new Map<string, { e: TimelineEntry; by: Set<string> }>();
        for (const t of env.targets) {
          for (const r of t.rows ?? []) {
            const key = `${r.version}\u0000${rowState(r, t.runners)}`;
            const a = agg.get(key);
            if (!a) {
              agg.set(key, { e: entryOf(db.name, id, r, t.runners, 1), by: new Set([r.by]) });
              continue;
            }
            a.by.add(r.by);
            a.e = {
              ...a.e,
              startedAt: r.startedAt < a.e.startedAt ? r.startedAt : a.e.startedAt,
              ...(r.finishedAt && (!a.e.finishedAt || r.finishedAt > a.e.finishedAt) ? { finishedAt: r.finishedAt } : {}),
              ...(r.durationMs !== undefined ? { durationMs: Math.max(a.e.durationMs ?? 0, r.durationMs) } : {}),
              members: (a.e.members ?? 0) + 1,
            };
          }
        }
        for (const { e, by } of agg.values()) entries.push({ ...e, by: [...by].slice(0, 3).join(', ') + (by.size > 3 ? ` and ${by.size - 3} more` : '') });
      } else {
        for (const t of env.targets) for (const r of t.rows ?? []) entries.push(entryOf(db.name, t.target.id, r, t.runners));
      }

      // Open failures: failed or interrupted rows, edited files, missing files; members failing alike share one entry.
      const byProblem = new Map<string, ReportFailure>();
      for (const t of env.targets) {
        if (t.drift?.status === 'drift') {
          const changes = t.drift.changes;
          const f: ReportFailure = {
            environment: env.environment.name, database: db.name, targets: [t.target.id], version: t.drift.snapshotVersion ?? '', path: files.get(t.drift.snapshotVersion ?? '')?.path ?? '', state: 'drift',
            error: `The schema differs from the snapshot taken after ${t.drift.snapshotVersion ?? 'the last migration'}: ${changes.slice(0, 5).map((c) => `${c.kind} ${c.name} ${c.change}`).join(', ')}${changes.length > 5 ? ` and ${changes.length - 5} more` : ''}.`,
            command: `bb drift --env ${env.environment.name} --db ${db.name}`,
            hint: 'Someone changed the schema outside bb. Put the change in a migration (and record it), or undo it by hand; bb drift lists every difference.',
          };
          const key = `drift\u0000${f.error}`;
          const seen = byProblem.get(key);
          byProblem.set(key, seen ? { ...seen, targets: [...seen.targets, t.target.id] } : f);
        }
        for (const r of t.rows ?? []) {
          const file = files.get(r.version);
          const f = failureOf(env.environment.name, db.name, t.target, r, file, db.analysis, t.runners, t.lockError);
          if (!f) continue;
          const key = `${f.version}\u0000${f.state}\u0000${f.error ?? ''}\u0000${f.statement?.number ?? ''}`;
          const seen = byProblem.get(key);
          if (seen) byProblem.set(key, { ...seen, targets: [...seen.targets, t.target.id] });
          else byProblem.set(key, f);
        }
      }
      for (const f of byProblem.values()) {
        // The command addresses the environment and database, so it fits a whole group.
        failures.push(f);
      }
    }
    const rows: ReportRow[] = versions.map((version, i) => ({ version, path: files.get(version)?.path ?? '', cells: cellsByColumn.map((c) => c[i]!) }));
    databases.push({ name: db.name, engine: db.engine, columns, rows });
  }
  for (const db of databases) for (const col of db.columns) for (const e of col.errors) notes.push(`${e.target}: history not readable (${e.message})`);
  return {
    title: `bb report`,
    generatedAt: input.generatedAt ?? new Date().toISOString(),
    bbVersion: BB_VERSION,
    config: input.config,
    environments: input.environments,
    databases,
    timeline: input.environments.map((e) => {
      // Newest first by the time shown (appliedAt, as bb history): a long migration that finished last is on top.
      const all = (timeline.get(e.name) ?? []).sort((a, b) => (appliedAt(a) < appliedAt(b) ? 1 : appliedAt(a) > appliedAt(b) ? -1 : 0));
      return { environment: e.name, entries: all.slice(0, TIMELINE_LIMIT), more: Math.max(0, all.length - TIMELINE_LIMIT) };
    }),
    failures,
    lint: { status: 'skipped', reason: 'not computed' },
    notes,
  };
}


/** A drifted target: the cell of the version its snapshot was taken after (else its current one) shows drift. */
function withDrift(versions: readonly string[], states: ReportCell[], t: EnvironmentHistories['targets'][number]): ReportCell[] {
  if (t.drift?.status !== 'drift') return states;
  let at = t.drift.snapshotVersion !== undefined ? versions.indexOf(t.drift.snapshotVersion) : -1;
  if (at < 0) {
    const current = currentVersion(versions, states);
    at = current !== undefined ? versions.indexOf(current) : -1;
  }
  if (at < 0) return states;
  const changes = t.drift.changes;
  const detail = `schema drift: ${changes.slice(0, 5).map((c) => `${c.kind} ${c.name} ${c.change}`).join(', ')}${changes.length > 5 ? ` and ${changes.length - 5} more` : ''}`;
  return states.map((c, i) => (i === at ? { state: 'drift', detail } : c));
}


function entryOf(database: string, target: string, r: HistoryRow, runners: Runners | undefined, members?: number): TimelineEntry {
  return {
    database, target, version: r.version, name: r.name, status: r.status, state: rowState(r, runners), startedAt: r.startedAt,
    ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}),
    ...(r.durationMs !== undefined ? { durationMs: r.durationMs } : {}),
    by: r.by,
    ...(members !== undefined ? { members } : {}),
  };
}

function failureOf(environment: string, database: string, ref: TargetRef, r: HistoryRow, file: MigrationFile | undefined, analysis: Analysis | undefined, runners: Runners | undefined, lockError?: { readonly message: string; readonly hint?: string }): ReportFailure | undefined {
  const target = ref.id;
  const path = file?.path ?? r.path;
  const scope = `--env ${environment} --db ${database}`;
  const state = rowState(r, runners);
  // Not open problems, as in bb status: a run at work (a runner holds the lock), and a version that
  // bb repair --retry handed to the next migrate (the cell says where it resumes).
  const info = state === 'retry' ? analysis?.get(r.version) : undefined;
  const changed = info ? changedApplied(r, info) : -1;
  if ((state === 'running' && runners?.get(r.version)) || (state === 'retry' && file && changed === -1)) return undefined;
  if (state === 'retry' && file) {
    // marked for retry, but a statement that already ran was edited since: migrate refuses to resume
    const { message, hint } = describeBlocker({ kind: 'resume-mismatch', version: r.version, path, statement: changed }, ref);
    return { environment, database, targets: [target], version: r.version, path, state: 'failed', error: message, statement: statementOf(r, changed, analysis), command: `git log -p -- ${path}`, hint };
  }
  if (state === 'interrupted') {
    const partial = r.applied > 0;
    return {
      environment, database, targets: [target], version: r.version, path, state,
      error: `interrupted: recorded as running since ${r.startedAt} (${r.applied} of ${r.total} statements applied), but no runner holds the migration lock`,
      statement: statementOf(r, r.applied, analysis),
      command: `bb repair ${scope} --version ${r.version}${partial ? ' --retry' : ''} && bb migrate --env ${environment}`,
      hint: describeBlocker({ kind: 'stale-pending', version: r.version, path, row: r }, ref).hint,
    };
  }
  if (state === 'running' && lockError) {
    // Whether it still runs is unknown: say why, and resolve nothing before that is known.
    const partial = r.applied > 0;
    return {
      environment, database, targets: [target], version: r.version, path, state,
      // Without the target's id in front, so a group's members that fail alike share one entry.
      error: lockError.message.startsWith(`${target}: `) ? lockError.message.slice(target.length + 2) : lockError.message,
      statement: statementOf(r, r.applied, analysis),
      command: `bb status --env ${environment} --db ${database}`,
      hint: `${lockError.hint ?? ''}${lockError.hint ? ' ' : ''}Once no runner is at work: bb repair ${scope} --version ${r.version}${partial ? ' --retry' : ''}.`,
    };
  }
  if (r.status === 'failed' || r.status === 'pending') {
    const statement = statementOf(r, r.failedStatement ?? r.applied, analysis);
    const partial = r.applied > 0;
    return {
      environment, database, targets: [target], version: r.version, path, state: r.status === 'failed' ? 'failed' : 'running',
      ...(r.error ? { error: r.error } : {}),
      statement,
      command: r.retry
        ? `bb migrate --env ${environment}`
        : partial
          ? `bb repair ${scope} --version ${r.version} --retry && bb migrate --env ${environment}`
          : `bb repair ${scope} --version ${r.version} && bb migrate --env ${environment}`,
      hint: r.retry
        ? 'bb repair --retry was run: the next migrate resumes at the failed statement.'
        : partial
          ? `${r.applied} of ${r.total} statements were applied. Fix the cause, then resume at statement ${r.applied + 1} (or finish it by hand and use --mark-done instead of --retry).`
          : r.status === 'pending'
            ? 'The run stopped before finishing (check that no runner is still at work). Clear the record and run it again.'
            : 'Nothing was applied (the transaction rolled back). Fix the file, clear the record and run it again.',
    };
  }
  if (r.status !== 'done' || r.kind === 'baseline') return undefined;
  if (!file && r.kind === 'versioned') {
    return { environment, database, targets: [target], version: r.version, path, state: 'missing-file', command: `git log --all -- ${r.path}`, hint: 'Restore the file from git; a migration that was applied must stay in the folder.' };
  }
  if (file && r.kind === 'versioned' && file.checksum !== r.checksum) {
    return {
      environment, database, targets: [target], version: r.version, path, state: 'mismatch',
      error: `${path} changed after it was applied (recorded ${r.checksum.slice(0, 19)}…, now ${file.checksum.slice(0, 19)}…)`,
      command: `bb repair ${scope} --accept-checksums`,
      hint: 'Best: restore the file as it was applied and put the change in a new migration. Only if the edit is harmless (comments, whitespace) record the new checksum with this command.',
    };
  }
  return undefined;
}

/** The statement a failed or interrupted row stopped at (0-based index), with its line and text when the folder has it. */
function statementOf(r: HistoryRow, index: number, analysis: Analysis | undefined): NonNullable<ReportFailure['statement']> {
  const stmt = analysis?.get(r.version)?.statements[index];
  return { number: index + 1, total: r.total, ...(stmt ? { line: stmt.span.line, text: stmt.text.length > 4000 ? `${stmt.text.slice(0, 4000)}…` : stmt.text } : {}) };
}
