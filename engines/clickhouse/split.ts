/**
 * Splits ClickHouse scripts the way clickhouse-client --multiquery does: `;` ends a statement unless
 * it is inside a string ('…' with backslash escapes and doubled quotes), a quoted identifier ("…" or
 * `…`), a heredoc ($$…$$, $tag$…$tag$), or a comment (--, #, nested /* *\/). A file may end without a
 * semicolon (Langfuse's migrations do): the rest is the last statement. The statement text excludes
 * its terminating `;`, because the HTTP interface runs one statement per request and a trailing `;`
 * followed by a FORMAT clause is a syntax error. Comments directly before a statement are kept in
 * `comments` (for `-- bb:` directives); comments inside a statement stay in its text.
 */
import type { RawStatement } from '../../src/engine.js';
import { LineIndex } from '../../src/sql/lines.js';
import { lineEnd, nestedBlockCommentEnd, quotedEnd } from '../../src/sql/scan.js';

const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
const isIdentChar = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);

export function splitClickHouse(sql: string): RawStatement[] {
  const out: RawStatement[] = [];
  const lines = new LineIndex(sql);
  const n = sql.length;
  let i = 0;
  let start = -1;
  let end = -1; // offset just after the statement's last significant character
  let comments: string[] = [];

  const push = (): void => {
    out.push({ index: out.length, text: sql.slice(start, end), span: lines.span(start, end - start), comments });
    start = -1;
    end = -1;
    comments = [];
  };

  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xfeff) {
      i++;
      continue;
    }
    const lineComment = (c === 45 && sql.charCodeAt(i + 1) === 45) || c === 35;
    if (lineComment || (c === 47 && sql.charCodeAt(i + 1) === 42)) {
      // ClickHouse's lexer nests block comments and reads backslash escapes in every quote kind.
      const stop = lineComment ? lineEnd(sql, i) : nestedBlockCommentEnd(sql, i);
      if (start === -1) comments.push(sql.slice(i, stop));
      i = stop;
      continue;
    }
    if (c === 59) {
      if (start !== -1) push();
      i++;
      continue;
    }
    if (start === -1) start = i;
    if (c === 39 || c === 34 || c === 96) i = quotedEnd(sql, i, c, true);
    else if (c === 36 && !isIdentChar(sql.charCodeAt(i - 1))) {
      const tag = heredocTag(sql, i);
      if (tag === undefined) i++;
      else {
        const close = sql.indexOf(tag, i + tag.length);
        i = close === -1 ? n : close + tag.length;
      }
    } else i++;
    end = i;
  }
  if (start !== -1) push();
  return out;
}

/** "$$" or "$tag$" at i, or undefined when this `$` does not open a heredoc. */
export function heredocTag(sql: string, i: number): string | undefined {
  let j = i + 1;
  if (sql.charCodeAt(j) === 36) return '$$';
  if (!isIdentStart(sql.charCodeAt(j))) return undefined;
  while (j < sql.length) {
    const c = sql.charCodeAt(j);
    if (c === 36) return sql.slice(i, j + 1);
    if (!isIdentChar(c)) return undefined;
    j++;
  }
  return undefined;
}
