/**
 * PostgreSQL's error position (the `P` field of its error message, which pg and PGlite pass on as
 * `position`): a 1-based index into the query string, counted in characters, not UTF-16 units.
 */
import type { StatementPosition } from '../../src/engine.js';

export function locatePostgresError(error: unknown, sql: string): StatementPosition | undefined {
  const position = Number((error as { position?: unknown } | null)?.position);
  if (!Number.isInteger(position) || position < 1) return undefined;
  // Characters to UTF-16 offset: a character outside the BMP is two units in JavaScript.
  let offset = 0;
  for (let n = 1; n < position && offset < sql.length; n++) offset += (sql.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  return { offset };
}
