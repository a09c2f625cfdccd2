/**
 * The I/O around the planner and runner: load the config, read folders, open targets, read
 * histories. Commands compose these; the planner and runner stay pure of config and connections.
 */
import { hostname, userInfo } from 'node:os';
import type { Config, DatabaseConfig, EnvironmentConfig } from '../config/model.js';
import { envVars, previousEnvironment, resolveTargetsDiscovering, type DatabaseTargets } from '../config/targets.js';
import { substitutePlaceholders } from '../migrations/placeholders.js';
import { connectTarget, loadEngine, type Engine, type HistoryRow, type RunContext, type Session, type Target, type TargetRef } from '../engine.js';
import { BbError, withoutTarget } from '../errors.js';
import { readMigrationDir, type ReadOptions } from '../migrations/dir.js';
import type { MigrationDir } from '../migrations/model.js';
import { analyze, type Analysis } from '../plan/analysis.js';
import type { PreviousEnvironment } from '../plan/plan.js';
import { BB_VERSION } from '../version.js';
import { mapPool } from './fleet.js';
import { readLockHolder } from './lock.js';

export interface LoadedDatabase {
  readonly config: DatabaseConfig;
  readonly engine: Engine;
  readonly dir: MigrationDir;
  readonly analysis: Analysis;
  /** Fills the environment's placeholders into a file's text (down files too); absent without an environment. */
  readonly fill?: (sql: string, path: string) => string;
}

/**
 * Reads a database's folder and splits every file (once per command). With an environment, `{{ name }}`
 * placeholders are filled from its `vars:` first (the checksum stays the file's own); an undefined one
 * is an error naming it, the file and the line. `read` passes on to readMigrationDir (`lenientDirectives`
 * for commands that lint, which report a bad directive as a finding of its file instead of refusing).
 */
export async function loadDatabase(config: Config, db: DatabaseConfig, env?: EnvironmentConfig, read: ReadOptions = {}): Promise<LoadedDatabase> {
  const [engine, dir] = await Promise.all([
    loadEngine(db.engine),
    readMigrationDir({ database: db.name, engine: db.engine, path: db.migrations, projectRoot: config.dir }, read),
  ]);
  const vars = env ? envVars(config, env) : undefined;
  const fill = vars ? (sql: string, path: string): string => substitutePlaceholders(sql, vars, { path, environment: env!.name }) : undefined;
  return { config: db, engine, dir, analysis: analyze(dir, engine, fill), ...(fill ? { fill } : {}) };
}

/** Connects to a target after checking its URL's scheme (src/engine.ts; re-exported for the commands). */
export { connectTarget } from '../engine.js';

/** A target's history as read by readHistories. */
export interface TargetHistory {
  readonly target: TargetRef;
  readonly rows?: readonly HistoryRow[];
  readonly error?: BbError;
  /**
   * With `runners: true`, for each `pending` row (keyed by version): who holds the migration lock
   * (a runner at work), or null when nobody does (the run that wrote the row was interrupted). A
   * pending row whose holder could not be asked is left out.
   */
  readonly runners?: ReadonlyMap<string, string | null>;
  /** Why the holder of the lock could not be asked (pending rows are then running, not interrupted). */
  readonly lockError?: BbError;
}

/**
 * Reads the history of each target (never creates the table), `concurrency` targets at once (default
 * 8: a group of hundreds of tenants reads in a fraction of the time, with a bounded number of
 * connections). Errors per target stay with it; the result is in target order. `runners` also asks,
 * where a row is pending, whether a runner holds the target's lock (see TargetHistory.runners).
 */
export async function readHistories(
  engine: Engine,
  targets: readonly Target[],
  options: { signal?: AbortSignal; openTimeoutMs?: number; concurrency?: number; runners?: boolean } = {},
): Promise<TargetHistory[]> {
  const { concurrency = 8, runners: askRunners = false, ...connectOptions } = options;
  const out = await mapPool(targets, concurrency, async (target): Promise<TargetHistory> => {
    let session: Session | undefined;
    try {
      // Reading never creates an embedded database: one that does not exist yet has an empty history.
      session = await connectTarget(engine, target, { ...connectOptions, existing: true });
      const rows = await session.history.read();
      if (!askRunners || !rows.some((r) => r.status === 'pending')) return { target: target.ref, rows };
      return { target: target.ref, ...(await pendingRunners(session, rows)) };
    } catch (error) {
      if (error instanceof BbError && error.code === 'connect.not-created') return { target: target.ref, rows: [] };
      return { target: target.ref, error: error instanceof BbError ? error : new BbError('connect', `${target.ref.id}: ${(error as Error).message}`) };
    } finally {
      await session?.close().catch(() => undefined);
    }
  });
  return out.map((o, i) => o ?? { target: targets[i]!.ref, error: new BbError('internal', `${targets[i]!.ref.id}: not read`) });
}

/**
 * Who runs the pending rows. A runner takes the lock before it writes a pending row and releases it
 * after the row is done or failed, so a row still pending, the same, after the lock was seen free
 * belongs to a run that stopped without finishing it (killed, or lost its connection). Rows read
 * again after that check: a run that ended in between is seen ended, not interrupted. When the lock
 * cannot be read (no permission on the lock table, a lost connection: anything but "no lock table"),
 * nobody is called interrupted: the runners map is empty (every pending row `running`) and
 * `lockError` says why, for the cells and the doctor to show.
 */
