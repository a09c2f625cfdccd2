import type { ServerInfo } from './driver.js';

const parts = (text: string): number[] => (/(\d+)\.(\d+)(?:\.(\d+))?/.exec(text) ?? []).slice(1).map((p) => Number(p ?? 0));

/**
 * Tells MySQL, MariaDB and TiDB apart. VERSION() is "8.0.36", "10.11.6-MariaDB-0+deb12u1" or
 * "8.0.11-TiDB-v7.5.1"; tidb_version() (TiDB only) is a multi-line text whose first lines are
 * "Release Version: v7.5.1" and "Edition: Community".
 */
export function serverInfo(version: string, tidbVersion?: string): ServerInfo {
  if (tidbVersion !== undefined || /-TiDB-/i.test(version)) {
    const release = /Release Version:\s*v?([\d.]+)/i.exec(tidbVersion ?? '')?.[1] ?? /-TiDB-v?([\d.]+)/i.exec(version)?.[1] ?? '0.0.0';
    const mysql = /^([\d.]+)/.exec(version)?.[1] ?? '?';
    return { flavor: 'tidb', display: `TiDB v${release} (MySQL ${mysql} protocol)`, version: parts(release) };
  }
  if (/mariadb/i.test(version)) {
    // Old MariaDB releases prefixed "5.5.5-" for MySQL clients' sake.
    const v = version.replace(/^5\.5\.5-/, '');
    return { flavor: 'mariadb', display: `MariaDB ${/^[\d.]+/.exec(v)?.[0] ?? v}`, version: parts(v) };
  }
  return { flavor: 'mysql', display: `MySQL ${/^[\d.]+/.exec(version)?.[0] ?? version}`, version: parts(version) };
}

export function atLeast(version: readonly number[], ...min: number[]): boolean {
  for (let i = 0; i < min.length; i++) {
    const a = version[i] ?? 0;
    if (a !== min[i]) return a > min[i]!;
  }
  return true;
}
