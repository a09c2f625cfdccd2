/**
 * A new schema snapshot after a command that changed the schema outside a migrate run: bb rollback
 * (down files), and bb repair when it records a hand-finished or hand-undone migration. Without it,
 * bb drift would report bb's own rollback (or the fix the user just recorded) as drift, and with
 * drift: fail (the default of protected environments) the next bb migrate would refuse to run.
 */
import type { Session } from '../engine.js';
import { causeMessage } from '../errors.js';
import { latestApplied } from '../migrations/version.js';

/**
 * Stores the live schema as the target's latest snapshot, tagged with the highest version the history
 * now counts as applied ('' when none is). Never throws: returns the reason when it could not.
 */
export async function refreshSnapshot(session: Session): Promise<string | undefined> {
  try {
    const version = latestApplied(await session.history.read()) ?? '';
    await session.history.saveSnapshot(version, await session.introspect());
    return undefined;
  } catch (error) {
    return `could not store the schema snapshot: ${causeMessage(error)}`;
  }
}

/** How output names a snapshot: "after 0003", or "with no version applied" after everything was rolled back. */
export function snapshotLabel(version: string | undefined): string {
  return version === undefined ? 'after ?' : version === '' ? 'with no version applied' : `after ${version}`;
}