export async function pendingRunners(session: Session, first: readonly HistoryRow[]): Promise<{ rows: readonly HistoryRow[]; runners: ReadonlyMap<string, string | null>; lockError?: BbError }> {
  const { holder, unreadable } = await readLockHolder(session);
  if (unreadable) return { rows: first, runners: new Map(), lockError: unreadable };
  if (holder !== undefined) return { rows: first, runners: new Map(first.filter((r) => r.status === 'pending').map((r) => [r.version, holder!])) };
  const rows = await session.history.read();
  const before = new Map(first.map((r) => [r.version, r]));
  const runners = new Map<string, string | null>();
  for (const r of rows) {
    if (r.status === 'pending' && before.get(r.version)?.status === 'pending' && before.get(r.version)?.startedAt === r.startedAt) runners.set(r.version, null);
  }
  return { rows, runners };
}

/**
 * The history rows bb plan and bb migrate plan from before the lock is taken. A pending row while a
 * runner holds the lock is that runner's work in progress (visible at once where DDL commits
 * implicitly), not an interrupted run: it is left out (bb migrate waits for the lock and plans again
 * under it, where a pending row is interrupted for sure). When the lock cannot be read (anything but
 * "no lock table": no permission on it, a lost connection), whether the run is at work is unknown: a
 * `lock.unreadable` error naming the version, never the interrupted blocker and its bb repair advice.
 */
export async function prePlanRows(session: Session): Promise<readonly HistoryRow[]> {
  return (await prePlanLock(session, await session.history.read())).rows;
}

/**
 * prePlanRows on rows already read, also naming the lock's holder when a pending row made bb ask
 * (bb rollback --dry-run: a pending row is a run at work while `holder` is set, else interrupted).
 */
export async function prePlanLock(session: Session, read: readonly HistoryRow[]): Promise<{ rows: readonly HistoryRow[]; holder?: string }> {
  const pending = read.find((r) => r.status === 'pending');
  if (!pending) return { rows: read };
  const { holder, unreadable } = await readLockHolder(session);
  if (unreadable) {
    throw new BbError('lock', `${session.target.id}: ${pending.path} is recorded as running since ${pending.startedAt} (${pending.applied} of ${pending.total} statements applied), and bb ${withoutTarget(unreadable.message, session.target)}`, {
      hint: unreadable.hint,
      code: 'lock.unreadable',
      cause: unreadable.cause,
    });
  }
  return holder !== undefined ? { rows: read.filter((r) => r.status !== 'pending'), holder } : { rows: read };
}

/**
 * The histories of the nearest earlier environment that has targets for this database, for the
 * promotion gate. A target there that cannot be read, or a group there with no member (on which the
 * gate would hold for any version), stops the command: the gate cannot be checked.
 */
export async function readPrevious(config: Config, env: EnvironmentConfig, db: LoadedDatabase, options: { signal?: AbortSignal } = {}): Promise<PreviousEnvironment | undefined> {
  for (let prev = previousEnvironment(config, env); prev; prev = previousEnvironment(config, prev)) {
    const cannotCheck = (error: BbError): BbError => new BbError(error.kind, `Cannot check the promotion gate: ${error.message}`, {
      hint: error.hint ?? `bb needs to read the history of ${prev!.name} before changing ${env.name}.`,
      code: error.code,
      cause: error,
    });
    const [targets] = await resolveTargetsDiscovering(config, prev, [db.config], options).catch((error: unknown) => {
      throw error instanceof BbError ? cannotCheck(error) : error;
    });
    if (!targets) continue;
    const histories = await readHistories(db.engine, targets.members, options);
    const failed = histories.find((h) => h.error);
    if (failed?.error) throw cannotCheck(failed.error);
    return { name: prev.name, histories: histories.map((h) => ({ target: h.target, rows: h.rows! })) };
  }
  return undefined;
}

/** The targets of an environment; `discover:` groups are listed now (one connection each). */
export function discoverTargets(config: Config, env: EnvironmentConfig, dbs: readonly DatabaseConfig[], options: { signal?: AbortSignal } = {}): Promise<DatabaseTargets[]> {
  return resolveTargetsDiscovering(config, env, dbs, options);
}

/** Who runs: user@host, plus the CI job when a known CI variable says so. */
export function runContext(environment: string): RunContext {
  let user = process.env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    /* keep $USER */
  }
  const ci = process.env.GITHUB_RUN_ID
    ? ` (GitHub Actions ${process.env.GITHUB_REPOSITORY ?? ''} run ${process.env.GITHUB_RUN_ID})`
    : process.env.CI_JOB_ID
      ? ` (GitLab job ${process.env.CI_JOB_ID})`
      : process.env.BUILD_URL
        ? ` (${process.env.BUILD_URL})`
        : '';
  return { environment, by: `${user}@${hostname()}${ci}`, bbVersion: BB_VERSION };
}
