import type { RawStatement } from '../../src/engine.js';

/**
 * Statements PostgreSQL refuses inside a transaction block ("cannot run inside a transaction block").
 * A migration holding one of them runs statement by statement, with progress recorded after each.
 */
const RULES: readonly [RegExp, string][] = [
  [/^CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY\b/i, 'CREATE INDEX CONCURRENTLY'],
  [/^DROP\s+INDEX\s+CONCURRENTLY\b/i, 'DROP INDEX CONCURRENTLY'],
  [/^REINDEX\b[^;]*\bCONCURRENTLY\b/i, 'REINDEX CONCURRENTLY'],
  [/^ALTER\s+TABLE\b[^;]*\bDETACH\s+PARTITION\b[^;]*\bCONCURRENTLY\b/i, 'ALTER TABLE … DETACH PARTITION CONCURRENTLY'],
  [/^VACUUM\b/i, 'VACUUM'],
  [/^CREATE\s+DATABASE\b/i, 'CREATE DATABASE'],
  [/^DROP\s+DATABASE\b/i, 'DROP DATABASE'],
  [/^ALTER\s+SYSTEM\b/i, 'ALTER SYSTEM'],
  [/^CREATE\s+TABLESPACE\b/i, 'CREATE TABLESPACE'],
  [/^DROP\s+TABLESPACE\b/i, 'DROP TABLESPACE'],
  [/^CREATE\s+SUBSCRIPTION\b/i, 'CREATE SUBSCRIPTION'],
  [/^DROP\s+SUBSCRIPTION\b/i, 'DROP SUBSCRIPTION'],
  [/^ALTER\s+SUBSCRIPTION\b[^;]*\b(REFRESH\s+PUBLICATION|ENABLE|DISABLE)\b/i, 'ALTER SUBSCRIPTION'],
  // Since PostgreSQL 12 ADD VALUE may run in a transaction, but the new value cannot be used before
  // the transaction commits; bb runs it on its own so that later statements of the file can use it.
  [/^ALTER\s+TYPE\b[^;]*\bADD\s+VALUE\b/i, 'ALTER TYPE … ADD VALUE'],
  // Explicit transaction control in a file means the author manages transactions.
  [/^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK)\b\s*(;|$|WORK|TRANSACTION|ISOLATION|READ|AND)/i, 'explicit transaction control (BEGIN/COMMIT)'],
];

/** Strips leading comments so that the patterns see the statement's first keyword. */
function head(text: string): string {
  return text.replace(/^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '');
}

export function nonTransactional(stmt: RawStatement): string | undefined {
  const text = head(stmt.text);
  for (const [pattern, reason] of RULES) if (pattern.test(text)) return reason;
  return undefined;
}

/**
 * A statement that only sets the session for the statements after it, which a resumed migration
 * replays on its new connection (Engine.capabilities.sessionState): `SET x …` and `SET SESSION x …`
 * (search_path, ROLE, SESSION AUTHORIZATION, TIME ZONE, SESSION CHARACTERISTICS AS TRANSACTION …) and
 * `RESET …`. Not `SET LOCAL`, `SET TRANSACTION` or `SET CONSTRAINTS`: they ended with their
 * transaction. `SELECT set_config(…)` is a query, not told apart from others, and is not replayed.
 */
export function sessionState(stmt: RawStatement): boolean {
  const text = head(stmt.text);
  if (/^SET\s+(LOCAL|TRANSACTION|CONSTRAINTS)\b/i.test(text)) return false;
  return /^(SET|RESET)\b/i.test(text);
}
