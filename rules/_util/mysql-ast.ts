/**
 * Helpers over node-sql-parser trees (the MySQL / MariaDB / TiDB adapter's `stmt.ast`), for the
 * statement./naming. rules. The tree has no locations, so offsets are found by searching the statement
 * text; they fall back to the statement start.
 */
type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Visits every object node of the tree (depth first, parents before children). */
export function myWalk(ast: unknown, visit: (node: Node) => void): void {
  const seen = new Set<unknown>();
  const go = (v: unknown): void => {
    if (Array.isArray(v)) { for (const x of v) go(x); return; }
    if (!isNode(v) || seen.has(v)) return;
    seen.add(v);
    visit(v);
    for (const k of Object.keys(v)) go(v[k]);
  };
  go(ast);
}

/** Every WHERE clause of the statement (top level and nested SELECTs). */
export function myWhereClauses(ast: unknown): Node[] {
  const out: Node[] = [];
  myWalk(ast, (n) => { if (isNode(n.where) && typeof n.type === 'string' && ['select', 'update', 'delete'].includes(n.type)) out.push(n.where); });
  return out;
}

/** Every node of an expression, not descending into nested SELECTs (they have their own WHERE). */
export function myExprs(where: Node, visit: (node: Node) => void): void {
  const go = (v: unknown): void => {
    if (Array.isArray(v)) { for (const x of v) go(x); return; }
    if (!isNode(v)) return;
    if (v.type === 'select' || isNode(v.ast)) return;
    visit(v);
    for (const k of Object.keys(v)) go(v[k]);
  };
  go(where);
}

export const isColumnRef = (v: unknown): boolean => isNode(v) && v.type === 'column_ref';

export function functionName(n: Node): string {
  const name = n.name;
  if (isNode(name) && Array.isArray(name.name)) return (name.name as unknown[]).map((p) => (isNode(p) ? String(p.value ?? '') : String(p))).join('.');
  return typeof name === 'string' ? name : 'function';
}

export function functionArgs(n: Node): unknown[] {
  const args = n.args;
  if (isNode(args) && Array.isArray(args.value)) return args.value as unknown[];
  if (isNode(args) && isNode(args.expr)) return [args.expr];
  return [];
}

/** Offset of the first match of `needle` (case-insensitive) in `text` at or after `from`; 0 when absent. */
export function offsetOf(text: string, needle: string | RegExp, from = 0): number {
  const re = typeof needle === 'string' ? new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : needle;
  const i = text.slice(from).search(re);
  return i < 0 ? 0 : i + from;
}

/** Number of SELECT lists that use `*` or `t.*` anywhere in the statement (INSERT … SELECT, CREATE VIEW, subqueries). */
export function myStarSelects(ast: unknown): number {
  let count = 0;
  myWalk(ast, (n) => {
    if (n.type !== 'select' || !Array.isArray(n.columns)) return;
    if ((n.columns as unknown[]).some((c) => c === '*' || (isNode(c) && isNode(c.expr) && c.expr.type === 'column_ref' && c.expr.column === '*'))) count++;
  });
  return count;
}

const str = (v: unknown): string | undefined => (isNode(v) && typeof v.value === 'string' ? v.value : undefined);

