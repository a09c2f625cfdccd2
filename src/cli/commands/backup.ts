import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { targetsExitCode } from '../../errors.js';

export interface BackupOptions extends GlobalOptions { readonly db?: string; readonly out?: string }

/** bb backup: a full logical backup of each target with the engine's own tool, plus a manifest. */
export default async function backup(options: BackupOptions, context: CommandContext): Promise<CommandOutput> {
  const { openConfig } = await import('../../config/load.js');
  const { runBackup } = await import('../../backup/backup.js');
  const report = await runBackup({
    config: await openConfig(options, context.cwd), env: options.env, db: options.db, out: options.out, cwd: context.cwd, signal: context.signal,
    onTarget: (id) => context.progress(`backing up ${id} …`),
  });
  return { kind: 'backup', data: report, exitCode: targetsExitCode(report.errors.map((e) => e.kind), false) };
}
