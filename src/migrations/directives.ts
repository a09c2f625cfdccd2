import { BbError } from '../errors.js';
import { didYouMean } from '../util/closest.js';
import type { Directives } from './model.js';

const FILE_DIRECTIVES = ['transaction', 'disable', 'disable-next-statement', 'delimiter', 'backup'] as const;
const MENTIONS_BB = /bb:/i;

/**
 * Reads `-- bb:` directives from the comment lines at the top of a file (before the first statement).
 * `disable-next-statement` and `backup` may appear anywhere; they are read by the linter and runner
 * from each statement's own comments, and only checked for spelling here.
 */
export function parseDirectives(sql: string, path: string): Directives {
  let transaction: 'auto' | 'off' = 'auto';
  const disable: string[] = [];
  let delimiter: string | undefined;
  const lines = sql.split('\n');
  let inHeader = true;
  for (let i = 0; i < lines.length; i++) {
    // Below the header only a line naming bb: can hold a directive (a 10,000-statement file has ~40,000 lines).
    if (!inHeader && !MENTIONS_BB.test(lines[i]!)) continue;
    const line = lines[i]!.trim();
    if (inHeader && line !== '' && !line.startsWith('--')) inHeader = false;
    const m = /^--\s*bb:([a-z-]+)\s*(.*)$/i.exec(line);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (!(FILE_DIRECTIVES as readonly string[]).includes(name)) {
      throw new BbError('migration-dir', `${path}:${i + 1}: unknown directive "bb:${name}"${didYouMean(name, FILE_DIRECTIVES)}.`, {
        hint: `Known directives: ${FILE_DIRECTIVES.map((d) => `bb:${d}`).join(', ')}.`,
      });
    }
    if (name === 'disable-next-statement' || name === 'backup') continue;
    if (!inHeader) {
      if (name === 'delimiter') continue; // a splitter directive may change the delimiter mid-file
      throw new BbError('migration-dir', `${path}:${i + 1}: "bb:${name}" must be in the comments at the top of the file, before the first statement.`, {
        hint: 'Move the directive to the top of the file.',
      });
    }
    if (name === 'transaction') {
      if (!/^(off|on|auto)$/i.test(value)) {
        throw new BbError('migration-dir', `${path}:${i + 1}: "bb:transaction ${value}" is not valid.`, { hint: 'Write "-- bb:transaction off".' });
      }
      transaction = value.toLowerCase() === 'off' ? 'off' : 'auto';
    } else if (name === 'disable') {
      disable.push(...value.split(/[\s,]+/).filter(Boolean));
    } else if (name === 'delimiter') {
      delimiter = value;
    }
  }
  return delimiter === undefined ? { transaction, disable } : { transaction, disable, delimiter };
}
