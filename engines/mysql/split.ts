/**
 * Splits MySQL scripts the way the `mysql` command-line client does, plus one convenience.
 *
 * - The delimiter is `;` until a `DELIMITER X` line (any case, at the start of a statement) changes it;
 *   X may be several characters (`//`, `$$`, `d//`, `:;`), may be quoted ('MySQL'), and may hold the
 *   escapes `\n`, `\t`, `\\` (Atlas's `\n\n` delimiter). A `-- bb:delimiter X` comment does the same
 *   (bb's directive; `options.delimiter` sets the initial one).
 * - With `;` the statement text keeps its `;` (as the PostgreSQL splitter does); with any other
 *   delimiter the delimiter is dropped and the text is trimmed, because the server never sees it.
 * - The delimiter is not looked for inside '…' and "…" strings (backslash escapes and doubled quotes),
 *   `…` identifiers, `#` / `-- ` (dash dash whitespace) / `/* *\/` comments.
 * - `/*! … *\/` and `/*M! … *\/` are executable version comments, not comments: at the start of a
 *   statement they begin one (mysqldump's `/*!40101 SET … *\/;`).
 * - Beyond the client: with the `;` delimiter, the `BEGIN … END` body of CREATE PROCEDURE / FUNCTION /
 *   TRIGGER / EVENT (and MariaDB's `BEGIN NOT ATOMIC` block) stays one statement, so a routine can be
 *   written without DELIMITER. Inside a body, CASE … END / END CASE nest; END IF / LOOP / REPEAT / WHILE
 *   close blocks that never opened a level.
 */
import type { RawStatement } from '../../src/engine.js';
import { LineIndex } from '../../src/sql/lines.js';
import { blockCommentEnd, isIdentChar, isIdentStart, isSpace as isSqlSpace, lineEnd, quotedEnd, wordEnd } from '../../src/sql/scan.js';

/** MySQL also reads the vertical tab as a space. */
const isSpace = (c: number): boolean => isSqlSpace(c) || c === 11;

const ROUTINE_HEAD = /^(?:\/\*[\s\S]*?\*\/\s*)*CREATE\s+(?:OR\s+REPLACE\s+)?(?:DEFINER\s*=\s*(?:'[^']*'|`[^`]*`|"[^"]*"|[^\s@]+)(?:\s*@\s*(?:'[^']*'|`[^`]*`|"[^"]*"|[^\s]+))?\s+)?(?:SQL\s+SECURITY\s+\w+\s+)?(?:AGGREGATE\s+)?(?:PROCEDURE|FUNCTION|TRIGGER|EVENT)\b/i;
const BLOCK_END_FOLLOWERS = new Set(['IF', 'LOOP', 'REPEAT', 'WHILE', 'FOR']);

/** `DELIMITER` argument → delimiter: quotes stripped, `\n` `\t` `\\` unescaped. */
export function readDelimiter(raw: string, whole = false): string {
  let value = raw.trim();
  const m = /^(['"`])(.*)\1/.exec(value);
  if (m) value = m[2]!;
  else if (!whole) value = value.split(/[ \t]/)[0] ?? '';
  return value.replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
}

