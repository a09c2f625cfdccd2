/**
 * Where each version stands on one target, from its history rows, the folder and who holds the
 * target's migration lock: the cells of `bb status` and `bb report`, and the state `bb history` and the
 * report's timeline give each row. One classification, so they never disagree. Pure.
 */
import type { HistoryRow, TargetRef } from '../engine.js';
import { withoutTarget } from '../errors.js';
import type { MigrationFile } from '../migrations/model.js';
import { compareVersions, parseVersion } from '../migrations/version.js';
import type { Analysis } from './analysis.js';
import { changedApplied, describeBlocker } from './plan.js';

/**
 * - `failed`: a statement failed (or the run was stopped cleanly outside a transaction); bb repair resolves it.
 * - `retry`: failed, and `bb repair --retry` was run: the next migrate resumes it at the failed statement.
 * - `running`: pending in the history while a runner holds the target's migration lock (or the lock
 *   could not be asked): work in progress.
 * - `interrupted`: pending in the history and nobody holds the lock: the run was killed or lost its
 *   connection, and the version needs bb repair.
 */
export type CellState = 'done' | 'pending' | 'failed' | 'retry' | 'running' | 'interrupted' | 'mismatch' | 'missing-file' | 'baseline' | 'unknown';

/** A history row's state as status, history and report show it: its status, told apart as above. */
export type RowState = 'done' | 'failed' | 'retry' | 'running' | 'interrupted';

export interface VersionCell {
  readonly state: CellState;
  /** What a person needs next to the state: the error, the progress, the checksums, who applied it. */
  readonly detail?: string;
  /** The command that resolves a failed, interrupted or changed-after-apply version (what migrate would say), or resumes one marked for retry. */
  readonly hint?: string;
}

/**
 * Who runs each pending row, as read by readHistories / readAllHistories with the lock asked: the
 * holder of the target's migration lock, or null when nobody holds it. A pending row missing from
 * the map (or no map) is `running`: bb could not tell, and does not call a run dead on a guess.
 */
export type Runners = ReadonlyMap<string, string | null>;

/**
 * What the cells are for: the target (its environment goes into the hints), its lock holders, and the
 * folder's statements, so that a version marked for retry whose applied statements have changed since
 * is `failed` (migrate refuses to resume it), not `retry`.
 */
export interface CellContext {
  readonly target: TargetRef;
  readonly runners?: Runners;
  /** Why the lock's holder could not be asked (src/run/project.ts pendingRunners): said on the pending rows it leaves `running`. */
  readonly lockError?: { readonly message: string; readonly hint?: string | undefined };
  readonly analysis?: Analysis;
}

/**
 * When a history row happened, as bb status, bb history and bb report show it: when it finished (was
 * applied, or failed), else, for a row still pending, when it started.
 */
export function appliedAt(row: { readonly startedAt: string; readonly finishedAt?: string | undefined }): string {
  return row.finishedAt ?? row.startedAt;
}

/** A history row's state: a pending row split by the lock (see Runners), a failed one by its retry mark. */
export function rowState(row: HistoryRow, runners?: Runners): RowState {
  if (row.status === 'done') return 'done';
  if (row.status === 'failed') return row.retry ? 'retry' : 'failed';
  return runners?.get(row.version) === null ? 'interrupted' : 'running';
}

/**
 * One cell per version key; every cell 'unknown' when the history could not be read (rows undefined).
 * With `context`, pending rows are told apart by the lock, and failed ones and files changed after they
 * were applied carry their bb repair hint (bb migrate's, from describeBlocker).
 */
