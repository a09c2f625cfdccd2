import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { forEachTarget, partial, workExitCode, type PartialWork } from '../../run/each-target.js';
import { BbError } from '../../errors.js';
import type { HistoryStatus } from '../../engine.js';
import type { ErrorInfo } from '../../run/runner.js';
import { confirmProtected } from '../protect.js';
import { compareKeys } from '../../migrations/version.js';
import { refreshSnapshot } from '../../drift/snapshot.js';
import { changedApplied, resumeMismatchHint, ROLLBACK_STOPPED, rollbackStopped, rollbackStoppedHint } from '../../plan/plan.js';

export interface RepairOptions extends GlobalOptions {
  readonly db?: string; readonly version?: string; readonly retry?: boolean; readonly markDone?: boolean;
  readonly forget?: boolean; readonly acceptChecksums?: boolean; readonly yes?: boolean;
}

/**
 * What bb repair did to one history row: `accept-checksum` recorded the edited file's checksum (a done
 * version); `forget` removed the row (migrate applies the file again from the start); `mark-done`
 * recorded it done (finished by hand); `retry` marked it for migrate to resume at statement
 * `applied + 1`; `clear` removed a failed or pending row that had applied nothing.
 */
export interface RepairAction {
  readonly version: string;
  readonly action: 'accept-checksum' | 'forget' | 'mark-done' | 'retry' | 'clear';
  /** The migration file: the recorded path, or for accept-checksum the file whose checksum was recorded. */
  readonly path: string;
  /** The row as it was before the repair: its status and statements applied of total. */
  readonly status: HistoryStatus;
  readonly applied: number;
  readonly total: number;
  /** The row is a baseline (no file of its own: forgetting it makes every file up to it pending again). */
  readonly baseline?: true;
}

export interface RepairTarget {
  readonly target: string;
  /** In history order. With `error`, those done before the row that stopped it (they stay done). */
  readonly actions: readonly RepairAction[];
  /**
   * A new schema snapshot was taken: a half-applied version (or half-run down file) was marked done
   * or forgotten, so bb drift compares against the schema as it is now.
   */
  readonly snapshot: boolean;
  /**
   * What went wrong without undoing the repair: the snapshot could not be taken, or the failed statement
   * of a resolved version left work queued on the server (Session.unfinishedWork: a ClickHouse mutation).
   */
  readonly warnings: readonly string[];
  /** `false`: the embedded database does not exist yet, so there was nothing to repair; bb repair did not create it. */
  readonly created?: false;
  readonly error?: ErrorInfo;
}

/** `bb repair --format json`, and what its pretty output is drawn from (src/output/pretty/history-commands.ts). */
export interface RepairReport {
  readonly environment: string;
  readonly targets: readonly RepairTarget[];
}

/**
 * Resolves what blocks migrate, with the two honest ways out of a half-applied migration: resume at the
 * failed statement (--retry) or record a manual fix (--mark-done). A failed migration that applied
 * nothing (rolled back) is simply forgotten, so the corrected file runs again.
 */
