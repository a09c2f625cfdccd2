import type { HistoryIdent, SchemaObject, SchemaObjectKind, SchemaSnapshot } from '../../src/engine.js';
import type { Driver } from './driver.js';
import { requalify } from './requalify.js';

interface TableRow { database: string; name: string; engine: string; ddl: string }
interface ColumnRow { database: string; table: string; name: string; type: string; default_kind: string; default_expression: string; compression_codec: string; comment: string }

/**
 * Reads the schema from system.tables (create_table_query, formatted by the server's formatQuery where
 * it exists) and system.columns into a flat, sorted object list. Volatile details are left out: the
 * inner tables of materialized views (named by UUID), bb's own tables, temporary tables, and the
 * database qualifier where it names the introspected database itself, so two databases migrated from
 * one folder (events_dev, events) compare equal.
 */
export async function introspect(driver: Driver, history: HistoryIdent, schemas?: readonly string[]): Promise<SchemaSnapshot> {
  const databases = schemas && schemas.length > 0 ? [...schemas] : [driver.database];
  const own = new Set([history.table, history.snapshotTable, `${history.table}_lock`]);
  const ownDb = history.schema ?? driver.database;
  const tables = await readTables(driver, databases);
  const columns = await driver.query<ColumnRow>(
    `SELECT database, table, name, type, default_kind, default_expression, compression_codec, comment
       FROM system.columns WHERE database IN {dbs:Array(String)} ORDER BY database, table, position`,
    { dbs: databases },
  );
  const objects: SchemaObject[] = [];
  const skip = (db: string, name: string): boolean => name.startsWith('.inner') || (db === ownDb && own.has(name));
  const display = (db: string, name: string): string => (databases.length === 1 ? name : `${db}.${name}`);
  for (const t of tables) {
    if (skip(t.database, t.name)) continue;
    objects.push({ kind: kindOf(t.engine), name: display(t.database, t.name), definition: unqualify(t.ddl, databases.length === 1 ? t.database : undefined) });
  }
  for (const c of columns) {
    if (skip(c.database, c.table)) continue;
    const table = display(c.database, c.table);
    const parts = [c.type];
    if (c.default_kind) parts.push(`${c.default_kind} ${c.default_expression}`);
    if (c.compression_codec) parts.push(c.compression_codec);
    if (c.comment) parts.push(`COMMENT '${c.comment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
    objects.push({ kind: 'column', name: `${table}.${c.name}`, table, definition: parts.join(' ') });
  }
  const indexes = await driver.query<{ database: string; table: string; name: string; type: string; expr: string; granularity: string }>(
    `SELECT database, table, name, type_full AS type, expr, toString(granularity) AS granularity
       FROM system.data_skipping_indices WHERE database IN {dbs:Array(String)} ORDER BY database, table, name`,
    { dbs: databases },
  ).catch(() => []);
  for (const i of indexes) {
    if (skip(i.database, i.table)) continue;
    const table = display(i.database, i.table);
    objects.push({ kind: 'index', name: `${table}.${i.name}`, table, definition: `INDEX ${i.name} ${i.expr} TYPE ${i.type} GRANULARITY ${i.granularity}` });
  }
  if (!schemas || schemas.length === 0) {
    const functions = await driver.query<{ name: string; create_query: string }>(
      "SELECT name, create_query FROM system.functions WHERE origin = 'SQLUserDefined' ORDER BY name",
    ).catch(() => []);
    for (const f of functions) objects.push({ kind: 'function', name: f.name, definition: f.create_query });
  }
  const rank: Record<SchemaObjectKind, number> = { function: 0, schema: 0, extension: 0, type: 0, sequence: 0, table: 1, column: 1, constraint: 1, index: 1, other: 2, view: 3, trigger: 4 };
  const sub = (o: SchemaObject): number => (o.kind === 'column' ? 1 : o.kind === 'index' ? 2 : 0);
  objects.sort((a, b) => rank[a.kind] - rank[b.kind] || (a.table ?? a.name).localeCompare(b.table ?? b.name) || sub(a) - sub(b) || a.name.localeCompare(b.name));
  return { engine: 'clickhouse', objects };
}

async function readTables(driver: Driver, databases: readonly string[]): Promise<TableRow[]> {
  const sql = (ddl: string): string =>
    `SELECT database, name, engine, ${ddl} AS ddl FROM system.tables
      WHERE database IN {dbs:Array(String)} AND NOT is_temporary ORDER BY database, name`;
  try {
    return await driver.query<TableRow>(sql('formatQuery(create_table_query)'), { dbs: databases });
  } catch {
    return driver.query<TableRow>(sql('create_table_query'), { dbs: databases }); // servers before formatQuery (23.10)
  }
}

function kindOf(engine: string): SchemaObjectKind {
  if (engine === 'View' || engine === 'MaterializedView' || engine === 'LiveView' || engine === 'WindowView') return 'view';
  if (engine === 'Dictionary') return 'other';
  return 'table';
}

/** Removes `db.` qualifiers that name `database` itself (outside strings), so dumps are portable. */
export function unqualify(ddl: string, database: string | undefined): string {
  return database ? requalify(ddl, database, undefined) : ddl;
}