export function versionCells(versions: readonly string[], files: ReadonlyMap<string, MigrationFile>, rows: readonly HistoryRow[] | undefined, context?: CellContext): VersionCell[] {
  if (!rows) return versions.map(() => ({ state: 'unknown' }));
  const byKey = new Map(rows.map((r) => [r.version, r]));
  const baseline = rows.filter((r) => r.kind === 'baseline' && r.status === 'done').map((r) => parseVersion(r.version)).sort(compareVersions).pop();
  return versions.map((version): VersionCell => {
    const file = files.get(version);
    const r = byKey.get(version);
    if (!r || r.kind === 'baseline') return { state: baseline && file?.version && compareVersions(file.version, baseline) <= 0 ? 'baseline' : 'pending' };
    if (r.status === 'failed' || r.status === 'pending') return unfinishedCell(r, file, context);
    if (!file) return { state: 'missing-file', detail: `${r.path} is recorded but no longer in the folder` };
    if (r.kind === 'versioned' && r.checksum !== file.checksum) {
      const hint = context ? describeBlocker({ kind: 'checksum-mismatch', version, path: file.path, recorded: r.checksum, actual: file.checksum }, context.target).hint : undefined;
      return { state: 'mismatch', detail: `${file.path} changed after it was applied (recorded ${r.checksum.slice(0, 19)}…, now ${file.checksum.slice(0, 19)}…)`, ...(hint ? { hint } : {}) };
    }
    if (r.kind === 'repeatable' && r.checksum !== file.checksum) return { state: 'pending', detail: 'changed since it was last applied' };
    return { state: 'done', detail: `${appliedAt(r)} by ${r.by}` };
  });
}

/** The highest version applied (done, changed since, or covered by a baseline), repeatables aside. */
export function currentVersion(versions: readonly string[], cells: readonly { readonly state: string }[]): string | undefined {
  let current: string | undefined;
  cells.forEach((c, i) => {
    if ((c.state === 'done' || c.state === 'mismatch' || c.state === 'baseline') && !versions[i]!.startsWith('R__')) current = versions[i];
  });
  return current;
}

/** A failed or pending row's cell: the state, what happened, and the way out as migrate would give it. */
function unfinishedCell(r: HistoryRow, file: MigrationFile | undefined, context: CellContext | undefined): VersionCell {
  const path = file?.path ?? r.path;
  const state = rowState(r, context?.runners);
  const info = state === 'retry' ? context?.analysis?.get(r.version) : undefined;
  const changed = info ? changedApplied(r, info) : -1;
  if (state === 'retry' && file && changed !== -1) {
    const { message, hint } = describeBlocker({ kind: 'resume-mismatch', version: r.version, path, statement: changed }, context!.target);
    return { state: 'failed', detail: `bb repair --retry was run, but ${message}`, hint };
  }
  if (state === 'retry' && file) {
    const env = context ? ` --env ${context.target.environment}` : '';
    // A pending row handed to --retry (an interrupted run) has no error and no failed statement.
    const what = r.error ? `failed${r.failedStatement !== undefined ? ` at statement ${r.failedStatement + 1} of ${r.total}` : ''}: ${r.error}` : `stopped after ${r.applied} of ${r.total} statements`;
    return {
      state: 'retry',
      detail: `${what}; bb repair --retry was run: the next bb migrate${env} resumes it at statement ${r.applied + 1} of ${r.total}`,
      ...(context ? { hint: `Run bb migrate${env} to resume it; bb repair${env} --version ${r.version} --mark-done or --forget instead if you finish or undo it by hand.` } : {}),
    };
  }
  if (state === 'failed' || state === 'retry') {
    // retry without the file: migrate refuses it as failed (it has nothing to resume from)
    const hint = context ? describeBlocker({ kind: 'failed', version: r.version, path, row: r }, context.target).hint : undefined;
    return { state: 'failed', ...(r.error ? { detail: r.error } : {}), ...(hint ? { hint } : {}) };
  }
  const runner = context?.runners?.get(r.version);
  if (state === 'interrupted' && context) {
    const { message, hint } = describeBlocker({ kind: 'stale-pending', version: r.version, path, row: r }, context.target);
    return { state: 'interrupted', detail: message, hint };
  }
  const progress = `${r.applied}/${r.total} statements, since ${r.startedAt}`;
  if (!runner && context?.lockError) {
    // Not interrupted on a guess: the run may still be at work.
    const { message, hint } = context.lockError;
    return { state: 'running', detail: `${progress}, by ${r.by}; ${withoutTarget(message, context.target)}`, ...(hint ? { hint } : {}) };
  }
  return { state: 'running', detail: runner ? `${progress}, by ${r.by}: running now (the migration lock is held by ${runner})` : progress };
}
