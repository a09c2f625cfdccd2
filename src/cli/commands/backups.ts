import { resolve } from 'node:path';
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';

export interface BackupsOptions extends GlobalOptions { readonly db?: string; readonly dir?: string }

/** bb backups: the backups in the backups folder (or --dir), newest first, and the manifests it could not read (exit 1). */
export default async function backups(options: BackupsOptions, context: CommandContext): Promise<CommandOutput> {
  const { openConfig } = await import('../../config/load.js');
  const { listBackups } = await import('../../backup/backup.js');
  const { findEnvironment, selectDatabases } = await import('../../config/targets.js');
  const config = await openConfig(options, context.cwd);
  // A misspelt name is an error naming the ones there are, not an empty list.
  if (options.env !== undefined) findEnvironment(config, options.env);
  if (options.db !== undefined) selectDatabases(config, options.db);
  const dir = options.dir ? resolve(context.cwd, options.dir) : config.backupsDir;
  const { backups: list, unreadable, unfinished } = await listBackups(dir, { env: options.env, db: options.db });
  // The listing is shown either way; exit 1 says a backup in the folder could not be restored as it is
  // (an unfinished one was never a backup: it is named, without changing the exit code).
  return { kind: 'backups', data: { dir, backups: list, unreadable, unfinished }, exitCode: unreadable.length > 0 ? 1 : 0 };
}
