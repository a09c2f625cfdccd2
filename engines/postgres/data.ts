/**
 * The PostgreSQL engine's data tasks (src/engine.ts DataTasks): read-only check and prior-backup
 * statement analysis on libpg-query (query.ts), catalog lookups for prior backup, and the backup tools
 * (backup.ts). Loaded lazily through the engine's `dataTasks`; each part imports its own modules
 * when first used, so bb backup and restore never load the SQL parser.
 */
import type { DataTasks, Session } from '../../src/engine.js';

const query = (): Promise<typeof import('./query.js')> => import('./query.js');
const tools = (): Promise<typeof import('./backup.js')> => import('./backup.js');

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const qualified = (t: { schema?: string; name: string }): string => (t.schema ? `${quote(t.schema)}.${quote(t.name)}` : quote(t.name));

const tasks: DataTasks = {
  checkRead: async (sql) => (await query()).checkRead(sql),
  async dataChange(stmt) {
    const { dataChange, loadScanner } = await query();
    await loadScanner();
    return dataChange(stmt);
  },
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
  async tableSchema(session: Session, table) {
    const rows = await session.query<{ schema: string }>(
      'SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)',
      [qualified(table)],
    );
    return rows[0]?.schema;
  },
  async backupSchema(session: Session, options) {
    if (options?.create !== false) await session.execute('CREATE SCHEMA IF NOT EXISTS bb_backup');
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
    const { viewDependencies } = await query();
    return viewDependencies({ query: (sql: string, params?: readonly unknown[]) => session.query(sql, params) } as never, oid, 0);
  },
  backup: async (target, file, options) => (await tools()).backup(target, file, options),
  restore: async (target, file, options) => (await tools()).restore(target, file, options),
};

export async function load(): Promise<DataTasks> {
  return tasks;
}
