/**
 * MySQL's and MariaDB's syntax errors end with "near '<text>' at line N": the text is the statement
 * from the failing token on (cut after some 80 characters), N a line counted from the statement's
 * first line, but the line the lexer had reached (MariaDB names the line after the token when the
 * text spans lines). So the text, looked up in the statement, gives the position: its last
 * occurrence that starts on or before line N.
 */
import type { StatementPosition } from '../../src/engine.js';

export function locateMysqlError(error: unknown, sql: string): StatementPosition | undefined {
  const message = (error as { sqlMessage?: unknown } | null)?.sqlMessage;
  if (typeof message !== 'string') return undefined;
  const m = / near '([\s\S]*)' at line (\d+)$/.exec(message);
  if (!m) return undefined;
  const near = m[1]!;
  const line = Number(m[2]);
  if (near === '') return { offset: sql.trimEnd().length }; // the statement ended too early
  let found: number | undefined;
  for (let at = sql.indexOf(near); at !== -1; at = sql.indexOf(near, at + 1)) {
    if (found !== undefined && lineOf(sql, at) > line) break;
    found = at;
  }
  return found === undefined ? { line } : { offset: found };
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;
