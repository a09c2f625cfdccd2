/** Helpers for the ClickHouse rules: the facts engines/clickhouse/parse.ts adds under `facts.clickhouse`. */
import type { ParsedStatement } from '../../src/engine.js';
import type { StatementFacts } from '../../src/lint/facts.js';
import type { ClickHouseFacts, ColumnDef, QualifiedName, Token } from '../../engines/clickhouse/parse.js';

export type { ClickHouseFacts, ColumnDef, QualifiedName } from '../../engines/clickhouse/parse.js';

export function chFacts(facts: StatementFacts): ClickHouseFacts | undefined {
  const ch = facts.clickhouse;
  return ch && typeof ch === 'object' ? (ch as ClickHouseFacts) : undefined;
}

/** Statements that change the schema (and so need ON CLUSTER on a cluster): the engine's own list, which its plan warnings use. */
export { SCHEMA_CHANGES as DDL } from '../../engines/clickhouse/parse.js';

export function qname(q: QualifiedName | undefined): string {
  if (!q) return '?';
  return q.database ? `${q.database}.${q.name}` : q.name;
}

/** Offset of the first unquoted keyword `word` in the statement, from the tokens the parser kept. */
export function wordAt(stmt: ParsedStatement, word: string): number | undefined {
  const tokens = (stmt.ast as { tokens?: readonly Token[] } | undefined)?.tokens ?? [];
  return tokens.find((t) => t.type === 'word' && t.value === word)?.at;
}

/** Nullable(…) or LowCardinality(Nullable(…)). */
export function isNullableType(type: string): boolean {
  return /^\s*(LowCardinality\s*\(\s*)?Nullable\s*\(/i.test(type);
}

/** The type of a column: from this CREATE TABLE, or the schema built from earlier statements and migrations. */
export function columnType(name: string, own: readonly ColumnDef[] | undefined, fromSchema: (name: string) => string | undefined): string | undefined {
  const c = own?.find((x) => x.name === name);
  return c ? c.type : fromSchema(name);
}
