/**
 * The report as plain data: where every version stands on every environment and target, what ran when
 * and by whom, what is broken and how to fix it, and what lint says about what is still to come.
 * src/report/collect.ts builds it from the histories; html.ts and markdown.ts render it.
 */

import type { CellState, RowState } from '../plan/cells.js';

/**
 * A cell's state: bb status's (src/plan/cells.ts, the same classification), plus `drift`, which marks
 * the version a target's schema snapshot was taken after, when the live schema differs from it.
 */
export type ReportState = CellState | 'drift';

export const STATES: readonly ReportState[] = ['done', 'pending', 'retry', 'failed', 'interrupted', 'running', 'mismatch', 'drift', 'missing-file', 'baseline', 'unknown'];

/** Worst first: the state a group cell shows when its members differ. */
export const SEVERITY: readonly ReportState[] = ['failed', 'interrupted', 'mismatch', 'running', 'drift', 'missing-file', 'unknown', 'retry', 'pending', 'baseline', 'done'];

export const STATE_LABEL: Readonly<Record<ReportState, { symbol: string; label: string; meaning: string }>> = {
  done: { symbol: '✓', label: 'done', meaning: 'applied, file unchanged since' },
  pending: { symbol: '·', label: 'pending', meaning: 'not applied yet (or a repeatable file changed since)' },
  failed: { symbol: '✗', label: 'failed', meaning: 'a statement failed; bb repair resolves it' },
  retry: { symbol: '↻', label: 'retry', meaning: 'failed, and bb repair --retry was run: the next bb migrate resumes it at the failed statement' },
  running: { symbol: '…', label: 'running', meaning: 'started and not finished, and a runner holds the migration lock: at work now' },
  interrupted: { symbol: '✗', label: 'interrupted', meaning: 'started and not finished, and no runner holds the migration lock: the run was killed; bb repair resolves it' },
  mismatch: { symbol: '≠', label: 'changed', meaning: 'checksum mismatch: the file was edited after it was applied' },
  drift: { symbol: '~', label: 'drift', meaning: 'the schema differs from what the migrations made' },
  'missing-file': { symbol: '?', label: 'no file', meaning: 'recorded in the history, but the file is gone' },
  baseline: { symbol: '⌂', label: 'baseline', meaning: 'at or below the recorded baseline' },
  unknown: { symbol: '!', label: 'unknown', meaning: 'the history could not be read' },
};

export type StateCounts = Partial<Record<ReportState, number>>;

export interface ReportColumn {
  /** "staging/app" (a group's id carries no member). */
  readonly id: string;
  readonly environment: string;
  readonly database: string;
  readonly protected: boolean;
  /** Redacted URL of a single target. */
  readonly url?: string;
  /** Member names of a group target (tenant fleet), in config order. */
  readonly members?: readonly string[];
  /** Highest done version (single target) or the lowest of the members' (group). */
  readonly current?: string;
  readonly counts: StateCounts;
  /** Why the history (of some members) could not be read. */
  readonly errors: readonly { readonly target: string; readonly message: string; readonly hint?: string }[];
}

export interface ReportCell {
  readonly state: ReportState;
  readonly detail?: string;
  /** Group cells: members per state. */
  readonly counts?: StateCounts;
  /** Group cells: the members whose state differs from the most common one. */
  readonly outliers?: readonly { readonly member: string; readonly state: ReportState; readonly detail?: string }[];
}

export interface ReportRow {
  readonly version: string;
  readonly path: string;
  /** One per column of the database, in column order. */
  readonly cells: readonly ReportCell[];
}

export interface ReportDatabase {
  readonly name: string;
  readonly engine: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
}

export interface TimelineEntry {
  readonly database: string;
  /** Target id, or the group's id with `members` set. */
  readonly target: string;
  readonly version: string;
  readonly name: string;
  /** The row's status in the history table. */
  readonly status: 'done' | 'failed' | 'pending';
  /** What it means now, as bb status and bb history say: a pending row running or interrupted, a failed one marked for retry. */
  readonly state: RowState;
  /** A group's entry: its members' first start and last finish. The timeline shows (and sorts by) the finish, else the start, as bb history (plan/cells.ts appliedAt). */
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly by: string;
  /** Group entries: how many members this entry stands for. */
  readonly members?: number;
}

export interface ReportFailure {
  readonly environment: string;
  readonly database: string;
  /** Target ids (several members of a group failing the same way share one entry). */
  readonly targets: readonly string[];
  readonly version: string;
  readonly path: string;
  /** `running`: a pending row whose lock holder could not be asked (a known holder is work in progress, not a failure). */
  readonly state: 'failed' | 'interrupted' | 'running' | 'mismatch' | 'missing-file' | 'drift';
  readonly error?: string;
  /** The failing statement (1-based number, line in the file, its text), when the history names it. */
  readonly statement?: { readonly number: number; readonly total: number; readonly line?: number; readonly text?: string };
  /** The shell command that resolves it, after the cause is fixed. */
  readonly command: string;
  readonly hint: string;
}

export type LintSummary =
  | {
      readonly status: 'checked';
      readonly errors: number;
      readonly warnings: number;
      readonly files: readonly {
        readonly database: string; readonly path: string; readonly version: string;
        readonly findings: readonly { readonly ruleId: string; readonly level: 'error' | 'warning'; readonly line: number; readonly column: number; readonly message: string }[];
      }[];
    }
  | { readonly status: 'skipped'; readonly reason: string };

export interface ReportData {
  readonly title: string;
  readonly generatedAt: string;
  readonly bbVersion: string;
  /** Config file name (no path). */
  readonly config: string;
  readonly environments: readonly { readonly name: string; readonly protected: boolean }[];
  readonly databases: readonly ReportDatabase[];
  readonly timeline: readonly { readonly environment: string; readonly entries: readonly TimelineEntry[]; readonly more: number }[];
  readonly failures: readonly ReportFailure[];
  readonly lint: LintSummary;
  readonly notes: readonly string[];
}

/**
 * The open problems a summary counts: every failure, and every target whose history could not be read
 * (unreachable, no permission): bb cannot tell what stands there, so "no open problems" would be a claim
 * it cannot make.
 */
export function openProblems(data: ReportData): { readonly count: number; readonly unreadable: number; readonly summary: string } {
  const unreadable = data.databases.reduce((n, d) => n + d.columns.reduce((m, c) => m + c.errors.length, 0), 0);
  const count = data.failures.length + unreadable;
  const summary = count === 0 ? 'no open problems'
    : `${count} open problem${count === 1 ? '' : 's'}${unreadable ? ` (${unreadable} target${unreadable === 1 ? '' : 's'} could not be read)` : ''}`;
  return { count, unreadable, summary };
}

/** `bb report --format json`: the same document on stdout and in an `--out` file. */
export function reportJson(report: ReportData): string {
  return JSON.stringify({ report, format: 'json' }, null, 2);
}
