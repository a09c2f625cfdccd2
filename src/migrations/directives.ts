import { BbError } from '../errors.js';
import { didYouMean } from '../util/closest.js';
import type { Directives } from './model.js';

const FILE_DIRECTIVES = ['transaction', 'disable', 'disable-next-statement', 'delimiter', 'backup'] as const;
const MENTIONS_BB = /bb:/i;

/** An unknown, misplaced or malformed `-- bb:` directive: its 1-based line, what is wrong, and what to do. */
export interface DirectiveProblem {
  readonly line: number;
  readonly message: string;
  readonly hint: string;
}

/**
 * Reads `-- bb:` directives from the comment lines at the top of a file (before the first statement).
 * `disable-next-statement` and `backup` may appear anywhere; they are read by the linter and runner
 * from each statement's own comments, and only checked for spelling here. Throws the first problem as
 * a migration-dir error naming `path` and the line: bb migrate and bb plan refuse such a file.
 */
export function parseDirectives(sql: string, path: string): Directives {
  const { directives, problems } = readDirectives(sql);
  const first = problems[0];
  if (first) throw new BbError('migration-dir', `${path}:${first.line}: ${first.message}`, { hint: first.hint });
  return directives;
}

const DIRECTIVE_RE = /^--\s*bb:([a-z-]+)\s*(.*)$/i;

/**
 * A `-- bb:` comment after code on its line (`CREATE …; -- bb:disable-next-statment x`): checked like
 * one on its own line, so that a misspelt one is not skipped without a word. Not inside a string
 * literal: the code before it must hold an even number of single quotes.
 */
function trailingDirective(line: string): RegExpExecArray | null {
  const at = line.search(/--\s*bb:/i);
  if (at <= 0 || line.slice(0, at).split("'").length % 2 === 0) return null;
  return DIRECTIVE_RE.exec(line.slice(at));
}

/** A block comment starts the text; MySQL's executable comments (`/*!40101 SET … *\/`, MariaDB's `/*M!…`) are statements. */
const isBlockComment = (text: string): boolean => text.startsWith('/*') && !/^\/\*M?!/.test(text);

/**
 * parseDirectives without throwing, for the linter: every problem, and the directives of the lines
 * that have none (a misplaced directive is left out; the valid ones around it still count).
 */
export function readDirectives(sql: string): { directives: Directives; problems: readonly DirectiveProblem[] } {
  let transaction: 'auto' | 'off' = 'auto';
  const disable: string[] = [];
  let delimiter: string | undefined;
  const problems: DirectiveProblem[] = [];
  const lines = sql.split('\n');
  let inHeader = true;
  // The header may hold block comments too (a licence or a description above the directives): the
  // header ends at the first line that starts neither a comment nor stays inside one.
  let inBlockComment = false;
  for (let i = 0; i < lines.length; i++) {
    // Below the header only a line naming bb: can hold a directive (a 10,000-statement file has ~40,000 lines).
    if (!inHeader && !MENTIONS_BB.test(lines[i]!)) continue;
    const line = lines[i]!.trim();
    if (inHeader) {
      if (inBlockComment || isBlockComment(line)) {
        // A line in or starting with a block comment holds no directive; what follows the comment may end the header.
        let rest = line;
        while (inBlockComment || isBlockComment(rest)) {
          const close = rest.indexOf('*/', inBlockComment ? 0 : 2);
          inBlockComment = close === -1;
          rest = inBlockComment ? '' : rest.slice(close + 2).trim();
          if (inBlockComment) break;
        }
        if (rest !== '' && !rest.startsWith('--')) inHeader = false;
        continue;
      }
      if (line !== '' && !line.startsWith('--')) inHeader = false;
    }
    const m = DIRECTIVE_RE.exec(line) ?? trailingDirective(line);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (!(FILE_DIRECTIVES as readonly string[]).includes(name)) {
      problems.push({ line: i + 1, message: `unknown directive "bb:${name}"${didYouMean(name, FILE_DIRECTIVES)}.`, hint: `Known directives: ${FILE_DIRECTIVES.map((d) => `bb:${d}`).join(', ')}.` });
      continue;
    }
    if (name === 'disable-next-statement' || name === 'backup') continue;
    if (!inHeader) {
      if (name === 'delimiter') continue; // a splitter directive may change the delimiter mid-file
      problems.push({ line: i + 1, message: `"bb:${name}" must be in the comments at the top of the file, before the first statement.`, hint: 'Move the directive to the top of the file.' });
      continue;
    }
    if (name === 'transaction') {
      if (!/^(off|on|auto)$/i.test(value)) {
        problems.push({ line: i + 1, message: `"bb:transaction ${value}" is not valid.`, hint: 'Write "-- bb:transaction off".' });
        continue;
      }
      transaction = value.toLowerCase() === 'off' ? 'off' : 'auto';
    } else if (name === 'disable') {
      disable.push(...value.split(/[\s,]+/).filter(Boolean));
    } else if (name === 'delimiter') {
      delimiter = value;
    }
  }
  const directives: Directives = delimiter === undefined ? { transaction, disable } : { transaction, disable, delimiter };
  return { directives, problems };
}
