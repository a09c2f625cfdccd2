import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { forEachTarget, workExitCode } from '../../run/each-target.js';
import { BbError } from '../../errors.js';
import { confirmProtected } from '../protect.js';
import { compareKeys } from '../../migrations/version.js';
import { refreshSnapshot } from '../../drift/snapshot.js';
import { ROLLBACK_STOPPED, rollbackStopped, rollbackStoppedHint } from '../../plan/plan.js';

export interface RepairOptions extends GlobalOptions {
  readonly db?: string; readonly version?: string; readonly retry?: boolean; readonly markDone?: boolean;
  readonly forget?: boolean; readonly acceptChecksums?: boolean; readonly yes?: boolean;
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
  const work = await forEachTarget({ ...options, write: true }, context.cwd, context.signal, async (session, db) => {
    const actions: string[] = [];
    // Set when a row of a half-applied migration (or half-run down file) is recorded as finished or
    // undone by hand: the live schema is now the reference, so the snapshot follows it (drift).
    let handFixed = false;
    const rows = await session.history.read();
    if (options.version !== undefined && rows.some((r) => compareKeys(r.version, options.version!) === 0)) holders++;
    const files = new Map(db.dir.files.map((f) => [f.key, f]));
    for (const row of rows) {
      // 3, 03 and 0003 name the same version, as in the file names.
      if (options.version !== undefined && compareKeys(row.version, options.version) !== 0) continue;
      const file = files.get(row.version);
      if (options.acceptChecksums && row.status === 'done' && row.kind === 'versioned' && file && file.checksum !== row.checksum) {
        await session.history.update(row.version, { checksum: file.checksum });
        actions.push(`${row.version}: recorded the new checksum of ${file.path}`);
        continue;
      }
      // --accept-checksums alone touches only checksums; with --retry, --mark-done or --forget the
      // failed and pending rows get that action too (it used to be dropped silently).
      if (options.acceptChecksums && modes === 0) continue;
      if (row.status === 'done') {
        if (options.forget && options.version !== undefined) {
          await session.history.remove(row.version);
          // A baseline has no file of its own: what comes back is every file up to it.
          actions.push(row.kind === 'baseline'
            ? `${row.version}: forgotten the baseline; the files up to it count as pending again (bb baseline records a new one)`
            : `${row.version}: forgotten (the record is gone; the file will be applied again unless removed)`);
        }
        continue;
      }
      if (rollbackStopped(row) && !options.forget && !options.markDone) {
        throw new BbError('history', `The rollback of ${row.path} stopped partway on ${session.target.id} (${row.error!.slice(ROLLBACK_STOPPED.length)}); bb cannot resume a down file.`, {
          hint: rollbackStoppedHint(session.target.environment, row.version),
          code: 'history.rollback-stopped',
        });
      }
      const where = `${row.path} (${row.applied} of ${row.total} statements applied)`;
      if ((options.forget || options.markDone) && (row.applied > 0 || rollbackStopped(row))) handFixed = true;
      if (options.forget) {
        await session.history.remove(row.version);
        actions.push(`${row.version}: forgotten ${where}; migrate applies it again from the start`);
      } else if (options.markDone) {
        await session.history.update(row.version, { status: 'done', retry: false, error: null, ...(file ? { checksum: file.checksum } : {}) });
        actions.push(`${row.version}: marked done ${where}`);
      } else if (options.retry) {
        await session.history.update(row.version, { status: 'failed', retry: true });
        actions.push(`${row.version}: migrate will resume ${row.path} at statement ${row.applied + 1} of ${row.total}`);
      } else if (row.applied === 0) {
        await session.history.remove(row.version);
        actions.push(`${row.version}: cleared the ${row.status} record of ${row.path} (nothing had been applied); migrate runs it again`);
      } else {
        throw new BbError('history', `${row.path} on ${session.target.id} is ${row.status} with ${row.applied} of ${row.total} statements applied; bb cannot tell how to finish it.`, {
          hint: `Either fix the cause and run bb repair --env ${session.target.environment} --version ${row.version} --retry (resume at statement ${row.applied + 1}), or finish it by hand and run bb repair --env ${session.target.environment} --version ${row.version} --mark-done.`,
          code: 'history.partial',
        });
      }
    }
    if (handFixed) {
      const warning = await refreshSnapshot(session);
      actions.push(warning ? `warning: ${warning}` : 'took a new schema snapshot: bb drift compares against the schema as it is now');
    }
    return actions;
  });
  if (options.version !== undefined && holders === 0 && work.results.every((r) => !r.error)) {
    throw new BbError('usage', `Version ${options.version} is not in the history of ${work.results.length <= 3 ? work.results.map((r) => r.target).join(', ') : `any of the ${work.results.length} targets of ${env.name}`}: nothing to repair.`, {
      hint: `bb history --env ${env.name} lists the recorded versions.`,
      code: 'usage.unknown-version',
    });
  }
  const lines = work.results.map((r) => r.error ? `✗ ${r.target}: ${r.error.message}${r.error.hint ? `\n  hint: ${r.error.hint}` : ''}` : `${r.target}:${r.value!.length === 0 ? ' nothing to repair' : `\n  ${r.value!.join('\n  ')}`}`);
  return { kind: 'message', data: { text: lines.join('\n'), targets: work.results }, exitCode: workExitCode(work.results) };
}
