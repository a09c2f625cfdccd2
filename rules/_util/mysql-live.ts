/** Shared helpers of the rules that ask a live MySQL / MariaDB / TiDB database (EXPLAIN, information_schema). */
import type { ObjectName } from '../../src/lint/facts.js';
import type { LiveDb } from '../../src/lint/types.js';

/** EXPLAIN <statement>: the largest estimated row count of the plan. Throws the server's error. */
export async function mysqlEstimatedRows(db: LiveDb, sql: string): Promise<number> {
  const rows = await db.query<Record<string, unknown>>(`EXPLAIN ${sql.replace(/;\s*$/, '')}`);
  let max = 0;
  for (const r of rows) {
    const n = Number(r['rows'] ?? r['ROWS'] ?? r['estRows'] ?? 0); // TiDB names it estRows
    if (Number.isFinite(n) && n > max) max = n;
  }
  return Math.round(max);
}

/** information_schema.TABLES.TABLE_ROWS (an estimate for InnoDB) of a table; undefined when the table does not exist. */
export async function mysqlTableRows(db: LiveDb, table: ObjectName): Promise<number | undefined> {
  const rows = await db.query<Record<string, unknown>>(
    'SELECT TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?',
    [table.schema ?? null, table.name],
  );
  if (rows.length === 0) return undefined;
  const n = Number(rows[0]!['n'] ?? rows[0]!['N'] ?? 0);
  return Number.isFinite(n) ? n : 0;
}

export const isMysqlFamily = (engine: string): boolean => engine === 'mysql' || engine === 'tidb';
