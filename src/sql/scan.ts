/**
 * Character-level helpers shared by the engines' splitters and tokenizers. Those that return an offset
 * take the text and the offset of the construct's first character and return the offset just past it
 * (the text's length when unterminated).
 */

/** Letters, `_`, and anything beyond ASCII (identifiers may hold Unicode letters). */
export const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
/** isIdentStart, digits and `$` (PostgreSQL, MySQL and Snowflake allow `$` inside identifiers). */
export const isIdentChar = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;

/** Space, tab, line feed, carriage return, form feed (MySQL also skips the vertical tab, ClickHouse the BOM). */
export const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;

/** Past the word at i: its first character (checked by the caller) and the isIdentChar ones after it. */
export function wordEnd(sql: string, i: number): number {
  const n = sql.length;
  let j = i + 1;
  while (j < n && isIdentChar(sql.charCodeAt(j))) j++;
  return j;
}

/** Offset of the end of the line (the `\n` itself, or the text's end). */
export function lineEnd(sql: string, i: number): number {
  const nl = sql.indexOf('\n', i);
  return nl === -1 ? sql.length : nl;
}

/** Past `*\/` of a block comment that does not nest (MySQL, Snowflake). */
export function blockCommentEnd(sql: string, i: number): number {
  const close = sql.indexOf('*/', i + 2);
  return close === -1 ? sql.length : close + 2;
}

/** Past the `*\/` closing a block comment that nests (`/* a /* b *\/ c *\/`, as PostgreSQL reads them). */
export function nestedBlockCommentEnd(sql: string, i: number): number {
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

/** Past the closing quote; a doubled quote is an escaped one, and so is `\x` when `backslash`. */
export function quotedEnd(sql: string, i: number, quote: number, backslash: boolean): number {
  const n = sql.length;
  i++;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (backslash && c === 92) {
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

/**
 * "$$" or "$tag$" at i (a tag of letters, digits and `_`, not starting with a digit), or undefined
 * when this `$` opens no dollar quote ($1). PostgreSQL's dollar quotes, ClickHouse's heredocs.
 */
export function dollarTag(sql: string, i: number): string | undefined {
  let j = i + 1;
  if (sql.charCodeAt(j) === 36) return '$$';
  if (!isIdentStart(sql.charCodeAt(j))) return undefined;
  while (j < sql.length) {
    const c = sql.charCodeAt(j);
    if (c === 36) return sql.slice(i, j + 1);
    if (!isIdentStart(c) && !(c >= 48 && c <= 57)) return undefined;
    j++;
  }
  return undefined;
}

/** Past the `tag` that closes the body a dollar quote `tag` opens at i. */
export function dollarQuotedEnd(sql: string, i: number, tag: string): number {
  const close = sql.indexOf(tag, i + tag.length);
  return close === -1 ? sql.length : close + tag.length;
}
