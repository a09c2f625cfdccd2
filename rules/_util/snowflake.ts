/** Helpers for the Snowflake rules: the facts engines/snowflake/parse.ts adds under `facts.snowflake`. */
import type { StatementFacts } from '../../src/lint/facts.js';
import type { SnowflakeFacts } from '../../engines/snowflake/parse.js';

export type { SnowflakeFacts, SfName } from '../../engines/snowflake/parse.js';

export function snowflakeFacts(facts: StatementFacts): SnowflakeFacts | undefined {
  const sf = facts.snowflake;
  return sf && typeof sf === 'object' ? (sf as SnowflakeFacts) : undefined;
}

/**
 * Snowflake's reserved keywords (docs.snowflake.com, "Reserved & limited keywords"): they cannot be
 * used as unquoted identifiers, and quoting them works but makes every query quote them too.
 */
export const SNOWFLAKE_KEYWORDS: ReadonlySet<string> = new Set([
  'ACCOUNT', 'ALL', 'ALTER', 'AND', 'ANY', 'AS', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CHECK', 'COLUMN', 'CONNECT', 'CONNECTION',
  'CONSTRAINT', 'CREATE', 'CROSS', 'CURRENT', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'CURRENT_USER', 'DATABASE',
  'DELETE', 'DISTINCT', 'DROP', 'ELSE', 'EXISTS', 'FALSE', 'FOLLOWING', 'FOR', 'FROM', 'FULL', 'GRANT', 'GROUP', 'GSCLUSTER',
  'HAVING', 'ILIKE', 'IN', 'INCREMENT', 'INNER', 'INSERT', 'INTERSECT', 'INTO', 'IS', 'ISSUE', 'JOIN', 'LATERAL', 'LEFT', 'LIKE',
  'LOCALTIME', 'LOCALTIMESTAMP', 'MINUS', 'NATURAL', 'NOT', 'NULL', 'OF', 'ON', 'OR', 'ORDER', 'ORGANIZATION', 'QUALIFY',
  'REGEXP', 'REVOKE', 'RIGHT', 'RLIKE', 'ROW', 'ROWS', 'SAMPLE', 'SCHEMA', 'SELECT', 'SET', 'SOME', 'START', 'TABLE',
  'TABLESAMPLE', 'THEN', 'TO', 'TRIGGER', 'TRUE', 'TRY_CAST', 'UNION', 'UNIQUE', 'UPDATE', 'USING', 'VALUES', 'VIEW', 'WHEN',
  'WHENEVER', 'WHERE', 'WINDOW', 'WITH',
]);

export function isSnowflakeKeyword(name: string): boolean {
  return SNOWFLAKE_KEYWORDS.has(name.toUpperCase());
}
