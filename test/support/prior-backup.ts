/**
 * Prior backup as bb migrate wires it (src/cli/commands/migrate.ts: the hooks of src/backup/prior.ts
 * in runTarget), on the first target of a project's first environment, for suites that do not go
 * through the binary.
 */
import { loadConfig } from '../../src/config/load.js';
import { resolveTargets } from '../../src/config/targets.js';
import { priorBackupHooks, rollbackData } from '../../src/backup/prior.js';
import { runTarget, type TargetResult } from '../../src/run/runner.js';
import { loadDatabase, runContext } from '../../src/run/project.js';

/** bb migrate of database `app`, prior-backup hooks included; then, with `rollback`, bb rollback --data of that version (its error, if any). */
export async function migrateWithHooks(configPath: string, rollback?: string): Promise<TargetResult & { rollbackError?: unknown }> {
  const config = await loadConfig({ configPath });
  const db = await loadDatabase(config, config.databases.get('app')!);
  const [dt] = resolveTargets(config, config.environments[0]!, [db.config]);
  const session = await db.engine.connect(dt!.members[0]!);
  try {
    const hooks = await priorBackupHooks(db.config, db.engine, db.analysis);
    const result = await runTarget({ session, engine: db.engine, dir: db.dir, analysis: db.analysis, allowOutOfOrder: false, lockTimeoutMs: 10_000, context: runContext('dev'), onEvent: () => undefined, ...(hooks ? { hooks } : {}) });
    if (rollback === undefined) return result;
    const rollbackError = await rollbackData(session, db.engine, rollback, runContext('dev')).then(() => undefined, (e: unknown) => e);
    return { ...result, rollbackError };
  } finally {
    await session.close();
  }
}
