/**
 * Drift of one target: its live schema (introspection) against the snapshot bb stored after the last
 * migration that changed it. Never throws: an unreadable target comes back with status 'error'.
 */
import type { Session, TargetRef } from '../engine.js';
import { errorInfo, type ErrorInfo } from '../run/runner.js';
import { diffSnapshots, type SchemaChange } from './diff.js';

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
