/**
 * Snowflake's compilation errors say where they are as `line N at position P`: `SQL compilation
 * error:\nsyntax error line 1 at position 7 unexpected 'FORM'.`, `SQL compilation error: error line 2
 * at position 4\ninvalid identifier 'NAME'`. N is 1-based and counted from the first line of the text
 * bb sent (the statement, which starts at its first significant character); P is the 0-based column in
 * that line, in characters. A message listing several errors names the first one first, and bb points
 * at it. A place outside the statement (a line it does not have, a column past its line's end: text the
 * server compiled on its own, such as a view's body) is not placed.
 */
import type { StatementPosition } from '../../src/engine.js';

const PLACE = /\bline (\d+) at position (\d+)\b/;

export function locateSnowflakeError(error: unknown, sql: string): StatementPosition | undefined {
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message !== 'string' || !message.startsWith('SQL compilation error')) return undefined;
  const m = PLACE.exec(message);
  if (!m) return undefined;
  const lines = sql.split('\n');
  const line = lines[Number(m[1]) - 1];
  const column = Number(m[2]);
  if (line === undefined || column > line.replace(/\r$/, '').length) return undefined;
  return { offset: lines.slice(0, Number(m[1]) - 1).reduce((n, l) => n + l.length + 1, 0) + column };
}
