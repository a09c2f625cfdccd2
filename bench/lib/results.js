/** Writes a benchmark's result as JSON to bench/results/<name>-<timestamp>.json and <name>-latest.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_DIR = join(import.meta.dirname, '..', 'results');

/**
 * @param {string} name  e.g. "migrate"
 * @param {unknown} data
 * @returns {{ file: string, latest: string }}
 */
export function writeResults(name, data) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(RESULTS_DIR, `${name}-${stamp}.json`);
  const latest = join(RESULTS_DIR, `${name}-latest.json`);
  const text = `${JSON.stringify(data, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(latest, text);
  return { file, latest };
}
