/**
 * ClickHouse's syntax errors say `Syntax error: failed at position 40 (NOTT) (line 3, col 11): …`
 * (lexical errors put their kind first: `Quoted string is not closed: Syntax error: failed at …`). The
 * position is 1-based and counted in UTF-8 bytes, the column too; the line and column come only when
 * the query has a line break, and add nothing the position does not say. The token in parentheses is
 * the text at that position (`end of query` at the end or at a `;`), shortened with `...` when long.
 *
 * Relative to what: the text the parser was given. Neither transport sends bb's statement untouched at
 * its start: chdb (as clickhouse-client and clickhouse-local) skips ASCII whitespace before a query,
 * and @clickhouse/client trims the query (JavaScript's trim(), every Unicode space) before it posts it
 * as the request body, which the HTTP server parses from its first byte. bb's statements start at
 * their first significant character (split.ts), so the two agree with the statement in practice; a
 * statement that starts with a space split.ts keeps (a no-break space) is read both ways and the
 * offset whose text starts with the quoted token wins. A position whose token is not there (a syntax
 * error in text the server parsed on its own: a setting's value, a dictionary's query) is not placed.
 */
import type { StatementPosition } from '../../src/engine.js';

const SYNTAX = /Syntax error(?: \([^)]*\))?: failed at position (\d+) \((end of query\)|[\s\S])/;

export function locateClickHouseError(error: unknown, sql: string): StatementPosition | undefined {
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message !== 'string') return undefined;
  const m = SYNTAX.exec(message);
  if (!m) return undefined;
  const bytes = Number(m[1]) - 1;
  const atEnd = m[2] === 'end of query)';
  // The token's text as the message quotes it (at most its first characters; enough to tell offsets apart).
  const quoted = atEnd ? '' : message.slice(m.index + m[0].length - 1);
  for (const base of new Set([0, leading(sql, /^[ \t\n\v\f\r]*/), leading(sql, /^\s*/)])) {
    const offset = utf16Offset(sql, base, bytes);
    if (offset === undefined) continue;
    const rest = sql.slice(offset);
    if (atEnd ? /^\s*(;|$)/.test(rest) : rest !== '' && quoted.startsWith(tokenHead(rest))) return { offset };
  }
  return undefined;
}

const leading = (sql: string, re: RegExp): number => re.exec(sql)![0].length;

/** The UTF-16 offset `bytes` UTF-8 bytes after `base`; undefined when that is past the end or inside a character. */
function utf16Offset(sql: string, base: number, bytes: number): number | undefined {
  let offset = base;
  let left = bytes;
  while (left > 0) {
    if (offset >= sql.length) return undefined;
    const code = sql.codePointAt(offset)!;
    left -= code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    offset += code > 0xffff ? 2 : 1;
  }
  return left === 0 ? offset : undefined;
}

/** The start of the token at the head of `rest` that the message must quote: its word (up to 16 characters), else its first character. */
function tokenHead(rest: string): string {
  return /^[\p{L}\p{N}_]{1,16}/u.exec(rest)?.[0] ?? rest.slice(0, 1);
}