export default async function repair(options: RepairOptions, context: CommandContext): Promise<CommandOutput> {
  const modes = [options.retry, options.markDone, options.forget].filter(Boolean).length;
  if (modes > 1) throw new BbError('usage', 'Choose one of --retry, --mark-done and --forget.', { hint: 'bb repair --help explains each.' });
  const { loadConfig } = await import('../../config/load.js');
  const { findEnvironment } = await import('../../config/targets.js');
  const env = findEnvironment(await loadConfig({ configPath: options.config, cwd: context.cwd }), options.env);
  await confirmProtected(env, options.yes === true, context, 'repair the history of');
  // Targets whose history holds --version: a version no target knows is a typo, not "nothing to repair".
  let holders = 0;
  // Targets where a new schema snapshot was taken.
  const snapshots = new Set<string>();
  // An embedded database that does not exist yet has no history to repair: repair says so and does not create it.
  const notCreated = (): PartialWork<RepairAction> & { readonly created: false } => ({ done: [], warnings: [], created: false });
  const work = await forEachTarget<PartialWork<RepairAction> & { readonly created?: false }>({ ...options, write: true, notCreated }, context.cwd, context.signal, (session, db) => partial<RepairAction>(async (actions, warnings) => {
    // Set when a row of a half-applied migration (or half-run down file) is recorded as finished or
    // undone by hand: the live schema is now the reference, so the snapshot follows it (drift).
    let handFixed = false;
    // The rows repair acts on: with --version, that version's (3, 03 and 0003 name the same version, as in the file names).
    const rows = (await session.history.read()).filter((r) => options.version === undefined || compareKeys(r.version, options.version) === 0);
    if (options.version !== undefined && rows.length > 0) holders++;
    const files = new Map(db.dir.files.map((f) => [f.key, f]));
    // --retry hands a row to the next migrate, which resumes after the statements that already ran: it
    // refuses when one of them has changed in the file since (or the file is gone). Refused here, for
    // every row it would mark, before any is marked: a retry that migrate cannot honour is no repair.
    if (options.retry) {
      for (const row of rows) {
        if (row.status === 'done' || rollbackStopped(row)) continue;
        const info = db.analysis.get(row.version);
        const changed = info ? changedApplied(row, info) : -1;
        if (info && changed === -1) continue;
        throw new BbError('history', info
          ? `${row.path}: statement ${changed + 1} changed after it was applied to ${session.target.id}, so migrate cannot resume it at statement ${row.applied + 1}; nothing was marked for retry.`
          : `${row.path} is no longer in the folder, so migrate cannot resume ${row.version} on ${session.target.id} at statement ${row.applied + 1}; nothing was marked for retry.`, {
          hint: info
            ? resumeMismatchHint(session.target.environment, row.version, 'retry')
            : `Restore the file and run bb repair --env ${session.target.environment} --version ${row.version} --retry; or fix it by hand and run bb repair --env ${session.target.environment} --version ${row.version} --mark-done (finished) or --forget (undone).`,
          code: info ? 'history.resume-mismatch' : 'history.resume-missing-file',
        });
      }
    }
    for (const row of rows) {
      const file = files.get(row.version);
      if (options.acceptChecksums && row.status === 'done' && row.kind === 'versioned' && file && file.checksum !== row.checksum) {
        await session.history.update(row.version, { checksum: file.checksum });
        actions.push({ ...of(row), action: 'accept-checksum', path: file.path });
        continue;
      }
      // --accept-checksums alone touches only checksums; with --retry, --mark-done or --forget the
      // failed and pending rows get that action too (it used to be dropped silently).
      if (options.acceptChecksums && modes === 0) continue;
      if (row.status === 'done') {
        if (options.forget && options.version !== undefined) {
          await session.history.remove(row.version);
          actions.push({ ...of(row), action: 'forget' });
        }
        continue;
      }
      if (rollbackStopped(row) && !options.forget && !options.markDone) {
        throw new BbError('history', `The rollback of ${row.path} stopped partway on ${session.target.id} (${row.error!.slice(ROLLBACK_STOPPED.length)}); bb cannot resume a down file.`, {
          hint: rollbackStoppedHint(session.target.environment, row.version),
          code: 'history.rollback-stopped',
        });
      }
      if ((options.forget || options.markDone) && (row.applied > 0 || rollbackStopped(row))) handFixed = true;
      if (options.forget) {
        await session.history.remove(row.version);
        actions.push({ ...of(row), action: 'forget' });
      } else if (options.markDone) {
        await session.history.update(row.version, { status: 'done', retry: false, error: null, ...(file ? { checksum: file.checksum } : {}) });
        actions.push({ ...of(row), action: 'mark-done' });
      } else if (options.retry) {
        await session.history.update(row.version, { status: 'failed', retry: true });
        actions.push({ ...of(row), action: 'retry' });
      } else if (row.applied === 0) {
        await session.history.remove(row.version);
        actions.push({ ...of(row), action: 'clear' });
      } else {
        throw new BbError('history', `${row.path} on ${session.target.id} is ${row.status} with ${row.applied} of ${row.total} statements applied; bb cannot tell how to finish it.`, {
          hint: `Either fix the cause and run bb repair --env ${session.target.environment} --version ${row.version} --retry (resume at statement ${row.applied + 1}), or finish it by hand and run bb repair --env ${session.target.environment} --version ${row.version} --mark-done.`,
          code: 'history.partial',
        });
      }
      // The failed statement may have left work queued on the server (a ClickHouse mutation, which the
      // server retries until it is killed): whichever way the version is resolved, the user must know.
      const failed = row.failedStatement !== undefined && !rollbackStopped(row) ? db.analysis.get(row.version)?.statements[row.failedStatement] : undefined;
      const unfinished = failed && session.unfinishedWork ? await session.unfinishedWork(failed.text) : undefined;
      if (unfinished) warnings.push(`${row.path}: ${unfinished}`);
    }
    if (handFixed) {
      const warning = await refreshSnapshot(session);
      if (warning) warnings.push(warning);
      else snapshots.add(session.target.id);
    }
  }));
  const targets = work.results.map((r): RepairTarget => {
    const error = r.error ?? r.value?.error;
    return { target: r.target, actions: r.value?.done ?? [], snapshot: snapshots.has(r.target), warnings: r.value?.warnings ?? [], ...(r.value?.created === false ? { created: false as const } : {}), ...(error ? { error } : {}) };
  });
  if (options.version !== undefined && holders === 0 && targets.every((t) => !t.error)) {
    throw new BbError('usage', `Version ${options.version} is not in the history of ${work.results.length <= 3 ? work.results.map((r) => r.target).join(', ') : `any of the ${work.results.length} targets of ${env.name}`}: nothing to repair.`, {
      hint: `bb history --env ${env.name} lists the recorded versions.`,
      code: 'usage.unknown-version',
    });
  }
  return { kind: 'repair', data: { environment: env.name, targets } satisfies RepairReport, exitCode: workExitCode(targets) };
}

/** A row's fields as a repair action records them. */
function of(row: { readonly version: string; readonly path: string; readonly status: HistoryStatus; readonly applied: number; readonly total: number; readonly kind?: string }): Omit<RepairAction, 'action'> {
  return { version: row.version, path: row.path, status: row.status, applied: row.applied, total: row.total, ...(row.kind === 'baseline' ? { baseline: true as const } : {}) };
}
