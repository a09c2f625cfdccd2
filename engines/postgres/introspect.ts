import type { HistoryIdent, SchemaObject, SchemaSnapshot } from '../../src/engine.js';
import type { Driver } from './driver.js';

/**
 * Reads the schema from the catalogs into a flat, sorted object list. Volatile details (OIDs, sequence
 * positions, statistics, owners) are left out so two databases migrated from one folder compare equal.
 * bb's own tables are excluded.
 */
export async function introspect(driver: Driver, history: HistoryIdent, schemas?: readonly string[]): Promise<SchemaSnapshot> {
  const own = [history.table, history.snapshotTable];
  const filter = schemas && schemas.length > 0 ? schemas : undefined;
  const nsFilter = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'${filter ? ' AND n.nspname = ANY($1::text[])' : ''}`;
  const params = filter ? [filter] : [];
  const objects: SchemaObject[] = [];
  const q = <R>(sql: string): Promise<R[]> => driver.query<R>(sql, params);
  // Objects that belong to an extension are the extension's business, not the migrations'.
  const notExt = (classOid: string, oid: string): string => `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${classOid}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;

  for (const r of await q<{ name: string }>(`SELECT n.nspname AS name FROM pg_namespace n WHERE ${nsFilter}`)) {
    objects.push({ kind: 'schema', name: r.name, definition: `CREATE SCHEMA ${ident(r.name)}` });
  }
  for (const r of await q<{ name: string }>(`SELECT e.extname AS name FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' AND ${nsFilter}`)) {
    objects.push({ kind: 'extension', name: r.name, definition: `CREATE EXTENSION IF NOT EXISTS ${ident(r.name)}` });
  }
  for (const r of await q<{ schema: string; name: string; labels: string[] | string }>(`
      SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
       WHERE ${nsFilter} AND ${notExt('pg_type', 't.oid')} GROUP BY n.nspname, t.typname`)) {
    const labels = toArray(r.labels);
    objects.push({ kind: 'type', name: `${r.schema}.${r.name}`, definition: `CREATE TYPE ${ident(r.schema)}.${ident(r.name)} AS ENUM (${labels.map(literal).join(', ')})` });
  }
  for (const r of await q<{ schema: string; name: string; base: string; notnull: boolean; def: string | null; checks: string | null }>(`
      SELECT n.nspname AS schema, t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS base, t.typnotnull AS notnull, t.typdefault AS def,
             (SELECT string_agg(pg_get_constraintdef(c.oid), ' ' ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid) AS checks
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'd' AND ${nsFilter} AND ${notExt('pg_type', 't.oid')}`)) {
    objects.push({ kind: 'type', name: `${r.schema}.${r.name}`, definition: `CREATE DOMAIN ${ident(r.schema)}.${ident(r.name)} AS ${r.base}${r.def ? ` DEFAULT ${r.def}` : ''}${r.notnull ? ' NOT NULL' : ''}${r.checks ? ` ${r.checks}` : ''}` });
  }
  for (const r of await q<{ schema: string; name: string; type: string; start: string; inc: string; min: string; max: string; cycle: boolean; owned: boolean }>(`
      SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS inc,
             s.seqmin::text AS min, s.seqmax::text AS max, s.seqcycle AS cycle,
             EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0) AS owned
        FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${nsFilter} AND ${notExt('pg_class', 'c.oid')}`)) {
    if (r.owned) continue; // serial and identity sequences are part of their column's definition
    objects.push({ kind: 'sequence', name: `${r.schema}.${r.name}`, definition: `CREATE SEQUENCE ${ident(r.schema)}.${ident(r.name)} AS ${r.type} INCREMENT BY ${r.inc} MINVALUE ${r.min} MAXVALUE ${r.max} START WITH ${r.start}${r.cycle ? ' CYCLE' : ''}` });
  }
  const tables = await q<{ schema: string; name: string; kind: string; partkey: string | null }>(`
      SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND ${nsFilter} AND ${notExt('pg_class', 'c.oid')}`);
  const skip = new Set(tables.filter((t) => own.includes(t.name) && (history.schema === undefined || history.schema === t.schema)).map((t) => `${t.schema}.${t.name}`));
  for (const t of tables) {
    const name = `${t.schema}.${t.name}`;
    if (skip.has(name)) continue;
    objects.push({ kind: 'table', name, definition: t.partkey ? `PARTITION BY ${t.partkey}` : '' });
  }
  for (const r of await q<{ schema: string; table: string; name: string; num: number; type: string; notnull: boolean; def: string | null; identity: string; generated: string; collation: string | null }>(`
      SELECT n.nspname AS schema, c.relname AS table, a.attname AS name, a.attnum AS num, format_type(a.atttypid, a.atttypmod) AS type,
             a.attnotnull AS notnull, pg_get_expr(ad.adbin, ad.adrelid) AS def, a.attidentity AS identity, a.attgenerated AS generated,
             CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
       WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND ${nsFilter}`)) {
    const table = `${r.schema}.${r.table}`;
    if (skip.has(table)) continue;
    let def = r.type;
    if (r.collation) def += ` COLLATE ${ident(r.collation)}`;
    if (r.generated === 's') def += ` GENERATED ALWAYS AS (${r.def}) STORED`;
    else if (r.identity === 'a') def += ' GENERATED ALWAYS AS IDENTITY';
    else if (r.identity === 'd') def += ' GENERATED BY DEFAULT AS IDENTITY';
    else if (r.def !== null) def += ` DEFAULT ${r.def}`;
    if (r.notnull) def += ' NOT NULL';
    // Column order is part of the definition (SELECT * sees it); keep it in the name's sort key.
    objects.push({ kind: 'column', name: `${table}.${r.name}`, table, definition: `${String(r.num).padStart(4, '0')} ${def}` });
  }
  for (const r of await q<{ schema: string; table: string; name: string; def: string }>(`
      SELECT n.nspname AS schema, c.relname AS table, con.conname AS name, pg_get_constraintdef(con.oid, true) AS def
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE ${nsFilter} AND con.contype IN ('p', 'u', 'f', 'c', 'x')`)) {
    const table = `${r.schema}.${r.table}`;
    if (skip.has(table)) continue;
    objects.push({ kind: 'constraint', name: `${table}.${r.name}`, table, definition: r.def });
  }
  for (const r of await q<{ schema: string; table: string; name: string; def: string }>(`
      SELECT n.nspname AS schema, t.relname AS table, i.relname AS name, pg_get_indexdef(ix.indexrelid) AS def
        FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE ${nsFilter} AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u', 'x'))`)) {
    const table = `${r.schema}.${r.table}`;
    if (skip.has(table)) continue;
    objects.push({ kind: 'index', name: `${r.schema}.${r.name}`, table, definition: r.def });
  }
  for (const r of await q<{ schema: string; name: string; kind: string; def: string }>(`
      SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, pg_get_viewdef(c.oid, true) AS def
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND ${nsFilter} AND ${notExt('pg_class', 'c.oid')}`)) {
    const materialized = r.kind === 'm' ? 'MATERIALIZED ' : '';
    objects.push({ kind: 'view', name: `${r.schema}.${r.name}`, definition: `CREATE ${materialized}VIEW ${ident(r.schema)}.${ident(r.name)} AS\n${r.def.trim()}` });
  }
  for (const r of await q<{ schema: string; name: string; args: string; def: string }>(`
      SELECT n.nspname AS schema, p.proname AS name, pg_get_function_identity_arguments(p.oid) AS args, pg_get_functiondef(p.oid) AS def
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND ${nsFilter} AND ${notExt('pg_proc', 'p.oid')}`)) {
    objects.push({ kind: 'function', name: `${r.schema}.${r.name}(${r.args})`, definition: r.def.trim() });
  }
  for (const r of await q<{ schema: string; table: string; name: string; def: string }>(`
      SELECT n.nspname AS schema, c.relname AS table, tg.tgname AS name, pg_get_triggerdef(tg.oid, true) AS def
        FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT tg.tgisinternal AND ${nsFilter}`)) {
    const table = `${r.schema}.${r.table}`;
    if (skip.has(table)) continue;
    objects.push({ kind: 'trigger', name: `${table}.${r.name}`, table, definition: r.def });
  }
  const order: Record<string, number> = { schema: 0, extension: 1, type: 2, sequence: 3, table: 4, column: 5, constraint: 6, index: 7, view: 8, function: 9, trigger: 10, other: 11 };
  objects.sort((a, b) => (order[a.kind]! - order[b.kind]!) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { engine: 'postgres', objects };
}

function toArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  // PGlite may return text[] as a literal: {a,b,"c d"}
  const inner = value.replace(/^\{|\}$/g, '');
  if (inner === '') return [];
  return inner.match(/"(?:[^"\\]|\\.)*"|[^,]+/g)!.map((s) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s));
}

export function ident(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
