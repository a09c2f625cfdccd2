import type { RawStatement } from '../../src/engine.js';
import { head } from './parse.js';

/**
 * Statements that commit the open transaction implicitly on MySQL, MariaDB and TiDB (MySQL manual,
 * "Statements That Cause an Implicit Commit"). The engine declares transactionalDdl = false, so the
 * runner already applies every migration statement by statement with progress recorded after each;
 * this names the reason for `bb plan`.
 */
const RULES: readonly [RegExp, string][] = [
  [/^(CREATE|ALTER|DROP|RENAME|TRUNCATE)\s+((OR\s+REPLACE|TEMPORARY|ONLINE|OFFLINE|IGNORE|UNIQUE|FULLTEXT|SPATIAL)\s+)*(TABLES?|INDEX|VIEW|DATABASE|SCHEMA|PROCEDURE|FUNCTION|TRIGGER|EVENT|USER|ROLE|SERVER|TABLESPACE|SEQUENCE|DEFINER)\b/i, 'DDL (commits implicitly)'],
  [/^CREATE\s+(OR\s+REPLACE\s+)?(ALGORITHM|DEFINER|SQL\s+SECURITY)\b/i, 'DDL (commits implicitly)'],
  [/^TRUNCATE\b/i, 'TRUNCATE TABLE (commits implicitly)'],
  [/^(LOCK|UNLOCK)\s+TABLES?\b/i, 'LOCK TABLES (commits implicitly)'],
  [/^(GRANT|REVOKE|SET\s+PASSWORD)\b/i, 'account management (commits implicitly)'],
  [/^(ANALYZE|OPTIMIZE|REPAIR|CHECK)\s+TABLE\b|^(CACHE\s+INDEX|LOAD\s+INDEX|FLUSH|RESET)\b/i, 'administration statement (commits implicitly)'],
  [/^(BEGIN\s*(;|$|WORK\b)|START\s+TRANSACTION\b|COMMIT\b|ROLLBACK\b|XA\s)/i, 'explicit transaction control'],
];

export function nonTransactional(stmt: RawStatement): string | undefined {
  const text = head(stmt.text);
  for (const [pattern, reason] of RULES) if (pattern.test(text)) return reason;
  return undefined;
}
