import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { forEachTarget, workExitCode } from '../../run/each-target.js';
import type { HistoryRow } from '../../engine.js';
import { positiveWhole } from '../flags.js';
import { rowState, type RowState } from '../../plan/cells.js';
import { pendingRunners } from '../../run/project.js';
import type { ErrorInfo } from '../../run/runner.js';

export interface HistoryOptions extends GlobalOptions { readonly db?: string; readonly limit?: string }

/**
 * A history row as stored, with `state`: what it means now, as bb status and bb report say it (a
 * pending row `running` while a runner holds the lock, else `interrupted`; a failed row `retry` once
 * bb repair --retry was run).
 */
export type HistoryEntry = HistoryRow & {
  readonly state: RowState;
  /** On a pending row whose runner could not be asked (the lock was unreadable): why bb cannot tell running from interrupted. */
  readonly lockError?: string;
};

export interface HistoryReport {
  readonly environment: string;
  readonly targets: readonly { readonly target: string; readonly rows?: readonly HistoryEntry[]; readonly error?: ErrorInfo }[];
}

/** The history table of each target of an environment, newest first. */
export default async function history(options: HistoryOptions, context: CommandContext): Promise<CommandOutput> {
  const limit = positiveWhole(options.limit, '--limit', 50);
  // An embedded database that does not exist yet is not created: it has no history rows.
  const work = await forEachTarget({ ...options, write: false, notCreated: (): HistoryEntry[] => [] }, context.cwd, context.signal, async (session) => {
    const read = await session.history.read();
    const { rows, runners, lockError } = read.some((r) => r.status === 'pending') ? await pendingRunners(session, read) : { rows: read, runners: undefined, lockError: undefined };
    return rows.slice().reverse().slice(0, limit).map((r): HistoryEntry => ({ ...r, state: rowState(r, runners), ...(lockError && r.status === 'pending' ? { lockError: lockError.message } : {}) }));
  });
  const report: HistoryReport = { environment: work.env.name, targets: work.results.map((r) => ({ target: r.target, ...(r.value ? { rows: r.value } : {}), ...(r.error ? { error: r.error } : {}) })) };
  return { kind: 'history', data: report, exitCode: workExitCode(work.results) };
}
