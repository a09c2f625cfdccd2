/**
 * Splits PostgreSQL scripts the way psql does: `;` ends a statement unless it is inside a string
 * ('…', E'…' with backslash escapes, "…"), a dollar-quoted body ($$…$$, $tag$…$tag$), a comment
 * (-- and nested /* *\/), parentheses, or a SQL-standard function body (BEGIN ATOMIC … END, where
 * CASE … END nests). The statement text keeps its terminating `;`. A `#` line before a statement is
 * read as a comment (other tools' files have them); PostgreSQL itself never starts a statement with `#`.
 */
import type { RawStatement } from '../../src/engine.js';
import { LineIndex } from '../../src/sql/lines.js';
import { dollarQuotedEnd, dollarTag, isIdentChar, isIdentStart, isSpace, lineEnd, nestedBlockCommentEnd, quotedEnd, wordEnd } from '../../src/sql/scan.js';

export function splitPostgres(sql: string): RawStatement[] {
  const out: RawStatement[] = [];
  const lines = new LineIndex(sql);
  const n = sql.length;
  let i = 0;
  let start = -1; // offset of the current statement's first character, -1 between statements
  let comments: string[] = [];
  let parens = 0;
  let atomic = 0; // depth of BEGIN ATOMIC bodies
  let cases = 0; // CASE … END nesting inside an atomic body
  let lastWord = '';

  const push = (end: number): void => {
    const text = sql.slice(start, end);
    out.push({ index: out.length, text, span: lines.span(start, end - start), comments });
    start = -1;
    comments = [];
    parens = 0;
    atomic = 0;
    cases = 0;
    lastWord = '';
  };

  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    // -- line comment
    if (c === 45 && sql.charCodeAt(i + 1) === 45) {
      const end = lineEnd(sql, i);
      if (start === -1) comments.push(sql.slice(i, end));
      i = end;
      continue;
    }
    // # line comment, only between statements
    if (c === 35 && start === -1) {
      const end = lineEnd(sql, i);
      comments.push(sql.slice(i, end));
      i = end;
      continue;
    }
    // /* nested block comment */
    if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      const end = nestedBlockCommentEnd(sql, i);
      if (start === -1) comments.push(sql.slice(i, end));
      i = end;
      continue;
    }
    if (start === -1) start = i;
    if (c === 39) {
      // '…' or E'…'
      const prev = sql.charCodeAt(i - 1);
      const escapes = (prev === 69 || prev === 101) && !isIdentChar(sql.charCodeAt(i - 2));
      i = quotedEnd(sql, i, 39, escapes);
      continue;
    }
    if (c === 34) {
      i = quotedEnd(sql, i, 34, false);
      continue;
    }
    if (c === 36) {
      const tag = dollarTag(sql, i);
      i = tag !== undefined && !isIdentChar(sql.charCodeAt(i - 1)) ? dollarQuotedEnd(sql, i, tag) : i + 1;
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
      if (parens === 0 && atomic === 0) {
        push(i + 1);
      }
      i++;
      continue;
    }
    if (isIdentStart(c) && !isIdentChar(sql.charCodeAt(i - 1))) {
      const j = wordEnd(sql, i);
      // Only END, CASE, BEGIN and ATOMIC matter: other words (by length and first letter) are not cut out and upper-cased.
      const first = c | 0x20;
      const word = j - i >= 3 && j - i <= 6 && (first === 0x61 || first === 0x62 || first === 0x63 || first === 0x65) ? sql.slice(i, j).toUpperCase() : '';
      if (word === 'ATOMIC' && lastWord === 'BEGIN') atomic++;
      else if (atomic > 0 && word === 'CASE') cases++;
      else if (atomic > 0 && word === 'END') {
        if (cases > 0) cases--;
        else atomic--;
      }
      lastWord = word;
      i = j;
      continue;
    }
    i++;
  }
  if (start !== -1) {
    let end = n;
    while (end > start && /\s/.test(sql[end - 1]!)) end--;
    push(end);
  }
  return out;
}
