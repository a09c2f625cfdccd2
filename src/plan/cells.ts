/**
 * Where each version stands on one target, from its history rows and the folder: the cells of
 * `bb status` and `bb report`. Pure.
 */
import type { HistoryRow } from '../engine.js';
import type { MigrationFile } from '../migrations/model.js';
import { compareVersions, parseVersion } from '../migrations/version.js';

export type CellState = 'done' | 'pending' | 'failed' | 'running' | 'mismatch' | 'missing-file' | 'baseline' | 'unknown';

export interface VersionCell {
  readonly state: CellState;
  /** What a person needs next to the state: the error, the progress, the checksums, who applied it. */
  readonly detail?: string;
}

/** One cell per version key; every cell 'unknown' when the history could not be read (rows undefined). */
export function versionCells(versions: readonly string[], files: ReadonlyMap<string, MigrationFile>, rows: readonly HistoryRow[] | undefined): VersionCell[] {
  if (!rows) return versions.map(() => ({ state: 'unknown' }));
  const byKey = new Map(rows.map((r) => [r.version, r]));
  const baseline = rows.filter((r) => r.kind === 'baseline' && r.status === 'done').map((r) => parseVersion(r.version)).sort(compareVersions).pop();
  return versions.map((version): VersionCell => {
    const file = files.get(version);
    const r = byKey.get(version);
    if (!r || r.kind === 'baseline') return { state: baseline && file?.version && compareVersions(file.version, baseline) <= 0 ? 'baseline' : 'pending' };
    if (r.status === 'failed') return { state: 'failed', ...(r.error ? { detail: r.error } : {}) };
    if (r.status === 'pending') return { state: 'running', detail: `${r.applied}/${r.total} statements, since ${r.startedAt}` };
    if (!file) return { state: 'missing-file', detail: `${r.path} is recorded but no longer in the folder` };
    if (r.kind === 'versioned' && r.checksum !== file.checksum) return { state: 'mismatch', detail: `${file.path} changed after it was applied (recorded ${r.checksum.slice(0, 19)}…, now ${file.checksum.slice(0, 19)}…)` };
    if (r.kind === 'repeatable' && r.checksum !== file.checksum) return { state: 'pending', detail: 'changed since it was last applied' };
    return { state: 'done', detail: `${r.finishedAt ?? r.startedAt} by ${r.by}` };
  });
}

/** The highest version applied (done, changed since, or covered by a baseline), repeatables aside. */
export function currentVersion(versions: readonly string[], cells: readonly { readonly state: string }[]): string | undefined {
  let current: string | undefined;
  cells.forEach((c, i) => {
    if ((c.state === 'done' || c.state === 'mismatch' || c.state === 'baseline') && !versions[i]!.startsWith('R__')) current = versions[i];
  });
  return current;
}
