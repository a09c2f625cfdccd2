import type { RawStatement } from '../../src/engine.js';
import { head } from './parse.js';
import { blockCommentEnd, lineEnd, quotedEnd } from '../../src/sql/scan.js';

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

const NAME = '(?:`(?:[^`]|``)+`|[\\w$]+)';
const QUOTED_NAME = "(?:`(?:[^`]|``)+`|'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.|\"\")*\"|[\\w$.]+)";
/** One assignment of a SET that changes this session only; its value is not looked at. */
const SESSION_ASSIGNMENT = new RegExp(
  [
    `^(?:(?:SESSION|LOCAL)\\s+)?${NAME}(?:\\s*\\.\\s*${NAME})?\\s*:?=`, // x = 1, SESSION x = 1, SESSION default.key_buffer_size = …
    `^@@(?:(?:SESSION|LOCAL)\\s*\\.\\s*)?${NAME}(?:\\s*\\.\\s*${NAME})?\\s*:?=`, // @@x = 1, @@session.x = 1
    `^@${QUOTED_NAME}\\s*:?=`, // @v = 1, @v := (SELECT …)
    '^(?:NAMES|CHARACTER\\s+SET|CHARSET)\\b', // SET NAMES utf8mb4, SET CHARACTER SET utf8mb4
  ].join('|'),
  'i',
);
/** SET forms that are not assignments, or whose first word would read as a variable's name. */
const NOT_SESSION = /^(?:GLOBAL|PERSIST|PERSIST_ONLY|TRANSACTION|PASSWORD|DEFAULT\s+ROLE|RESOURCE\s+GROUP|STATEMENT|CONFIG|BINDING)\b|^@@(?:GLOBAL|PERSIST|PERSIST_ONLY)\s*\./i;

/**
 * Which applied statements a resumed migration replays on its new connection (Engine.capabilities.
 * sessionState) on MySQL, MariaDB and TiDB: those whose only effect is the connection's own state.
 *
 * Replayed: `SET` of session variables (`SET x = …`, `SET SESSION x`, `SET LOCAL x`, `SET @@x`,
 * `SET @@session.x`, `SET sql_mode …`), `SET NAMES`, `SET CHARACTER SET`, `SET ROLE`, `SET SESSION
 * TRANSACTION …` (every later transaction of the session), `USE db`; user variables (`SET @v = …`,
 * `SET @v := (SELECT …)`, `SELECT … INTO @v`): the later statements that read @v need it, and replaying
 * re-runs the read on the data as it is now; `PREPARE s FROM …` and `DEALLOCATE PREPARE s`, so that a
 * later `EXECUTE s` finds what it executes (the common "conditional DDL" idiom).
 *
 * Not replayed: `SET GLOBAL`, `SET PERSIST`, `SET PERSIST_ONLY`, `SET @@global.x` (they changed the
 * server already; a replay is a second write), a `SET` mixing those with session assignments (split it
 * to have its session part replayed), `SET TRANSACTION …` (the next transaction only, long over),
 * `SET PASSWORD`, `SET DEFAULT ROLE`, `SET STATEMENT … FOR` (MariaDB: runs a statement), TiDB's `SET
 * CONFIG` and `SET BINDING`, `SELECT … INTO OUTFILE`, `EXECUTE`.
 */
export function sessionState(stmt: RawStatement): boolean {
  const text = head(stmt.text);
  if (/^USE\b/i.test(text)) return true;
  if (/^(PREPARE\s|(DEALLOCATE|DROP)\s+PREPARE\s)/i.test(text)) return true;
  if (/^SELECT\b/i.test(text)) return selectsIntoUserVariables(text);
  const set = /^SET\b\s*/i.exec(text);
  if (!set) return false;
  const rest = text.slice(set[0].length);
  // SET ROLE and SET SESSION TRANSACTION are whole statements, not lists of assignments.
  if (/^ROLE\b/i.test(rest) || /^(SESSION|LOCAL)\s+TRANSACTION\b/i.test(rest)) return true;
  const assignments = topLevelParts(rest);
  return assignments.length > 0 && assignments.every((a) => !NOT_SESSION.test(a) && SESSION_ASSIGNMENT.test(a));
}

/** `SELECT … INTO @a, @b …` (not OUTFILE, not DUMPFILE): it only sets user variables. */
function selectsIntoUserVariables(text: string): boolean {
  const code = topLevelParts(text).join(',');
  return /\bINTO\s+@/i.test(code) && !/\bINTO\s+(OUTFILE|DUMPFILE)\b/i.test(code);
}

/**
 * The text cut at its top-level commas, each part trimmed: strings, quoted names and comments are kept
 * whole, and so is anything in parentheses (a subquery, a function's arguments); parenthesised text and
 * strings are replaced by `()` and `''` so that a word inside them is never taken for a keyword.
 */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let part = '';
  let depth = 0;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c === 39 || c === 34 || c === 96) {
      const end = quotedEnd(text, i, c, c !== 96);
      // a quoted name stays as written (`v`, @'v'); a string's content is blanked
      if (depth === 0) part += c === 96 || text.charCodeAt(i - 1) === 64 ? text.slice(i, end) : "''";
      i = end;
    } else if (c === 35 || (c === 45 && next === 45 && /\s/.test(text[i + 2] ?? ' '))) {
      i = lineEnd(text, i);
      if (depth === 0) part += ' ';
    } else if (c === 47 && next === 42) {
      i = blockCommentEnd(text, i);
      if (depth === 0) part += ' ';
    } else {
      if (c === 40 && depth++ === 0) part += '(';
      else if (c === 41 && depth > 0 && --depth === 0) part += ')';
      else if (c === 44 && depth === 0) {
        parts.push(part.trim());
        part = '';
      } else if (depth === 0) part += text[i];
      i++;
    }
  }
  if (part.trim() !== '') parts.push(part.trim());
  return parts;
}
