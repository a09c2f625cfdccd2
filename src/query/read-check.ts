/**
 * What every engine's DataTasks.checkRead shares: a script passes only as one statement that the
 * engine's own `refusal` lets through. Reasons complete "Refused: the query …" (src/query/run.ts).
 */
import type { ReadCheck } from '../engine.js';

/** The tables, columns and `*` of a query that passed (ReadCheck without its `ok`). */
export type ReadReferences = Omit<Extract<ReadCheck, { ok: true }>, 'ok'>;

const NOT_PARSED = 'does not parse: ';

/** The reason for a query the engine's parser rejects (`detail`: the parser's message or error). */
export const notParsed = (detail: unknown): string => `${NOT_PARSED}${(detail instanceof Error ? detail.message : String(detail)).split('\n')[0]}`;

/** Whether a refusal is a syntax error (it gets a hint about the SQL, not about writes). */
export const isNotParsed = (reason: string): boolean => reason.replace(/^\(statement \d+\) /, '').startsWith(NOT_PARSED);

export function oneReadStatement<S>(statements: readonly S[], refusal: (statement: S) => string | undefined, references: (statement: S) => ReadReferences): ReadCheck {
  if (statements.length === 0) return { ok: false, reason: 'contains no statement' };
  for (const [i, statement] of statements.entries()) {
    const refused = refusal(statement);
    if (refused) return { ok: false, reason: statements.length > 1 ? `(statement ${i + 1}) ${refused}` : refused };
  }
  if (statements.length > 1) return { ok: false, reason: `has ${statements.length} statements; bb query runs one statement at a time` };
  return { ok: true, ...references(statements[0]!) };
}
