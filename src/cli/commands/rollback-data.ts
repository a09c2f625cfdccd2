/** bb rollback --data <version> (called from rollback.ts): the command side of src/backup/prior.ts rollbackData(). */
import type { CommandContext, CommandOutput } from '../context.js';
import type { RollbackOptions } from './rollback.js';
import { confirmProtected } from '../protect.js';
import { seconds, version as versionFlag } from '../flags.js';
import { forEachTarget, workExitCode } from '../../run/each-target.js';
import { runContext } from '../../run/project.js';
import { rollbackData, type DataRollback } from '../../backup/prior.js';
import type { ErrorInfo } from '../../run/runner.js';

/** `bb rollback --data V --format json`, and what its pretty output is drawn from. */
export interface DataRollbackReport {
  readonly environment: string;
  readonly version: string;
  readonly dryRun: boolean;
  /** `restored`: one entry per backed-up statement put back, newest first (with --dry-run, those it would put back; empty with an error). */
  readonly targets: readonly { readonly target: string; readonly restored: DataRollback['restored']; readonly error?: ErrorInfo }[];
}

export async function rollbackDataCommand(options: RollbackOptions, context: CommandContext): Promise<CommandOutput> {
  const { loadConfig } = await import('../../config/load.js');
  const { findEnvironment } = await import('../../config/targets.js');
  const env = findEnvironment(await loadConfig({ configPath: options.config, cwd: context.cwd }), options.env);
  const version = versionFlag(options.data!, '--data');
  if (!options.dryRun) await confirmProtected(env, options.yes === true, context, 'put back prior-backup rows on');
  const lockTimeoutMs = seconds(options.lockTimeout ?? '60', '--lock-timeout') * 1000;
  // An embedded database that does not exist yet is not created: it holds no prior backup (its error below).
  type Outcome = { readonly restored: DataRollback['restored'] } | { readonly notCreated: string };
  const work = await forEachTarget<Outcome>({ ...options, write: !options.dryRun, lockTimeoutMs, notCreated: (t) => ({ notCreated: t.ref.url }) }, context.cwd, context.signal, async (session, db) => {
    return { restored: (await rollbackData(session, db.engine, version, runContext(env.name), { dryRun: options.dryRun === true })).restored };
  });
  const targets = work.results.map((r): DataRollbackReport['targets'][number] => {
    if (r.value && 'notCreated' in r.value) {
      return {
        target: r.target, restored: [],
        error: { kind: 'usage', code: 'prior-backup.none', message: `No prior backup of version ${version} on ${r.target}: the embedded database ${r.value.notCreated} does not exist yet.`, hint: 'Nothing has been applied there: prior backups are taken by bb migrate, of UPDATE/DELETE statements with priorBackup: true or -- bb:backup.' },
      };
    }
    return { target: r.target, restored: r.value?.restored ?? [], ...(r.error ? { error: r.error } : {}) };
  });
  return { kind: 'rollback-data', data: { environment: env.name, version, dryRun: options.dryRun === true, targets } satisfies DataRollbackReport, exitCode: workExitCode(targets) };
}
