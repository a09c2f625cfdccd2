import { BbError } from '../errors.js';
import type { MigrationDir } from '../migrations/model.js';
import { compareVersions, parseVersion } from '../migrations/version.js';

/**
 * `--to V` must name a versioned migration of one of the folders it applies to. A typo (0009 for
 * 0008) or a version not merged yet would otherwise apply everything pending and exit 0, as if asked.
 * Several databases number their migrations on their own, so the version needs to exist in one of them.
 */
export function checkToVersion(to: string, dirs: readonly MigrationDir[]): void {
  if (dirs.length === 0) return;
  const wanted = parseVersion(to);
  const versions = dirs.flatMap((d) => d.files.flatMap((f) => (f.version ? [f.version] : [])));
  if (versions.some((v) => compareVersions(v, wanted) === 0)) return;
  const names = dirs.map((d) => d.database).join(', ');
  const around = versions.length === 0 ? 'it has no versioned migration' : `its versions go from ${versions.reduce((a, b) => (compareVersions(a, b) <= 0 ? a : b)).text} to ${versions.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b)).text}`;
  throw new BbError('usage', `--to ${to} names no migration of ${names} (${dirs.length === 1 ? around : around.replace(/^its/, 'their')}).`, {
    hint: 'Give the version of a migration file (bb status lists them), or leave --to out to apply everything pending.',
    code: 'usage.to-version',
  });
}
