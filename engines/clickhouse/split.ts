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
      const stop = lineComment ? lineEnd(sql, i) : blockCommentEnd(sql, i);
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
    if (c === 39 || c === 34 || c === 96) i = quotedEnd(sql, i, c);
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

export function lineEnd(sql: string, i: number): number {
  const nl = sql.indexOf('\n', i);
  return nl === -1 ? sql.length : nl;
}

/** ClickHouse's lexer nests block comments. */
export function blockCommentEnd(sql: string, i: number): number {
  let depth = 0;
  const n = sql.length;
  while (i < n) {
    if (sql.charCodeAt(i) === 47 && sql.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (sql.charCodeAt(i) === 42 && sql.charCodeAt(i + 1) === 47) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return n;
}

/** End of a quoted string or identifier: backslash escapes and a doubled quote both escape. */
export function quotedEnd(sql: string, i: number, quote: number): number {
  const n = sql.length;
  i++;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === 92) {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (sql.charCodeAt(i + 1) === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return n;
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
