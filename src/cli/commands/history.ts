import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { forEachTarget, workExitCode } from '../../run/each-target.js';
import type { HistoryRow } from '../../engine.js';
import { positiveWhole } from '../flags.js';

export interface HistoryOptions extends GlobalOptions { readonly db?: string; readonly limit?: string }

export interface HistoryReport {
  readonly environment: string;
  readonly targets: readonly { readonly target: string; readonly rows?: readonly HistoryRow[]; readonly error?: { kind: string; message: string; hint?: string } }[];
}

/** The history table of each target of an environment, newest first. */
export default async function history(options: HistoryOptions, context: CommandContext): Promise<CommandOutput> {
  const limit = positiveWhole(options.limit, '--limit', 50);
  const work = await forEachTarget({ ...options, write: false }, context.cwd, context.signal, async (session) => (await session.history.read()).slice().reverse().slice(0, limit));
  const report: HistoryReport = { environment: work.env.name, targets: work.results.map((r) => ({ target: r.target, ...(r.value ? { rows: r.value } : {}), ...(r.error ? { error: r.error } : {}) })) };
  return { kind: 'history', data: report, exitCode: workExitCode(work.results) };
}
