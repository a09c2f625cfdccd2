import type { ParsedStatement, RawStatement, StatementKind } from '../../src/engine.js';

/**
 * A keyword classifier: enough for the runner and planner, which only need a statement's kind.
 * The linter's parser adapter (libpg-query) produces the full tree.
 */
const KINDS: readonly [RegExp, StatementKind][] = [
  [/^CREATE\s+(UNLOGGED\s+|TEMP(ORARY)?\s+)?TABLE\b/i, 'create-table'],
  [/^ALTER\s+TABLE\b/i, 'alter-table'],
  [/^DROP\s+TABLE\b/i, 'drop-table'],
  [/^CREATE\s+(UNIQUE\s+)?INDEX\b/i, 'create-index'],
  [/^DROP\s+INDEX\b/i, 'drop-index'],
  [/^INSERT\b/i, 'insert'],
  [/^UPDATE\b/i, 'update'],
  [/^DELETE\b/i, 'delete'],
  [/^(SELECT|WITH|VALUES|TABLE)\b/i, 'select'],
  [/^(SET|RESET)\b/i, 'set'],
  [/^(BEGIN|START|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i, 'transaction'],
];

export function classify(stmt: RawStatement): ParsedStatement {
  const text = stmt.text.trimStart();
  const kind = KINDS.find(([re]) => re.test(text))?.[1] ?? 'other';
  return { ...stmt, kind, facts: {}, ast: undefined };
}
