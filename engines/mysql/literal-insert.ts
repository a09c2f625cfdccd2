/**
 * Seed-data migrations hold thousands of `INSERT … VALUES (…)` statements that differ only in their
 * literal values, and node-sql-parser takes ~0.1 ms and a tree of garbage for each: 20,000 such
 * statements took 3.4 s to lint. splitLiteralInsert() cuts such a statement into its header (`INSERT
 * INTO t (a, b) VALUES`) and counts its rows when every value is a plain literal. parse.ts reads the
 * first statement of each header with the parser (which checks the header and gives the facts) and
 * reuses those facts for the next statements with the same header, with their own row count.
 *
 * The literals are a subset of what MySQL and the parser accept: numbers (`1`, `-2.5`, `1e3`; not `.5`), single-quoted strings,
 * NULL, TRUE and FALSE. Anything else (DEFAULT, functions, hex, ON DUPLICATE KEY UPDATE, comments in
 * the values, INSERT … SELECT / SET) is not split, and the parser reads the statement as before.
 */

/** `INSERT … VALUES` (or VALUE) up to the first row; no quoted string before it (a string there is not a header). */
export const INSERT_HEADER = /^(?:INSERT|REPLACE)\b[^'";]*?\bVALUES?(?=\s*\()/i;

export interface LiteralInsert {
  /** The statement up to and including VALUES (its key: same header, same facts but the row count). */
  readonly header: string;
  readonly rows: number;
}

/** `h`: the statement without leading comments (parse.ts head()). Undefined unless it is a literal INSERT. */
export function splitLiteralInsert(h: string): LiteralInsert | undefined {
  const header = INSERT_HEADER.exec(h)?.[0];
  if (header === undefined) return undefined;
  const rows = countLiteralRows(h, header.length);
  return rows === undefined ? undefined : { header, rows };
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const DIGIT = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** What may follow a value: space, a comma or the row's closing parenthesis. */
const ENDS_VALUE = (c: number): boolean => SPACE.has(c) || c === 0x2c || c === 0x29;
const WORDS = ['NULL', 'TRUE', 'FALSE'];

/** Rows of `(literal, …), (…)` from `at` to the end (an optional `;` and space may close it); undefined on anything else. */
function countLiteralRows(s: string, at: number): number | undefined {
  let i = at;
  const skipSpace = (): void => {
    while (i < s.length && SPACE.has(s.charCodeAt(i))) i++;
  };
  let rows = 0;
  for (;;) {
    skipSpace();
    if (s.charCodeAt(i) !== 0x28) return undefined; // (
    i++;
    for (;;) {
      skipSpace();
      const end = literalEnd(s, i);
      if (end === undefined) return undefined;
      i = end;
      skipSpace();
      const c = s.charCodeAt(i);
      i++;
      if (c === 0x29) break; // )
      if (c !== 0x2c) return undefined; // ,
    }
    rows++;
    skipSpace();
    if (s.charCodeAt(i) === 0x2c) {
      i++;
      continue;
    }
    if (s.charCodeAt(i) === 0x3b) i++; // ;
    skipSpace();
    return i === s.length ? rows : undefined;
  }
}

/** The end of the literal starting at `i`, or undefined when there is none. */
function literalEnd(s: string, i: number): number | undefined {
  const c = s.charCodeAt(i);
  if (c === 0x27) { // '…' with '' and backslash escapes
    for (let j = i + 1; j < s.length; j++) {
      const d = s.charCodeAt(j);
      if (d === 0x5c) j++;
      else if (d === 0x27) {
        if (s.charCodeAt(j + 1) === 0x27) j++;
        else return j + 1;
      }
    }
    return undefined;
  }
  let j = c === 0x2d ? i + 1 : i; // a leading minus
  const digits = (): number => {
    const from = j;
    while (DIGIT(s.charCodeAt(j))) j++;
    return j - from;
  };
  // A digit first: node-sql-parser does not read `.5` (MySQL does), and the parser's verdict must stand.
  if (digits() > 0) {
    if (s.charCodeAt(j) === 0x2e) {
      j++;
      digits();
    }
    if ((s.charCodeAt(j) | 0x20) === 0x65) { // e / E
      j++;
      if (s.charCodeAt(j) === 0x2b || s.charCodeAt(j) === 0x2d) j++;
      if (digits() === 0) return undefined;
    }
    return ENDS_VALUE(s.charCodeAt(j)) ? j : undefined;
  }
  if (c === 0x2d) return undefined;
  for (const word of WORDS) {
    if (s.slice(i, i + word.length).toUpperCase() === word && ENDS_VALUE(s.charCodeAt(i + word.length))) return i + word.length;
  }
  return undefined;
}
