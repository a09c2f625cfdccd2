/**
 * What every engine's DataTasks.checkRead shares: a script passes only as one statement that the
 * engine's own `refusal` lets through. Reasons complete "Refused: the query …" (src/query/run.ts).
 */
import type { ReadCheck } from '../engine.js';

/** The tables, columns and `*` of a query that passed (ReadCheck without its `ok`). */
export type ReadReferences = Omit<Extract<ReadCheck, { ok: true }>, 'ok'>;

/** A refusal: its reason, and whether it is the parser's (see notParsed) or the next step when the usual hint does not fit. */
export type Refusal = string | { readonly reason: string; readonly syntax: true } | { readonly reason: string; readonly hint: string };

/** The refusal of a query the engine's parser rejects (`detail`: the parser's message or error). */
export const notParsed = (detail: unknown): { reason: string; syntax: true } => ({ reason: `does not parse: ${(detail instanceof Error ? detail.message : String(detail)).split('\n')[0]}`, syntax: true });

export function oneReadStatement<S>(statements: readonly S[], refusal: (statement: S) => Refusal | undefined, references: (statement: S) => ReadReferences): ReadCheck {
  if (statements.length === 0) return { ok: false, reason: 'contains no statement' };
  for (const [i, statement] of statements.entries()) {
    const refused = refusal(statement);
    if (!refused) continue;
    const { reason, syntax, hint } = typeof refused === 'string' ? { reason: refused, syntax: undefined, hint: undefined } : { syntax: undefined, hint: undefined, ...refused };
    return { ok: false, reason: statements.length > 1 ? `(statement ${i + 1}) ${reason}` : reason, ...(syntax ? { syntax } : {}), ...(hint ? { hint } : {}) };
  }
  if (statements.length > 1) return { ok: false, reason: `has ${statements.length} statements; bb query runs one statement at a time`, several: true };
  return { ok: true, ...references(statements[0]!) };
}
