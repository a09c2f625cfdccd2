/**
 * Character-level helpers shared by the engines' splitters. Each takes the text and the offset of the
 * construct's first character and returns the offset just past it (the text's length when unterminated).
 */

/** Letters, `_`, and anything beyond ASCII (identifiers may hold Unicode letters). */
export const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
/** isIdentStart, digits and `$` (PostgreSQL, MySQL and Snowflake allow `$` inside identifiers). */
export const isIdentChar = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;

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
