/**
 * The MySQL engine's data tasks (src/engine.ts DataTasks): read-only check and prior-backup analysis
 * on node-sql-parser (query.ts), information_schema lookups, and the dump tools (backup.ts).
 */
import type { ColumnSource, DataTasks, Session } from '../../src/engine.js';
import { backup, restore } from './backup.js';
import { quoteIdent } from './lock.js';
import { loadParser } from './parse.js';
import { checkRead, dataChange } from './query.js';

const schemaOf = (t: { schema?: string }): string | null => t.schema ?? null;

/** The session's current database (USE), undefined when it has none. */
async function currentDatabase(session: Session): Promise<string | undefined> {
  return (await session.query<{ d: string | null }>('SELECT DATABASE() AS d'))[0]?.d ?? undefined;
}

const tasks: DataTasks = {
  checkRead,
  dataChange,
  quote: quoteIdent,
  placeholder: () => '?',
  updateFrom: (target, source, keys, columns) =>
    `UPDATE ${target} AS t JOIN ${source} AS b ON ${keys.map((k) => `t.${quoteIdent(k)} = b.${quoteIdent(k)}`).join(' AND ')} SET ${columns.map((c) => `t.${quoteIdent(c)} = b.${quoteIdent(c)}`).join(', ')}`,
  async primaryKey(session: Session, table) {
    const rows = await session.query<{ name: string }>(
      `SELECT COLUMN_NAME AS name FROM information_schema.KEY_COLUMN_USAGE
        WHERE CONSTRAINT_NAME = 'PRIMARY' AND TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      [schemaOf(table), table.name],
    );
    return rows.map((r) => String(r.name));
  },
  async tableSchema(session: Session, table) {
    return table.schema ?? currentDatabase(session);
  },
  async backupSchema(session: Session, options) {
    // Beside the database the session opened with: a migration's USE other_db moves neither where the
    // backups go nor where bb rollback --data, on a session of its own, looks for them.
    const home = ('defaultSchema' in session ? session.defaultSchema : await currentDatabase(session)) ?? '';
    const name = `bb_backup_${home}`.slice(0, 64);
    if (options?.create !== false) await session.execute(`CREATE DATABASE IF NOT EXISTS ${quoteIdent(name)}`);
    return name;
  },
  async tableColumns(session: Session, table) {
    const rows = await session.query<{ name: string }>(
      `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION`,
      [schemaOf(table), table.name],
    );
    return rows.map((r) => String(r.name));
  },
  async relationSources(session: Session, table) {
    const out: ColumnSource[] = [];
    const seen = new Set<string>();
    const visit = async (schema: string | null, name: string, depth: number): Promise<void> => {
      const rows = await session.query<{ def: string | null; db: string }>(
        'SELECT VIEW_DEFINITION AS def, TABLE_SCHEMA AS db FROM information_schema.VIEWS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?',
        [schema, name],
      );
      const def = rows[0]?.def;
      if (!def || depth > 8 || seen.has(`${rows[0]!.db}.${name}`)) return;
      seen.add(`${rows[0]!.db}.${name}`);
      const db = rows[0]!.db;
      try {
        const { viewReferences } = await import('./query.js');
        const refs = await viewReferences(def);
        for (const r of refs.columns) out.push({ schema: r.db ?? db, table: r.table, column: r.column });
        for (const t of refs.tables) await visit(t.db ?? db, t.table, depth + 1);
      } catch {
        /* an unreadable view definition: its columns stay untraced and are masked when touched */
      }
    };
    await visit(schemaOf(table), table.name, 0);
    return out;
  },
  backup,
  restore,
};

export async function load(): Promise<DataTasks> {
  await loadParser();
  return tasks;
}
