import type { ParsedStatement, RawStatement, StatementKind } from '../../src/engine.js';

const KINDS: readonly [RegExp, StatementKind][] = [
  [/^CREATE\s+(OR\s+REPLACE\s+)?((LOCAL|GLOBAL)\s+)?(TRANSIENT\s+|TEMP(ORARY)?\s+|VOLATILE\s+|HYBRID\s+|DYNAMIC\s+|ICEBERG\s+|EVENT\s+)?TABLE\b/i, 'create-table'],
  [/^ALTER\s+TABLE\b/i, 'alter-table'],
  [/^DROP\s+TABLE\b/i, 'drop-table'],
  [/^CREATE\s+(OR\s+REPLACE\s+)?(UNIQUE\s+)?INDEX\b/i, 'create-index'],
  [/^DROP\s+INDEX\b/i, 'drop-index'],
  [/^INSERT\b/i, 'insert'],
  [/^UPDATE\b/i, 'update'],
  [/^DELETE\b/i, 'delete'],
  [/^(SELECT|WITH)\b/i, 'select'],
  [/^(SET|UNSET|ALTER\s+SESSION|USE)\b/i, 'set'],
  [/^(BEGIN\s*($|;|TRANSACTION|WORK|NAME)|START\s+TRANSACTION|COMMIT|ROLLBACK)\b/i, 'transaction'],
];

export function parseSnowflake(stmt: RawStatement): ParsedStatement {
  const text = stmt.text.trimStart();
  const kind = KINDS.find(([re]) => re.test(text))?.[1] ?? 'other';
  return { ...stmt, kind, facts: {}, ast: undefined };
}
