import { readFileSync } from 'node:fs';

/** bb's version from package.json (read once; recorded in every history row). */
export const BB_VERSION: string = (() => {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      /* next */
    }
  }
  return '0.0.0';
})();
