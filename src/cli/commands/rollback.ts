import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { forEachTarget, partial, workExitCode, type PartialWork } from '../../run/each-target.js';
import { prePlanLock } from '../../run/project.js';
import { BbError, causeMessage } from '../../errors.js';
import type { ErrorInfo } from '../../run/runner.js';
import { compareVersions, highestVersion, parseVersion } from '../../migrations/version.js';
import { analyzeFile } from '../../plan/analysis.js';
import { errorPlace } from '../../sql/lines.js';
import { describeBlocker, ROLLBACK_STOPPED, rollbackStoppedHint } from '../../plan/plan.js';
import { confirmProtected } from '../protect.js';
import { refreshSnapshot } from '../../drift/snapshot.js';
import { positiveWhole, seconds, version } from '../flags.js';

export interface RollbackOptions extends GlobalOptions {
  readonly db?: string; readonly to?: string; readonly steps?: string; readonly dryRun?: boolean; readonly yes?: boolean; readonly lockTimeout?: string;
  /** --data <version>: put back the rows that version's UPDATE/DELETE statements changed (src/backup/prior.ts). */
  readonly data?: string;
}

/** A version bb rollback rolled back (or, with --dry-run, would roll back). */
export interface RolledBack {
  readonly version: string;
  /** The down file that ran (would run). */
  readonly path: string;
  readonly action: 'rolled-back' | 'would-roll-back';
}

export interface RollbackTarget {
  readonly target: string;
  /** Newest first. With `error`, those rolled back before it stopped (they stay rolled back). */
  readonly versions: readonly RolledBack[];
  /** What went wrong without undoing the rollback (the schema snapshot could not be refreshed). */
  readonly warnings: readonly string[];
  /**
   * The target's baseline, when the rollback asked to go below it (more --steps than versions above it,
   * or --to under it): versions up to a baseline were never run by bb and have no down migrations to
   * run, so the rollback stops there (or, with none above it, has nothing to roll back).
   */
  readonly stoppedAtBaseline?: string;
  readonly error?: ErrorInfo;
}

/** What rollback did on one target: the down files run before it ended (and its error), and where it stopped at the baseline. */
type TargetRollback = PartialWork<RolledBack> & { readonly stoppedAtBaseline?: string };

/** `bb rollback --format json`, and what its pretty output is drawn from (src/output/pretty/history-commands.ts). */
export interface RollbackReport {
  readonly environment: string;
  readonly dryRun: boolean;
  readonly targets: readonly RollbackTarget[];
}

/**
 * Runs the down files of the latest applied versions, newest first, and removes their history rows
 * (in the same transaction where the engine allows). Every needed down file must exist before anything runs.
 */
