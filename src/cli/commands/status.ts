import { currentVersion, rowState, versionCells, type CellState } from '../../plan/cells.js';
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { selectDatabases, withoutGroup } from '../../config/targets.js';
import { loadDatabase, readHistories, discoverTargets, type TargetHistory } from '../../run/project.js';
import { openConfig } from '../../config/load.js';
import type { HistoryRow, TargetRef } from '../../engine.js';
import { BbError, targetsExitCode } from '../../errors.js';
import { compareKeys, compareVersions, parseVersion } from '../../migrations/version.js';

/**
 * A cell of the matrix (src/plan/cells.ts, shared with bb report): a pending row is `running` while a
 * runner holds the target's migration lock and `interrupted` when nobody does (it needs bb repair); a
 * failed row is `retry` once bb repair --retry was run (the next migrate resumes it).
 */
export type { CellState } from '../../plan/cells.js';

export interface StatusColumn {
  readonly environment: string;
  readonly database: string;
  readonly target: TargetRef;
  readonly current?: string;
  readonly counts: Readonly<Record<CellState, number>>;
  readonly error?: { readonly kind: string; readonly message: string; readonly hint?: string };
  /** Set on the members of a group target: the group's id ("prod/app"). */
  readonly group?: string;
  /** For group members: the version of a failed, interrupted or to-be-resumed row, if any. */
  readonly failedAt?: string;
}

/** A group target in one line: how many members stand where. */
export interface GroupStatus {
  /** "prod/app" */
  readonly id: string;
  readonly environment: string;
  readonly database: string;
  readonly members: number;
  /**
   * Members per position, most common first: { at: "0042", state: "done", count: 120 }. A member whose
   * history could not be read is `config-error` when its target has a config error (a URL of another
   * engine's scheme, one the engine cannot read: its column's error says which), else `unreachable`.
   */
  readonly positions: readonly { readonly at?: string; readonly state: 'done' | 'failed' | 'interrupted' | 'retry' | 'running' | 'config-error' | 'unreachable'; readonly count: number }[];
  /** "120 at 0042, 3 at 0041, 1 failed at 0042, 1 config error" */
  readonly summary: string;
  /** Members stand at more than one version (or some failed or could not be read). */
  readonly skew: boolean;
}

export interface StatusRow {
  readonly database: string;
  readonly version: string;
  readonly path: string;
  /** One per column of the same database, in column order. */
  readonly cells: readonly { readonly column: string; readonly state: CellState; readonly detail?: string; readonly hint?: string }[];
}

export interface StatusReport {
  readonly environments: readonly string[];
  readonly columns: readonly StatusColumn[];
  readonly rows: readonly StatusRow[];
  /** One per group target; its members are columns too (with `group` set). */
  readonly groups: readonly GroupStatus[];
  /** --expand: the pretty output lists each member of a group. */
  readonly expand: boolean;
}

export interface StatusOptions extends GlobalOptions { readonly db?: string; readonly expand?: boolean }

