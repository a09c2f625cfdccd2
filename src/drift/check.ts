/**
 * Drift of one target: its live schema (introspection) against the snapshot bb stored after the last
 * migration that changed it. Never throws: an unreadable target comes back with status 'error'.
 */
import type { Session, TargetRef } from '../engine.js';
import { errorInfo, type ErrorInfo } from '../run/runner.js';
import { diffSnapshots, summarize, type SchemaChange } from './diff.js';
import { snapshotLabel } from './snapshot.js';

export interface DriftResult {
  readonly target: TargetRef;
  /** clean: live = snapshot; drift: they differ; no-snapshot: bb never migrated it (nothing to compare); error: could not read. */
  readonly status: 'clean' | 'drift' | 'no-snapshot' | 'error';
  /** The snapshot compared against: the version it was taken after, and when. */
  readonly snapshot?: { readonly version: string; readonly takenAt: string };
  /** snapshot → live; empty unless status is 'drift'. */
  readonly changes: readonly SchemaChange[];
  readonly error?: ErrorInfo;
}

export async function checkDrift(session: Session): Promise<DriftResult> {
  const target = session.target;
  try {
    const last = await session.history.latestSnapshot();
    if (!last) return { target, status: 'no-snapshot', changes: [] };
    const live = await session.introspect();
    const changes = diffSnapshots(last.snapshot, live);
    return { target, status: changes.length > 0 ? 'drift' : 'clean', snapshot: { version: last.version, takenAt: last.takenAt }, changes };
  } catch (error) {
    return { target, status: 'error', changes: [], error: errorInfo(error) };
  }
}

/**
 * The error with which drift: fail refuses a target that has something to apply (bb migrate, and bb
 * plan, which shows what migrate would refuse). Undefined when the target has not drifted.
 */
export function driftRefusal(d: DriftResult, environment: string): { kind: 'drift'; message: string; hint: string } | undefined {
  if (d.status !== 'drift') return undefined;
  return {
    kind: 'drift',
    message: `${d.target.id} has drifted from its last snapshot (${snapshotLabel(d.snapshot?.version)}): ${summarize(d.changes)}.`,
    hint: `See bb drift --env ${environment}; put the change in a migration or undo it, then run bb migrate again (drift: warn or off in the config relaxes this check).`,
  };
}
