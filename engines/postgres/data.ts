/**
 * The PostgreSQL engine's data tasks (src/engine.ts DataTasks): read-only check and prior-backup
 * statement analysis on libpg-query (query.ts), catalog lookups for prior backup, and the backup tools
 * (backup.ts). Loaded lazily through the engine's `dataTasks`.
 */
import type { DataTasks, Session } from '../../src/engine.js';
import { backup, restore } from './backup.js';
import { checkRead, dataChange, loadScanner, viewDependencies } from './query.js';

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const qualified = (t: { schema?: string; name: string }): string => (t.schema ? `${quote(t.schema)}.${quote(t.name)}` : quote(t.name));

const tasks: DataTasks = {
  checkRead,
  dataChange,
  quote,
  placeholder: (n) => `$${n}`,
  updateFrom: (target, source, keys, columns) =>
    `UPDATE ${target} AS t SET ${columns.map((c) => `${quote(c)} = b.${quote(c)}`).join(', ')} FROM ${source} AS b WHERE ${keys.map((k) => `t.${quote(k)} = b.${quote(k)}`).join(' AND ')}`,
  async primaryKey(session: Session, table) {
    const rows = await session.query<{ name: string }>(
      `SELECT a.attname AS name
         FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = to_regclass($1) AND i.indisprimary
        ORDER BY array_position(i.indkey::int2[], a.attnum)`,
      [qualified(table)],
    );
    return rows.map((r) => r.name);
  },
  async backupSchema(session: Session) {
    await session.execute('CREATE SCHEMA IF NOT EXISTS bb_backup');
    return 'bb_backup';
  },
  async tableColumns(session: Session, table) {
    const rows = await session.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
      [qualified(table)],
    );
    return rows.map((r) => r.name);
  },
  async relationSources(session: Session, table) {
    const oid = (await session.query<{ oid: number | null }>('SELECT to_regclass($1)::oid::int AS oid', [qualified(table)]))[0]?.oid;
    if (!oid) return [];
    return viewDependencies({ query: (sql: string, params?: readonly unknown[]) => session.query(sql, params) } as never, oid, 0);
  },
  backup,
  restore,
};

/** The data tasks, with the scanner that dataChange() needs loaded. */
export async function load(): Promise<DataTasks> {
  await loadScanner();
  return tasks;
}
