/**
 * Splits Snowflake scripts the way SnowSQL and Snowsight do: `;` ends a statement unless it is inside
 * a string ('…' with backslash escapes and '' doubling), a quoted identifier ("…"), a `$$ … $$` body,
 * a comment (`--`, `//` and `/* *\/`, which do not nest in Snowflake), parentheses, or a Snowflake
 * Scripting block: `BEGIN … END` (anonymous block) and `DECLARE … BEGIN … END`, where IF/LOOP/CASE …
 * END nest. `BEGIN;`, `BEGIN TRANSACTION`, `BEGIN WORK` and `BEGIN NAME x` start a transaction, not a
 * block. BEGIN elsewhere (a column named begin) is a name. The statement text keeps its terminating `;`; a last statement without one ends at the end
 * of the file.
 */
import type { RawStatement } from '../../src/engine.js';
import { LineIndex } from '../../src/sql/lines.js';
import { blockCommentEnd, dollarQuotedEnd, isIdentChar, isIdentStart, isSpace, lineEnd, quotedEnd, wordEnd } from '../../src/sql/scan.js';

/** Words that close a construct with `END <word>` (END IF, END LOOP, …): not the end of a block. */
const END_SUFFIX = new Set(['IF', 'LOOP', 'FOR', 'WHILE', 'REPEAT', 'CASE']);
/** After BEGIN these mean a transaction, not a Snowflake Scripting block. */
const TRANSACTION_WORDS = new Set(['TRANSACTION', 'WORK', 'NAME']);

export function splitSnowflake(sql: string): RawStatement[] {
  const out: RawStatement[] = [];
  const lines = new LineIndex(sql);
  const n = sql.length;
  let i = 0;
  let start = -1;
  let comments: string[] = [];
  let parens = 0;
  let blocks = 0; // open BEGIN … END blocks
  let cases = 0; // open CASE … END inside a block
  let declare = false; // inside a DECLARE section, before its BEGIN
  let words = 0; // words seen in the current statement
  let lastWord = '';

  const push = (end: number): void => {
    out.push({ index: out.length, text: sql.slice(start, end), span: lines.span(start, end - start), comments });
    start = -1;
    comments = [];
    parens = 0;
    blocks = 0;
    cases = 0;
    declare = false;
    words = 0;
    lastWord = '';
  };

  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if ((c === 45 && sql.charCodeAt(i + 1) === 45) || (c === 47 && sql.charCodeAt(i + 1) === 47)) {
      const end = lineEnd(sql, i);
      if (start === -1) comments.push(sql.slice(i, end));
      i = end;
      continue;
    }
    if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      const end = blockCommentEnd(sql, i);
      if (start === -1) comments.push(sql.slice(i, end));
      i = end;
      continue;
    }
    if (start === -1) start = i;
    if (c === 39) {
      i = quotedEnd(sql, i, 39, true);
      continue;
    }
    if (c === 34) {
      i = quotedEnd(sql, i, 34, false);
      continue;
    }
    if (c === 36 && sql.charCodeAt(i + 1) === 36) {
      i = dollarQuotedEnd(sql, i, '$$');
      continue;
    }
    if (c === 40) {
      parens++;
      i++;
      continue;
    }
    if (c === 41) {
      if (parens > 0) parens--;
      i++;
      continue;
    }
    if (c === 59) {
      i++;
      if (parens === 0 && blocks === 0 && !declare) push(i);
      continue;
    }
    if (isIdentStart(c) && !isIdentChar(sql.charCodeAt(i - 1))) {
      const j = wordEnd(sql, i);
      const word = sql.slice(i, j).toUpperCase();
      words++;
      if (word === 'DECLARE' && words === 1) declare = true;
      else if (word === 'BEGIN' && (words === 1 || declare || blocks > 0 || lastWord === 'AS')) {
        // A block starts a statement, follows DECLARE or AS (procedure bodies), or nests in a block;
        // elsewhere BEGIN is a name (SELECT begin, end FROM t).
        const next = nextWord(sql, j);
        if (!(next === ';' || next === '' || TRANSACTION_WORDS.has(next)) || declare) {
          blocks++;
          declare = false;
        }
      } else if (blocks > 0 && word === 'CASE' && lastWord !== 'END') cases++;
      else if (blocks > 0 && word === 'END') {
        const next = nextWord(sql, j);
        if (cases > 0 && (next === 'CASE' || !END_SUFFIX.has(next))) cases--;
        else if (!END_SUFFIX.has(next)) blocks--;
      }
      lastWord = word;
      i = j;
      continue;
    }
    i++;
  }
  if (start !== -1) {
    let end = n;
    while (end > start && isSpace(sql.charCodeAt(end - 1))) end--;
    push(end);
  }
  return out;
}

/** The next word (upper case) or punctuation character after offset i, skipping blanks and comments; '' at the end. */
function nextWord(sql: string, i: number): string {
  const n = sql.length;
  for (;;) {
    while (i < n && isSpace(sql.charCodeAt(i))) i++;
    if (i >= n) return '';
    const c = sql.charCodeAt(i);
    if ((c === 45 && sql.charCodeAt(i + 1) === 45) || (c === 47 && sql.charCodeAt(i + 1) === 47)) {
      i = lineEnd(sql, i);
      continue;
    }
    if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      i = blockCommentEnd(sql, i);
      continue;
    }
    if (!isIdentStart(c)) return sql[i]!;
    return sql.slice(i, wordEnd(sql, i)).toUpperCase();
  }
}

