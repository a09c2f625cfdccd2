import type { HistoryRow } from '../engine.js';
import type { Version } from './model.js';

/**
 * Parses "1.10", "1_1" (Flyway), "0001", "2017-12-12-223105" (diesel) into parts compared as numbers.
 * Parts are bigint so that 20-digit timestamps (ory/kratos) compare exactly.
 */
export function parseVersion(text: string): Version {
  const parts = text.split(/[._-]/).map((p) => BigInt(p));
  return Object.freeze({ text, parts: Object.freeze(parts) });
}

/** Numeric part by part: 9 < 10, 1.9 < 1.10, 1 < 1.0.1; 1.0 equals 1. */
export function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const x = a.parts[i] ?? 0n;
    const y = b.parts[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function isVersionText(text: string): boolean {
  return /^\d+(?:[._-]\d+)*$/.test(text);
}

/** Orders history keys: versions numerically, then repeatable keys (R__name) by name. */
export function compareKeys(a: string, b: string): number {
  const va = isVersionText(a);
  const vb = isVersionText(b);
  if (va && vb) return compareVersions(parseVersion(a), parseVersion(b));
  if (va !== vb) return va ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The highest version among `keys` (history keys or file versions; repeatable keys and undefined are
 * skipped): where a target stands after a run, which is not the last version applied when an older
 * one ran out of order.
 */
export function highestVersion(keys: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const key of keys) if (key !== undefined && isVersionText(key) && (best === undefined || compareVersions(parseVersion(key), parseVersion(best)) > 0)) best = key;
  return best;
}

/** The highest version a history counts as applied (done; a baseline counts, a repeatable does not). */
export function latestApplied(rows: readonly HistoryRow[]): string | undefined {
  return highestVersion(rows.filter((r) => r.status === 'done' && r.kind !== 'repeatable').map((r) => r.version));
}
