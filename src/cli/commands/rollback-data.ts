/** bb rollback --data <version> (called from rollback.ts): the command side of src/backup/prior.ts rollbackData(). */
import type { CommandContext, CommandOutput } from '../context.js';
import type { RollbackOptions } from './rollback.js';
import { confirmProtected } from '../protect.js';
import { seconds, version as versionFlag } from '../flags.js';
import { forEachTarget, workExitCode } from '../../run/each-target.js';
import { runContext } from '../../run/project.js';
import { rollbackData } from '../../backup/prior.js';

export async function rollbackDataCommand(options: RollbackOptions, context: CommandContext): Promise<CommandOutput> {
  const { loadConfig } = await import('../../config/load.js');
  const { findEnvironment } = await import('../../config/targets.js');
  const env = findEnvironment(await loadConfig({ configPath: options.config, cwd: context.cwd }), options.env);
  const version = versionFlag(options.data!, '--data');
  if (!options.dryRun) await confirmProtected(env, options.yes === true, context, 'put back prior-backup rows on');
  const lockTimeoutMs = seconds(options.lockTimeout ?? '60', '--lock-timeout') * 1000;
  const work = await forEachTarget({ ...options, write: !options.dryRun, lockTimeoutMs }, context.cwd, context.signal, async (session, db) => {
    if (options.dryRun) return [`would put back the prior-backup rows of ${version}`];
    const result = await rollbackData(session, db.engine, version, runContext(env.name));
    return result.restored.map((r) => `${r.kind === 'delete' ? 're-inserted' : 'restored'} ${r.rows} row${r.rows === 1 ? '' : 's'} of ${r.table} (from ${r.backupTable})`);
  });
  const text = work.results.map((r) => (r.error ? `✗ ${r.target}: ${r.error.message}${r.error.hint ? `\n  hint: ${r.error.hint}` : ''}` : `${r.target}: data of ${version}\n  ${r.value!.join('\n  ')}`)).join('\n');
  return { kind: 'message', data: { text, version, targets: work.results }, exitCode: workExitCode(work.results) };
}