/** One matrix: every version × every environment and target, read from the history tables. */
export default async function status(options: StatusOptions, context: CommandContext): Promise<CommandOutput> {
  const config = await openConfig(options, context.cwd);
  const envs = options.env ? config.environments.filter((e) => e.name === options.env) : config.environments;
  if (envs.length === 0) {
    const { findEnvironment } = await import('../../config/targets.js');
    findEnvironment(config, options.env); // throws the "unknown environment" error with suggestions
  }
  const columns: StatusColumn[] = [];
  const rows: StatusRow[] = [];
  for (const dbConfig of selectDatabases(config, options.db)) {
    const db = await loadDatabase(config, dbConfig);
    const histories: (TargetHistory & { group?: string })[] = [];
    for (const env of envs) {
      let dts;
      try {
        dts = await discoverTargets(config, env, [dbConfig], { signal: context.signal });
      } catch (error) {
        if (!(error instanceof BbError)) throw error;
        const ref: TargetRef = { environment: env.name, database: dbConfig.name, id: `${env.name}/${dbConfig.name}`, url: '(unresolved)' };
        histories.push({ target: ref, error });
        continue;
      }
      for (const dt of dts) {
        const concurrency = dt.config.kind === 'group' ? Math.max(4, dt.config.concurrency) : 1;
        const read = await readHistories(db.engine, dt.members, { signal: context.signal, concurrency, runners: true });
        const group = dt.config.kind === 'group' ? `${env.name}/${dbConfig.name}` : undefined;
        histories.push(...read.map((h) => (group ? { ...h, group } : h)));
      }
    }
    const files = new Map(db.dir.files.map((f) => [f.key, f]));
    const keys = new Set<string>(files.keys());
    for (const h of histories) for (const r of h.rows ?? []) if (r.kind !== 'baseline') keys.add(r.version);
    const ordered = [...keys].sort(compareKeys);
    const dbRows: StatusRow[] = ordered.map((key) => ({ database: dbConfig.name, version: key, path: files.get(key)?.path ?? '', cells: [] }));
    for (const h of histories) {
      const counts: Record<CellState, number> = { done: 0, pending: 0, failed: 0, retry: 0, running: 0, interrupted: 0, mismatch: 0, 'missing-file': 0, baseline: 0, unknown: 0 };
      const versions = dbRows.map((r) => r.version);
      const cells = versionCells(versions, files, h.error ? undefined : h.rows ?? [], { target: h.target, analysis: db.analysis, ...(h.runners ? { runners: h.runners } : {}), ...(h.lockError ? { lockError: h.lockError } : {}) });
      const current = currentVersion(versions, cells);
      cells.forEach((cell, i) => {
        counts[cell.state]++;
        (dbRows[i]!.cells as StatusCell[]).push({ column: h.target.id, ...cell });
      });
      const failedAt = (h.rows ?? []).find((r) => !['done', 'running'].includes(rowState(r, h.runners)))?.version;
      columns.push({
        environment: h.target.environment,
        database: dbConfig.name,
        target: h.target,
        ...(current ? { current } : {}),
        ...(h.group ? { group: h.group } : {}),
        ...(h.group && failedAt ? { failedAt } : {}),
        counts,
        // A group's discovery error is in the group's column, which names it: quoted without "discovery for <group>: ".
        ...(h.error ? { error: { kind: h.error.kind, message: withoutGroup(h.error.message, h.target.id), ...(h.error.hint ? { hint: h.error.hint } : {}) } } : {}),
      });
    }
    rows.push(...dbRows);
  }
  const report: StatusReport = { environments: envs.map((e) => e.name), columns, rows, groups: groupStatus(columns), expand: options.expand === true };
  const exit = targetsExitCode(columns.map((c) => c.error?.kind), columns.some((c) => c.counts.failed > 0 || c.counts.interrupted > 0 || c.counts.mismatch > 0 || c.counts['missing-file'] > 0));
  return { kind: 'status', data: report, exitCode: exit };
}

type StatusCell = { column: string; state: CellState; detail?: string; hint?: string };

/** Collapses the member columns of each group into counts per position. */
export function groupStatus(columns: readonly StatusColumn[]): GroupStatus[] {
  const byGroup = new Map<string, StatusColumn[]>();
  for (const c of columns) if (c.group) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
  const out: GroupStatus[] = [];
  for (const [id, members] of byGroup) {
    const counts = new Map<string, { at?: string; state: GroupStatus['positions'][number]['state']; count: number }>();
    for (const m of members) {
      const state = m.error ? (m.error.kind === 'config' ? 'config-error' : 'unreachable') : m.counts.failed > 0 ? 'failed' : m.counts.interrupted > 0 ? 'interrupted' : m.counts.retry > 0 ? 'retry' : m.counts.running > 0 ? 'running' : 'done';
      const at = state === 'failed' || state === 'interrupted' || state === 'retry' ? m.failedAt : m.error ? undefined : m.current;
      const key = `${state}\u0000${at ?? ''}`;
      const entry = counts.get(key) ?? { ...(at !== undefined ? { at } : {}), state, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
    const rank = { done: 0, running: 1, retry: 2, interrupted: 3, failed: 4, 'config-error': 5, unreachable: 6 } as const;
    const positions = [...counts.values()].sort((a, b) => rank[a.state] - rank[b.state] || b.count - a.count || compareKeys(b.at ?? '', a.at ?? ''));
    const summary = positions.map((p) => {
      if (p.state === 'unreachable') return `${p.count} unreachable`;
      if (p.state === 'config-error') return `${p.count} config error${p.count === 1 ? '' : 's'}`;
      const where = p.at ?? '(none)';
      return p.state === 'done' ? `${p.count} at ${where}` : `${p.count} ${p.state} at ${where}`;
    }).join(', ');
    out.push({ id, environment: members[0]!.environment, database: members[0]!.database, members: members.length, positions, summary, skew: positions.length > 1 });
  }
  return out;
}
