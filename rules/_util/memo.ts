/**
 * Per-file indexes for rules that look at earlier statements: built once per linted file (O(n)), so a
 * rule stays linear on a 10,000-statement file instead of scanning ctx.previous for every statement.
 */
import type { LintFile } from '../../src/lint/types.js';

const cache = new WeakMap<LintFile, Map<string, unknown>>();

export function perFile<T>(file: LintFile, key: string, build: () => T): T {
  let m = cache.get(file);
  if (!m) {
    m = new Map();
    cache.set(file, m);
  }
  if (!m.has(key)) m.set(key, build());
  return m.get(key) as T;
}
