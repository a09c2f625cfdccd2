import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { confirmProtected } from '../protect.js';

export interface RestoreOptions extends GlobalOptions {
  readonly db?: string; readonly from: string; readonly into?: string; readonly replace?: boolean; readonly yes?: boolean;
}

/** bb restore: checks the backup, then restores into a new database (default) or over the target (--replace). */
export default async function restore(options: RestoreOptions, context: CommandContext): Promise<CommandOutput> {
  const { openConfig } = await import('../../config/load.js');
  const { findEnvironment } = await import('../../config/targets.js');
  const { checkRestoreMode, runRestore } = await import('../../backup/backup.js');
  // Before the confirmation prompt: a mistaken pair of flags is not a question to answer.
  checkRestoreMode(options);
  const config = await openConfig(options, context.cwd);
  const env = findEnvironment(config, options.env);
  if (options.replace) await confirmProtected(env, options.yes === true, context, 'restore a backup over');
  const report = await runRestore({ config, env: env.name, db: options.db, from: options.from, into: options.into, replace: options.replace === true, cwd: context.cwd, signal: context.signal });
  return { kind: 'restore', data: report, exitCode: 0 };
}