export default async function rollback(options: RollbackOptions, context: CommandContext): Promise<CommandOutput> {
  if (options.data !== undefined) return (await import('./rollback-data.js')).rollbackDataCommand(options, context);
  if (options.steps !== undefined && options.to !== undefined) {
    throw new BbError('usage', 'bb rollback takes --steps or --to, not both.', { hint: '--steps N rolls back the N latest versions; --to V rolls back every version above V.' });
  }
  const steps = positiveWhole(options.steps, '--steps', 1);
  if (options.to !== undefined) version(options.to, '--to');
  const { loadConfig } = await import('../../config/load.js');
  const { findEnvironment } = await import('../../config/targets.js');
  const env = findEnvironment(await loadConfig({ configPath: options.config, cwd: context.cwd }), options.env);
  if (!options.dryRun) await confirmProtected(env, options.yes === true, context, 'roll back');
  // An embedded database that does not exist yet is not created to be rolled back: nothing to roll back.
  const notCreated = (): TargetRollback => ({ done: [], warnings: [] });
  const work = await forEachTarget<TargetRollback>({ ...options, write: !options.dryRun, lockTimeoutMs: seconds(options.lockTimeout ?? '60', '--lock-timeout') * 1000, notCreated }, context.cwd, context.signal, async (session, db) => {
    const read = await session.history.read();
    // A dry run takes no lock, so it asks the lock about a pending row as bb plan does (prePlanLock): a
    // runner's work in progress while one holds it, the target's lock.unreadable error when the lock
    // cannot be read, interrupted only when nobody holds it. Under the lock a pending row is interrupted.
    const { rows: history, holder } = options.dryRun ? await prePlanLock(session, read) : { rows: read, holder: undefined };
    const running = holder !== undefined ? read.find((r) => r.status === 'pending') : undefined;
    if (running) {
      const path = db.dir.files.find((f) => f.key === running.version)?.path ?? running.path;
      throw new BbError('lock', `Nothing was rolled back: ${path} is being applied on ${session.target.id} now (${running.applied} of ${running.total} statements applied since ${running.startedAt}, by ${running.by}): the migration lock is held by ${holder}.`, {
        hint: `Wait for that run to end, then run bb rollback --env ${env.name} --dry-run again: bb rollback waits for the lock (--lock-timeout), and the versions it rolls back are those the run leaves applied.`,
        code: 'rollback.running',
      });
    }
    // A failed or interrupted version is on top of the schema the down files expect: the same rule as
    // migrate's, nothing goes past it until bb repair has resolved it.
    const unresolved = history.find((r) => r.status === 'failed' || r.status === 'pending');
    if (unresolved) {
      const path = db.dir.files.find((f) => f.key === unresolved.version)?.path ?? unresolved.path;
      const { message, hint } = describeBlocker(unresolved.status === 'failed' ? { kind: 'failed', version: unresolved.version, path, row: unresolved } : { kind: 'stale-pending', version: unresolved.version, path, row: unresolved }, session.target);
      throw new BbError('history', `Nothing was rolled back: ${message}.`, { hint, code: 'rollback.unresolved' });
    }
    const rows = history.filter((r) => r.kind === 'versioned' && r.status === 'done');
    rows.sort((a, b) => compareVersions(parseVersion(b.version), parseVersion(a.version)));
    const chosen = options.to !== undefined ? rows.filter((r) => compareVersions(parseVersion(r.version), parseVersion(options.to!)) > 0) : rows.slice(0, steps);
    const baseline = highestVersion(history.filter((r) => r.kind === 'baseline' && r.status === 'done').map((r) => r.version));
    const files = new Map(db.dir.files.map((f) => [f.key, f]));
    const missing = chosen.filter((r) => !files.get(r.version)?.down);
    if (missing.length > 0) {
      throw new BbError('usage', `No down migration for ${missing.map((r) => `${r.version} (${r.path})`).join(', ')} on ${session.target.id}; nothing was rolled back.`, {
        hint: `Add ${missing.map((r) => downFileName(files.get(r.version), r.path)).join(', ')} beside the up file${missing.length > 1 ? 's' : ''}, or roll back fewer versions.`,
        code: 'usage.no-down',
      });
    }
    // Known before any down file runs, so a rollback that fails below still says it would have stopped there.
    const stoppedAtBaseline = baseline && (options.to !== undefined ? compareVersions(parseVersion(options.to), parseVersion(baseline)) < 0 : chosen.length < steps) ? baseline : undefined;
    const rolledBack = await partial<RolledBack>(async (done, warnings) => {
      // Set once a down file has run a statement: the schema changed, and the snapshot must follow it
      // (else bb drift reports the rollback as drift, and drift: fail refuses the next bb migrate).
      let changed = false;
      try {
        for (const row of chosen) {
          const file = files.get(row.version)!;
          const down = file.down!;
          if (options.dryRun) {
            done.push({ version: row.version, path: down.path, action: 'would-roll-back' });
            continue;
          }
          const info = analyzeFile(file, db.fill ? db.fill(down.sql, down.path) : down.sql, db.engine);
          // Each down file starts in the default schema the session opened with, as migrations do.
          if (row !== chosen[0]) await session.restoreDefaultSchema?.();
          const transactional = db.engine.capabilities.transactionalDdl && file.directives.transaction !== 'off' && info.nonTransactional.length === 0;
          let current = 0;
          try {
            if (transactional) {
              await session.transaction(async (tx) => {
                for (const [i, stmt] of info.statements.entries()) {
                  current = i;
                  await tx.execute(stmt.text);
                }
                current = info.statements.length; // what fails now is the history row
                await tx.history.remove(row.version);
              });
              changed = true;
            } else {
              for (const [i, stmt] of info.statements.entries()) {
                current = i;
                await session.execute(stmt.text);
                changed = true;
              }
              current = info.statements.length;
              await session.history.remove(row.version);
            }
          } catch (error) {
            if (current === info.statements.length) {
              throw new BbError('history', `${down.path} ran on ${session.target.id}, but removing ${row.version} from the history failed: ${causeMessage(error)}.`, {
                hint: transactional
                  ? 'The transaction was rolled back: nothing changed. Run bb rollback again.'
                  : `The down migration is done; record it with bb repair --env ${env.name} --version ${row.version} --forget.`,
              });
            }
            const stmt = info.statements[current];
            const failure = `${down.path}: statement ${current + 1} of ${info.statements.length}${stmt ? ` (line ${stmt.span.line})` : ''} failed on ${session.target.id}: ${causeMessage(error)}${stmt ? errorPlace(db.engine, error, stmt, down.path) : ''}`;
            const before = done.length ? ` (rolled back before it: ${done.map((d) => `${d.version} (${d.path})`).join(', ')})` : '';
            if (transactional || current === 0) {
              throw new BbError('apply', `${failure}${before}.`, { hint: `${transactional ? 'The down migration was rolled back' : 'Nothing of the down migration ran'}; ${row.version} is still applied. Fix the down file and try again.` });
            }
            // Half of the down file ran: the version is neither applied nor rolled back, and its row must
            // stop saying done (migrate would skip it, a second rollback would rerun the first statements).
            const recorded = await session.history.update(row.version, { status: 'failed', error: `${ROLLBACK_STOPPED}${down.path} statement ${current + 1} of ${info.statements.length} failed after ${current} ran: ${causeMessage(error)}` }).then(() => true, () => false);
            throw new BbError('apply', `${failure}; the ${current} statement${current === 1 ? '' : 's'} before it stayed applied${recorded ? `, and ${row.version} is recorded as failed` : ` (and recording ${row.version} as failed failed too: its row still says done)`}${before}.`, {
              hint: rollbackStoppedHint(env.name, row.version),
              code: 'apply.rollback-stopped',
            });
          }
          done.push({ version: row.version, path: down.path, action: 'rolled-back' });
        }
      } finally {
        if (changed) {
          const warning = await refreshSnapshot(session);
          if (warning) warnings.push(warning);
        }
      }
    });
    return { ...rolledBack, ...(stoppedAtBaseline !== undefined ? { stoppedAtBaseline } : {}) };
  });
  const targets = work.results.map((r): RollbackTarget => {
    const error = r.error ?? r.value?.error;
    const stoppedAtBaseline = r.value?.stoppedAtBaseline;
    return { target: r.target, versions: r.value?.done ?? [], warnings: r.value?.warnings ?? [], ...(stoppedAtBaseline !== undefined ? { stoppedAtBaseline } : {}), ...(error ? { error } : {}) };
  });
  return { kind: 'rollback', data: { environment: env.name, dryRun: options.dryRun === true, targets } satisfies RollbackReport, exitCode: workExitCode(targets) };
}

/** The down file a version would need, in its folder's naming: Flyway's U…__, else <up name>.down.sql. */
function downFileName(file: { readonly path: string; readonly key: string; readonly name: string } | undefined, recordedPath: string): string {
  const path = file?.path ?? recordedPath;
  const base = path.split('/').pop() ?? path;
  if (file && /^V[^/]*__/.test(base)) return `U${file.key}__${file.name}.sql`;
  return base.replace(/(\.up)?\.sql$/i, '.down.sql');
}
