/**
 * TiDB commits DDL implicitly like MySQL, so the reasons are MySQL's; this file adds what TiDB refuses
 * outright (`unsupported`), read by the planner so that a migration using it is blocked at plan time,
 * before anything runs on any target.
 */
import type { RawStatement } from '../../src/engine.js';
import { head, storedProgram } from '../mysql/parse.js';

export { nonTransactional, sessionState } from '../mysql/transactions.js';

const DOCS = 'https://docs.pingcap.com/tidb/stable/mysql-compatibility#unsupported-features';

/** Strings and comments blanked, so that a FULLTEXT inside a literal or a comment is not a finding. */
function code(text: string): string {
  return text
    .replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"/g, "''")
    .replace(/\/\*(?![!+]|M!)[\s\S]*?\*\/|--\s[^\n]*|#[^\n]*/g, ' ');
}

const GEOMETRY = /\b(GEOMETRY|POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION|GEOMCOLLECTION)\b(?!\s*\()/i;
const CHARSET = /\b(?:CHARACTER\s+SET|CHARSET)\s*=?\s*'?([A-Za-z0-9_]+)/gi;
const TIDB_CHARSETS = new Set(['ascii', 'latin1', 'binary', 'utf8', 'utf8mb3', 'utf8mb4', 'gbk']);

/**
 * Why TiDB cannot run this statement (its documented unsupported features), or undefined. Checked by
 * keywords, so it works for statements node-sql-parser cannot read.
 */
export function unsupported(stmt: RawStatement): string | undefined {
  const h = head(stmt.text);
  const program = storedProgram(stmt.text);
  if (program) {
    const what = program.object === 'procedure' ? 'stored procedures' : program.object === 'function' ? 'stored functions' : `${program.object}s`;
    return `TiDB does not support ${what} (${program.action.toUpperCase()} ${program.object.toUpperCase()} ${program.name.name}); see ${DOCS}`;
  }
  if (/^CREATE\s+(AGGREGATE\s+)?FUNCTION\b[\s\S]*\bSONAME\b/i.test(h)) return `TiDB does not support user-defined functions; see ${DOCS}`;
  const c = code(h);
  if (/^(CREATE|ALTER)\s/i.test(c) && /\bFULLTEXT\b/i.test(c)) return `TiDB does not support FULLTEXT indexes; see ${DOCS}`;
  if (/^(CREATE|ALTER)\s/i.test(c) && /\bSPATIAL\b/i.test(c)) return `TiDB does not support SPATIAL indexes; see ${DOCS}`;
  if (/^(CREATE|ALTER)\s+(TEMPORARY\s+)?TABLE\b/i.test(c) && GEOMETRY.test(c)) return `TiDB does not support spatial (GEOMETRY) column types; see ${DOCS}`;
  if (/^CREATE\s+(TEMPORARY\s+)?TABLE\b(?:(?!\(\s*\w)[^(])*\bAS\s+(SELECT|WITH|\()/i.test(c) || /^CREATE\s+(TEMPORARY\s+)?TABLE\b[^;]*\)\s*(IGNORE\s+|REPLACE\s+)?(AS\s+)?SELECT\b/i.test(c) || /^CREATE\s+(TEMPORARY\s+)?TABLE\s+\S+\s+(AS\s+)?SELECT\b/i.test(c)) {
    return `TiDB does not support CREATE TABLE … AS SELECT; create the table, then INSERT … SELECT (see ${DOCS})`;
  }
  if (/^XA\s/i.test(c)) return `TiDB does not support XA statements; see ${DOCS}`;
  if (/^(CHECK|CHECKSUM|REPAIR|OPTIMIZE)\s+TABLE\b/i.test(c)) return `TiDB does not support ${/^\w+/.exec(c)![0].toUpperCase()} TABLE; see ${DOCS}`;
  if (/^HANDLER\s/i.test(c)) return `TiDB does not support HANDLER statements; see ${DOCS}`;
  if (/^(CREATE|ALTER|DROP)\s+(UNDO\s+)?TABLESPACE\b/i.test(c)) return `TiDB does not support tablespaces; see ${DOCS}`;
  if (/^BEGIN\s+NOT\s+ATOMIC\b/i.test(c)) return `TiDB does not support compound statements (BEGIN NOT ATOMIC … END); see ${DOCS}`;
  for (const m of c.matchAll(CHARSET)) {
    const charset = m[1]!.toLowerCase();
    if (!TIDB_CHARSETS.has(charset) && charset !== 'default') return `TiDB does not support the character set ${charset} (only ascii, latin1, binary, utf8, utf8mb4, gbk); see ${DOCS}`;
  }
  return undefined;
}
