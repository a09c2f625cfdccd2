/**
 * Prior backup as bb migrate wires it (src/cli/commands/migrate.ts: the hooks of src/backup/prior.ts
 * in runTarget), on the first target of a project's first environment, for suites that do not go
 * through the binary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { BbError, exitCode } from '../../src/errors.js';
import { resolveTargets } from '../../src/config/targets.js';
import { priorBackupHooks, rollbackData } from '../../src/backup/prior.js';
import { runTarget, type TargetResult } from '../../src/run/runner.js';
import { loadDatabase, runContext } from '../../src/run/project.js';

/** bb migrate of database `app`, prior-backup hooks included; then, with `rollback`, bb rollback --data of that version (its error, if any). */
export async function migrateWithHooks(configPath: string, rollback?: string): Promise<TargetResult & { rollbackError?: unknown }> {
  const config = await loadConfig({ configPath });
  const db = await loadDatabase(config, config.databases.get('app')!);
  const [dt] = await resolveTargets(config, config.environments[0]!, [db.config]);
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

/**
 * On an engine without prior backup: a project in `dir` whose 001 creates `table` (with `createTable`)
 * and puts two rows in, and whose 002 is `-- bb:backup` DELETE. The migration stops before anything
 * runs and bb rollback --data is refused, both with prior-backup.unsupported (exit 2 for the rollback).
 */
export async function expectPriorBackupRefused(dir: string, engine: string, url: string, createTable: string, table: string): Promise<void> {
  mkdirSync(join(dir, 'migrations'), { recursive: true });
  writeFileSync(join(dir, 'migrations', '001_t.sql'), `${createTable};\nINSERT INTO ${table} VALUES (1), (2);\n`);
  writeFileSync(join(dir, 'migrations', '002_del.sql'), `-- bb:backup\nDELETE FROM ${table} WHERE id = 1;\n`);
  writeFileSync(join(dir, 'bb.config.yaml'), `databases:\n  app: { engine: ${engine}, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "${url}" }\n`);
  const result = await migrateWithHooks(join(dir, 'bb.config.yaml'), '002');
  expect(result.error).toMatchObject({ code: 'prior-backup.unsupported', message: expect.stringMatching(new RegExp(`not available for the ${engine} engine`)) });
  expect(result.migrations).toEqual([]);
  expect((result.rollbackError as BbError).code).toBe('prior-backup.unsupported');
  expect(exitCode(result.rollbackError)).toBe(2);
}