/** LIKE patterns that start with % or _ in the statement's WHERE clauses. */
export function myLeadingWildcards(ast: unknown, text: string): { pattern: string; at: number }[] {
  const out: { pattern: string; at: number }[] = [];
  for (const where of myWhereClauses(ast)) {
    myExprs(where, (n) => {
      if (n.type !== 'binary_expr' || !/^(NOT )?LIKE$/i.test(String(n.operator))) return;
      const pattern = str(n.right);
      if (pattern !== undefined && /^[%_]/.test(pattern)) out.push({ pattern, at: offsetOf(text, new RegExp(`LIKE\\s+'${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i')) });
    });
  }
  return out;
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', 'DIV', 'MOD', '||']);

/** Functions or arithmetic applied to a column in the statement's WHERE clauses. */
export function myCalculations(ast: unknown, text: string): { what: string; at: number }[] {
  const out: { what: string; at: number }[] = [];
  const from = Math.max(0, text.search(/\bWHERE\b/i));
  for (const where of myWhereClauses(ast)) {
    myExprs(where, (n) => {
      if (n.type === 'function' && functionArgs(n).some(isColumnRef)) {
        const name = functionName(n);
        out.push({ what: `${name}()`, at: offsetOf(text, new RegExp(`\\b${name.replace(/[^\w.]/g, '')}\\s*\\(`, 'i'), from) });
      }
      if (n.type === 'binary_expr' && ARITHMETIC.has(String(n.operator).toUpperCase()) && (isColumnRef(n.left) || isColumnRef(n.right))) out.push({ what: `"${String(n.operator)}"`, at: from });
    });
  }
  return out;
}

/** MySQL 8.0 reserved words (the (R) entries of "Keywords and Reserved Words"): a name that is one must be quoted everywhere. */
const MYSQL_RESERVED = new Set(`ACCESSIBLE ADD ALL ALTER ANALYZE AND AS ASC ASENSITIVE BEFORE BETWEEN BIGINT BINARY BLOB BOTH BY CALL CASCADE CASE CHANGE CHAR
CHARACTER CHECK COLLATE COLUMN CONDITION CONSTRAINT CONTINUE CONVERT CREATE CROSS CUBE CUME_DIST CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP
CURRENT_USER CURSOR DATABASE DATABASES DAY_HOUR DAY_MICROSECOND DAY_MINUTE DAY_SECOND DEC DECIMAL DECLARE DEFAULT DELAYED DELETE DENSE_RANK
DESC DESCRIBE DETERMINISTIC DISTINCT DISTINCTROW DIV DOUBLE DROP DUAL EACH ELSE ELSEIF EMPTY ENCLOSED ESCAPED EXCEPT EXISTS EXIT EXPLAIN
FALSE FETCH FIRST_VALUE FLOAT FLOAT4 FLOAT8 FOR FORCE FOREIGN FROM FULLTEXT FUNCTION GENERATED GET GRANT GROUP GROUPING GROUPS HAVING
HIGH_PRIORITY HOUR_MICROSECOND HOUR_MINUTE HOUR_SECOND IF IGNORE IN INDEX INFILE INNER INOUT INSENSITIVE INSERT INT INT1 INT2 INT3 INT4 INT8
INTEGER INTERSECT INTERVAL INTO IO_AFTER_GTIDS IO_BEFORE_GTIDS IS ITERATE JOIN JSON_TABLE KEY KEYS KILL LAG LAST_VALUE LATERAL LEAD LEADING
LEAVE LEFT LIKE LIMIT LINEAR LINES LOAD LOCALTIME LOCALTIMESTAMP LOCK LONG LONGBLOB LONGTEXT LOOP LOW_PRIORITY MASTER_BIND
MASTER_SSL_VERIFY_SERVER_CERT MATCH MAXVALUE MEDIUMBLOB MEDIUMINT MEDIUMTEXT MIDDLEINT MINUTE_MICROSECOND MINUTE_SECOND MOD MODIFIES NATURAL
NOT NO_WRITE_TO_BINLOG NTH_VALUE NTILE NULL NUMERIC OF ON OPTIMIZE OPTIMIZER_COSTS OPTION OPTIONALLY OR ORDER OUT OUTER OUTFILE OVER
PARTITION PERCENT_RANK PRECISION PRIMARY PROCEDURE PURGE RANGE RANK READ READS READ_WRITE REAL RECURSIVE REFERENCES REGEXP RELEASE RENAME
REPEAT REPLACE REQUIRE RESIGNAL RESTRICT RETURN REVOKE RIGHT RLIKE ROW ROWS ROW_NUMBER SCHEMA SCHEMAS SECOND_MICROSECOND SELECT SENSITIVE
SEPARATOR SET SHOW SIGNAL SMALLINT SPATIAL SPECIFIC SQL SQLEXCEPTION SQLSTATE SQLWARNING SQL_BIG_RESULT SQL_CALC_FOUND_ROWS
SQL_SMALL_RESULT SSL STARTING STORED STRAIGHT_JOIN SYSTEM TABLE TERMINATED THEN TINYBLOB TINYINT TINYTEXT TO TRAILING TRIGGER TRUE UNDO
UNION UNIQUE UNLOCK UNSIGNED UPDATE USAGE USE USING UTC_DATE UTC_TIME UTC_TIMESTAMP VALUES VARBINARY VARCHAR VARCHARACTER VARYING VIRTUAL
WHEN WHERE WHILE WINDOW WITH WRITE XOR YEAR_MONTH ZEROFILL`.split(/\s+/));

export function isMysqlReserved(name: string): boolean {
  return MYSQL_RESERVED.has(name.toUpperCase());
}
