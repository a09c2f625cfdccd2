import type { Config, EnvironmentConfig } from '../config/model.js';
import { findEnvironment, selectDatabases } from '../config/targets.js';
import type { Session, Target } from '../engine.js';
import { BbError, targetsExitCode } from '../errors.js';
import { acquireLock } from './lock.js';
import { errorInfo, type ErrorInfo } from './runner.js';
import { connectTarget, loadDatabase, discoverTargets, type LoadedDatabase } from './project.js';
import { openConfig } from '../config/load.js';

export interface TargetWork<T> {
  readonly config: Config;
  readonly env: EnvironmentConfig;
  /** Per target, in order: `value` when `fn` returned, else `error` (the BbError it or the connection threw). */
  readonly results: readonly { readonly target: string; readonly value?: T; readonly error?: ErrorInfo }[];
}

/**
 * Runs `fn` on every target of the environment (for --db, or all databases), each under its
 * migration lock, one at a time. Used by the commands that change history outside a migrate run
 * (baseline, repair, rollback), and by bb history (write: false). Errors stay with their target.
 * With `notCreated`, a target is opened only if it exists (ConnectOptions.existing): an embedded
 * database that does not exist yet is not created, and its value is `notCreated(target)` instead of fn's.
 */
export async function forEachTarget<T>(
  options: { config?: string | undefined; env?: string | undefined; db?: string | undefined; lockTimeoutMs?: number; write: boolean; notCreated?: (target: Target) => T },
  cwd: string,
  signal: AbortSignal,
  fn: (session: Session, db: LoadedDatabase) => Promise<T>,
): Promise<TargetWork<T>> {
  const config = await openConfig(options, cwd);
  const env = findEnvironment(config, options.env);
  if (options.write && env.readonly) {
    throw new BbError('usage', `Environment "${env.name}" is read-only (readonly: true in the config).`, { hint: 'Change it where writes are allowed.', code: 'usage.readonly' });
  }
  const results: { target: string; value?: T; error?: ErrorInfo }[] = [];
  for (const dbConfig of selectDatabases(config, options.db)) {
    const [dt] = await discoverTargets(config, env, [dbConfig]);
    if (!dt) continue;
    const db = await loadDatabase(config, dbConfig, env);
    for (const target of dt.members) {
      let session: Session | undefined;
      let lock;
      try {
        try {
          session = await connectTarget(db.engine, target, { signal, openTimeoutMs: options.lockTimeoutMs ?? 30_000, ...(options.notCreated ? { existing: true } : {}) });
        } catch (error) {
          if (!(options.notCreated && error instanceof BbError && error.code === 'connect.not-created')) throw error;
          results.push({ target: target.ref.id, value: options.notCreated(target) });
          continue;
        }
        // No history.ensure() here: a command creates bb's tables only when it writes a row (baseline);
        // with nothing to do, none must be left in a database that never had them (a mistyped --env).
        if (options.write) lock = await acquireLock(session, { timeoutMs: options.lockTimeoutMs ?? 30_000, target: target.ref, signal });
        results.push({ target: target.ref.id, value: await fn(session, db) });
      } catch (error) {
        if (!(error instanceof BbError)) throw error;
        results.push({ target: target.ref.id, error: errorInfo(error) });
      } finally {
        await lock?.release().catch(() => undefined);
        await session?.close().catch(() => undefined);
      }
    }
  }
  if (results.length === 0) {
    throw new BbError('config', `Environment "${env.name}" has no targets${options.db ? ` for database "${options.db}"` : ''}.`, { hint: `Add targets under environments → ${env.name} → targets in the config.` });
  }
  return { config, env, results };
}

/** Exit code of per-target work: 3 when a target could not be reached or locked, 2 for a usage or config error, 1 for other errors. */
export function workExitCode(results: TargetWork<unknown>['results']): 0 | 1 | 2 | 3 {
  return targetsExitCode(results.map((r) => r.error?.kind), false);
}

/** What a target's work did before it ended, and the error that ended it early (see `partial`). */
export interface PartialWork<R> {
  readonly done: R[];
  /** What went wrong without undoing the work (a schema snapshot that could not be refreshed). */
  readonly warnings: string[];
  readonly error?: ErrorInfo;
}

/**
 * For work on a target that may stop partway (rollback's down files, repair's rows): a BbError from
 * `fn` is returned beside what `fn` recorded in `done` before it, rather than thrown with it lost
 * (the versions rolled back before a down file failed stay rolled back, and the output says which).
 */
export async function partial<R>(fn: (done: R[], warnings: string[]) => Promise<void>): Promise<PartialWork<R>> {
  const done: R[] = [];
  const warnings: string[] = [];
  try {
    await fn(done, warnings);
  } catch (error) {
    if (!(error instanceof BbError)) throw error;
    return { done, warnings, error: errorInfo(error) };
  }
  return { done, warnings };
}
