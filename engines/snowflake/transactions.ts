import type { RawStatement } from '../../src/engine.js';

/** Snowflake runs every statement on its own (transactionalDdl is false): none needs to be singled out. */
export function nonTransactional(_stmt: RawStatement): string | undefined {
  return undefined;
}

/** Leading whitespace and comments (`--`, `//`, `/* *\/`) removed. */
function head(text: string): string {
  return text.replace(/^(\s+|(--|\/\/)[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '');
}

/**
 * A statement that only sets the session for the statements after it, which a resumed migration
 * replays on its new connection (Engine.capabilities.sessionState): `USE [DATABASE | SCHEMA |
 * WAREHOUSE | ROLE | SECONDARY ROLES] …`, `ALTER SESSION SET | UNSET …`, and session variables (`SET
 * x = …`, `SET (a, b) = (…)`, `UNSET x`), which later statements read as $x; a variable set from a
 * query runs that query again. `ALTER USER … SET`, `ALTER ACCOUNT SET` change more than the session
 * and are not replayed.
 */
export function sessionState(stmt: RawStatement): boolean {
  return /^(USE\s|ALTER\s+SESSION\s+(SET|UNSET)\s|SET\s|UNSET\s)/i.test(head(stmt.text));
}
