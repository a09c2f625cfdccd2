/**
 * Every environment's history for one database, read once, with unreachable targets (and targets whose
 * URL cannot even be resolved, e.g. a secret missing in a pull-request job) kept as errors beside the
 * others instead of stopping the command. `bb review` and `bb report` read the world through this.
 * Optionally each target's drift is checked on the same connection: every environment's (bb report), or
 * only those the option picks (bb review: the environments with drift: fail, whose drift bb migrate refuses).
 */
import type { Config, EnvironmentConfig, TargetConfig } from '../config/model.js';
import type { HistoryRow, Session, TargetRef } from '../engine.js';
import { BbError } from '../errors.js';
import { withoutGroup } from '../config/targets.js';
import { mapPool } from '../run/fleet.js';
import { connectTarget, discoverTargets, pendingRunners, type LoadedDatabase } from '../run/project.js';
import type { Runners } from '../plan/cells.js';

export interface TargetDrift {
  readonly status: 'clean' | 'drift' | 'no-snapshot' | 'error';
  /** The version the compared snapshot was taken after. */
  readonly snapshotVersion?: string;
  readonly changes: readonly { readonly kind: string; readonly name: string; readonly change: string }[];
  readonly error?: string;
  /** Set when status is 'drift': the error with which drift: fail refuses the target (src/drift/check.ts driftRefusal). */
  readonly refusal?: { readonly message: string; readonly hint: string };
}

export interface TargetHistory {
  readonly target: TargetRef;
  /** Undefined when the history could not be read (see error). Empty when the target has no history yet. */
  readonly rows?: readonly HistoryRow[];
  readonly error?: { readonly kind: string; readonly message: string; readonly hint?: string };
  /** Set when drift was asked for and the target could be read. */
  readonly drift?: TargetDrift;
  /** Who holds the migration lock, for each pending row (src/plan/cells.ts Runners): running or interrupted. */
  readonly runners?: Runners;
  /** Why the lock's holder could not be asked: its pending rows are running, not interrupted (src/run/project.ts pendingRunners). */
  readonly lockError?: { readonly kind: string; readonly message: string; readonly hint?: string };
}

export interface EnvironmentHistories {
  readonly environment: EnvironmentConfig;
  /** The target as configured: a single database or a group (tenant fleet). */
  readonly kind: TargetConfig['kind'];
  /** One per member (one for a single target). */
  readonly targets: readonly TargetHistory[];
}

/** Histories of `db` in every environment that has a target for it, in promotion order. */
export async function readAllHistories(
  config: Config,
  db: LoadedDatabase,
  options: { signal?: AbortSignal; environments?: readonly EnvironmentConfig[]; drift?: boolean | ((env: EnvironmentConfig) => boolean) } = {},
): Promise<EnvironmentHistories[]> {
  const out: EnvironmentHistories[] = [];
  for (const env of options.environments ?? config.environments) {
    const tc = env.targets.get(db.config.name);
    if (!tc) continue;
    let members;
    try {
      [members] = await discoverTargets(config, env, [db.config], options.signal ? { signal: options.signal } : {});
    } catch (error) {
      if (!(error instanceof BbError)) throw error;
      const ref: TargetRef = { environment: env.name, database: db.config.name, id: `${env.name}/${db.config.name}`, url: '(unresolved)' };
      // One row for the group (kind single: its members are unknown, so none are listed), which names
      // it: its discovery or empty-group error is quoted without the name.
      out.push({ environment: env, kind: 'single', targets: [{ target: ref, error: { ...plain(error), message: withoutGroup(error.message, ref.id) } }] });
      continue;
    }
    if (!members) continue;
    const drift = typeof options.drift === 'function' ? options.drift(env) : options.drift === true;
    const concurrency = tc.kind === 'group' ? Math.max(1, Math.min(8, tc.concurrency)) : 1;
    const read = await mapPool(members.members, concurrency, async (target): Promise<TargetHistory> => {
      let session: Session | undefined;
      try {
        // Reading never creates an embedded database: one that does not exist yet has an empty history.
        session = await connectTarget(db.engine, target, { ...(options.signal ? { signal: options.signal } : {}), openTimeoutMs: 10_000, existing: true });
        const read = await session.history.read();
        // A pending row is told running from interrupted by asking who holds the lock, as bb status does.
        const { rows, runners, lockError } = read.some((r) => r.status === 'pending') ? await pendingRunners(session, read) : { rows: read, runners: undefined, lockError: undefined };
        const checked = drift && rows.length > 0 ? await checkDriftOf(session, env.name) : undefined;
        return { target: target.ref, rows, ...(runners ? { runners } : {}), ...(lockError ? { lockError: plain(lockError) } : {}), ...(checked ? { drift: checked } : {}) };
      } catch (error) {
        if (error instanceof BbError && error.code === 'connect.not-created') return { target: target.ref, rows: [] };
        const e = error instanceof BbError ? error : new BbError('connect', `${target.ref.id}: ${(error as Error).message}`);
        return { target: target.ref, error: plain(e) };
      } finally {
        await session?.close().catch(() => undefined);
      }
    });
    out.push({ environment: env, kind: tc.kind, targets: read.filter((t): t is TargetHistory => t !== undefined) });
  }
  return out;
}

async function checkDriftOf(session: Session, environment: string): Promise<TargetDrift> {
  const { checkDrift, driftRefusal } = await import('../drift/check.js');
  const r = await checkDrift(session);
  const refusal = driftRefusal(r, environment);
  return {
    status: r.status,
    ...(r.snapshot ? { snapshotVersion: r.snapshot.version } : {}),
    changes: r.changes.map((c) => ({ kind: c.kind, name: c.name, change: c.change })),
    ...(r.error ? { error: r.error.message } : {}),
    ...(refusal ? { refusal: { message: refusal.message, hint: refusal.hint } } : {}),
  };
}

function plain(error: BbError): { kind: string; message: string; hint?: string } {
  return { kind: error.kind, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}
