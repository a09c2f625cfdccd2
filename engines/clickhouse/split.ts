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
import { dollarQuotedEnd, dollarTag, isIdentStart, isSpace, lineEnd, nestedBlockCommentEnd, quotedEnd } from '../../src/sql/scan.js';

/** A name's characters before a `$`, which then opens no heredoc: unlike scan.ts's isIdentChar, not `$` itself. */
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
    if (isSpace(c) || c === 0xfeff) {
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
      const tag = dollarTag(sql, i);
      i = tag === undefined ? i + 1 : dollarQuotedEnd(sql, i, tag);
    } else i++;
    end = i;
  }
  if (start !== -1) push();
  return out;
}