export function splitMysql(sql: string, options: { delimiter?: string } = {}): RawStatement[] {
  const out: RawStatement[] = [];
  const lines = new LineIndex(sql);
  const n = sql.length;
  let delimiter = options.delimiter ? readDelimiter(options.delimiter, true) : ';';
  let i = 0;
  let start = -1;
  let comments: string[] = [];
  let compound: boolean | undefined; // undefined until the first BEGIN decides whether it opens a body
  let depth = 0;
  // First character of the delimiter, so most positions are rejected without a string compare.
  let d0 = delimiter.charCodeAt(0);
  const at = (i: number): boolean => sql.charCodeAt(i) === d0 && (delimiter.length === 1 || sql.startsWith(delimiter, i));

  const push = (end: number, keep: boolean): void => {
    let e = end;
    if (!keep) while (e > start && isSpace(sql.charCodeAt(e - 1))) e--;
    if (e > start) out.push({ index: out.length, text: sql.slice(start, e), span: lines.span(start, e - start), comments });
    start = -1;
    comments = [];
    compound = undefined;
    depth = 0;
  };

  while (i < n) {
    const c = sql.charCodeAt(i);
    if (start === -1) {
      // DELIMITER command: a client command, never sent to the server.
      if ((c === 100 || c === 68) && /^delimiter[ \t]/i.test(sql.slice(i, i + 10))) {
        const end = lineEnd(sql, i);
        const next = readDelimiter(sql.slice(i + 10, end));
        if (next !== '') {
          delimiter = next;
          d0 = delimiter.charCodeAt(0);
        }
        i = end;
        continue;
      }
      if (at(i)) {
        i += delimiter.length; // an empty statement
        continue;
      }
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (isDashComment(sql, i) || c === 35) {
        const end = lineEnd(sql, i);
        const text = sql.slice(i, end);
        comments.push(text);
        const directive = /^--\s*bb:delimiter[ \t]+(\S.*?)\s*$/i.exec(text);
        if (directive) {
          delimiter = readDelimiter(directive[1]!, true);
          d0 = delimiter.charCodeAt(0);
        }
        i = end;
        continue;
      }
      if (c === 47 && sql.charCodeAt(i + 1) === 42 && !isVersionComment(sql, i)) {
        const end = blockCommentEnd(sql, i);
        comments.push(sql.slice(i, end));
        i = end;
        continue;
      }
      start = i;
    }
    // Inside a statement: the delimiter first (it may look like a comment: "-- end", "\n-- end --\n").
    if (at(i) && !(depth > 0 && delimiter === ';')) {
      if (delimiter === ';') push(i + 1, true);
      else push(i, false);
      i += delimiter.length;
      continue;
    }
    if (c === 39 || c === 34) {
      i = quotedEnd(sql, i, c, true);
      continue;
    }
    if (c === 96) {
      i = quotedEnd(sql, i, 96, false);
      continue;
    }
    if (isDashComment(sql, i) || c === 35) {
      i = lineEnd(sql, i);
      continue;
    }
    if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      i = blockCommentEnd(sql, i);
      continue;
    }
    if (isIdentStart(c) && !isIdentChar(sql.charCodeAt(i - 1)) && sql.charCodeAt(i - 1) !== 46 && sql.charCodeAt(i - 1) !== 64) {
      let j = wordEnd(sql, i);
      const word = sql.slice(i, j).toUpperCase();
      if (word === 'BEGIN' || word === 'CASE' || word === 'END') {
        if (compound === undefined && word === 'BEGIN') {
          const head = sql.slice(start, i);
          compound = ROUTINE_HEAD.test(head) || (head.trim() === '' && /^BEGIN\s+NOT\s+ATOMIC\b/i.test(sql.slice(i, i + 40)));
        }
        if (compound) {
          if (word === 'BEGIN') depth++;
          else if (word === 'CASE' && depth > 0) depth++;
          else if (word === 'END' && depth > 0) {
            const [next, after] = nextWord(sql, j);
            if (!BLOCK_END_FOLLOWERS.has(next)) depth--;
            if (next === 'CASE' || BLOCK_END_FOLLOWERS.has(next)) j = after; // END CASE is one token pair
          }
        }
      }
      // Advance one character only: a delimiter may sit inside a word ("t1delimiter", "t1MySQL").
      i++;
      while (i < j && !at(i)) i++;
      continue;
    }
    i++;
  }
  if (start !== -1) push(n, false);
  return out;
}

/** `-- ` starts a comment only when followed by whitespace or the end (MySQL: `1--1` is arithmetic). */
/** `-- ` (dash dash, then whitespace or the end): a comment to the end of the line in MySQL. */
export function isDashComment(sql: string, i: number): boolean {
  if (sql.charCodeAt(i) !== 45 || sql.charCodeAt(i + 1) !== 45) return false;
  const next = sql.charCodeAt(i + 2);
  return Number.isNaN(next) || isSpace(next);
}

/** `/*!` or `/*M!` at i: an executable (version) comment, whose text the server runs. */
export function isVersionComment(sql: string, i: number): boolean {
  const c = sql.charCodeAt(i + 2);
  return c === 33 || ((c === 77 || c === 109) && sql.charCodeAt(i + 3) === 33);
}

/** The word after position i (skipping whitespace) and the offset just past it. */
function nextWord(sql: string, i: number): [string, number] {
  while (i < sql.length && isSpace(sql.charCodeAt(i))) i++;
  let j = i;
  while (j < sql.length && isIdentChar(sql.charCodeAt(j))) j++;
  return [sql.slice(i, j).toUpperCase(), j];
}

