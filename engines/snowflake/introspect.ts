import type { HistoryIdent, SchemaObject, SchemaSnapshot } from '../../src/engine.js';
import type { Driver } from './driver.js';
import { lockTableName } from './history.js';
import { storedName } from './url.js';

interface TableRow { TABLE_SCHEMA: string; TABLE_NAME: string; TABLE_TYPE: string; IS_TRANSIENT: string | null; COMMENT: string | null }
interface ColumnRow {
  TABLE_SCHEMA: string; TABLE_NAME: string; COLUMN_NAME: string; ORDINAL_POSITION: number; DATA_TYPE: string; IS_NULLABLE: string;
  COLUMN_DEFAULT: string | null; CHARACTER_MAXIMUM_LENGTH: number | null; NUMERIC_PRECISION: number | null; NUMERIC_SCALE: number | null; COMMENT: string | null;
}
interface ViewRow { TABLE_SCHEMA: string; TABLE_NAME: string; VIEW_DEFINITION: string | null }

/**
 * Reads the current database's schema through INFORMATION_SCHEMA (schemas, tables, columns, views)
 * and GET_DDL (each table's DDL as Snowflake prints it, so `dump` shows what Snowflake would). Where
 * GET_DDL is refused (privileges), the table's DDL is rebuilt from its columns. bb's own tables are
 * left out. Names are as Snowflake stores them (upper case unless created quoted).
 */
export async function introspect(driver: Driver, history: HistoryIdent, schemas?: readonly string[]): Promise<SchemaSnapshot> {
  const own = new Set([history.table, history.snapshotTable, lockTableName(history.table)].map(storedName));
  const ownSchema = history.schema ? storedName(history.schema) : undefined;
  const filter = schemas && schemas.length > 0 ? new Set(schemas.map(storedName)) : undefined;
  const keep = (schema: string): boolean => schema !== 'INFORMATION_SCHEMA' && (!filter || filter.has(schema));
  const isOwn = (schema: string, table: string): boolean => own.has(table) && (ownSchema === undefined || ownSchema === schema);
  const objects: SchemaObject[] = [];

  const schemaRows = await driver.query<{ SCHEMA_NAME: string }>('SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY SCHEMA_NAME');
  for (const r of schemaRows) {
    if (keep(r.SCHEMA_NAME)) objects.push({ kind: 'schema', name: r.SCHEMA_NAME, definition: `CREATE SCHEMA IF NOT EXISTS ${q(r.SCHEMA_NAME)}` });
  }
  const tables = (await driver.query<TableRow>('SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, IS_TRANSIENT, COMMENT FROM INFORMATION_SCHEMA.TABLES ORDER BY TABLE_SCHEMA, TABLE_NAME'))
    .filter((t) => keep(t.TABLE_SCHEMA) && !isOwn(t.TABLE_SCHEMA, t.TABLE_NAME));
  const columns = await driver.query<ColumnRow>(
    `SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, COMMENT
       FROM INFORMATION_SCHEMA.COLUMNS ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`,
  );
  const byTable = new Map<string, ColumnRow[]>();
  for (const c of columns) {
    const key = `${c.TABLE_SCHEMA}.${c.TABLE_NAME}`;
    const list = byTable.get(key);
    if (list) list.push(c);
    else byTable.set(key, [c]);
  }
  const views = new Map((await driver.query<ViewRow>('SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS')).map((v) => [`${v.TABLE_SCHEMA}.${v.TABLE_NAME}`, v.VIEW_DEFINITION]));

  for (const t of tables) {
    const name = `${t.TABLE_SCHEMA}.${t.TABLE_NAME}`;
    const qualified = `${q(t.TABLE_SCHEMA)}.${q(t.TABLE_NAME)}`;
    if (t.TABLE_TYPE === 'VIEW') {
      const ddl = (await getDdl(driver, 'VIEW', qualified)) ?? views.get(name) ?? '';
      objects.push({ kind: 'view', name, definition: normalize(ddl) });
      continue;
    }
    const cols = byTable.get(name) ?? [];
    for (const c of cols) objects.push({ kind: 'column', name: `${name}.${c.COLUMN_NAME}`, table: name, definition: columnDefinition(c) });
    const ddl = (await getDdl(driver, 'TABLE', qualified)) ?? rebuild(t, cols);
    objects.push({ kind: 'table', name, definition: normalize(ddl) });
  }
  const order: Record<string, number> = { schema: 0, table: 1, column: 2, view: 3 };
  objects.sort((a, b) => (order[a.kind] ?? 9) - (order[b.kind] ?? 9) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { engine: 'snowflake', objects };
}

/** The type as GET_DDL writes it, plus nullability and default. */
export function columnDefinition(c: ColumnRow): string {
  let type = c.DATA_TYPE;
  if (type === 'NUMBER') type = `NUMBER(${c.NUMERIC_PRECISION ?? 38},${c.NUMERIC_SCALE ?? 0})`;
  else if (type === 'TEXT') type = `VARCHAR(${c.CHARACTER_MAXIMUM_LENGTH ?? 16777216})`;
  else if (type === 'BINARY') type = `BINARY(${c.CHARACTER_MAXIMUM_LENGTH ?? 8388608})`;
  return `${type}${c.IS_NULLABLE === 'NO' ? ' NOT NULL' : ''}${c.COLUMN_DEFAULT ? ` DEFAULT ${c.COLUMN_DEFAULT}` : ''}${c.COMMENT ? ` COMMENT '${c.COMMENT.replace(/'/g, "\\'")}'` : ''}`;
}

async function getDdl(driver: Driver, kind: 'TABLE' | 'VIEW', qualified: string): Promise<string | undefined> {
  try {
    const rows = await driver.query<{ DDL: string }>(`SELECT GET_DDL('${kind}', '${qualified.replace(/'/g, "''")}') AS DDL`);
    return rows[0]?.DDL;
  } catch {
    return undefined;
  }
}

function rebuild(t: TableRow, cols: readonly ColumnRow[]): string {
  const lines = cols.map((c) => `\t${q(c.COLUMN_NAME)} ${columnDefinition(c)}`);
  return `create or replace ${t.IS_TRANSIENT === 'YES' ? 'TRANSIENT ' : ''}TABLE ${q(t.TABLE_NAME)} (\n${lines.join(',\n')}\n)${t.COMMENT ? ` COMMENT='${t.COMMENT.replace(/'/g, "\\'")}'` : ''};`;
}

/** Line endings and trailing blanks never make two schemas differ. */
function normalize(ddl: string): string {
  return ddl.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim().replace(/;?$/, ';');
}

/** An identifier as Snowflake prints it: bare when plain upper case, quoted otherwise. */
export function q(name: string): string {
  return /^[A-Z_][A-Z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
