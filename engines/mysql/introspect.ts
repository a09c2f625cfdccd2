import type { EngineName, HistoryIdent, SchemaObject, SchemaSnapshot } from '../../src/engine.js';
import type { Driver } from './driver.js';

/**
 * Reads one database (the connection's, or `schemas`) from information_schema into a flat, sorted
 * object list: tables, columns, indexes, primary/unique/foreign-key/check constraints, views,
 * procedures and functions, triggers and events.
 *
 * Stable and diffable: no AUTO_INCREMENT counters, row counts, sizes, timestamps or DEFINERs; names are
 * unqualified when one database is read (so app_staging and app_prod compare equal) and
 * `db.name` when several are. MariaDB and MySQL spell a few things differently (COLUMN_DEFAULT is an
 * expression on MariaDB, a raw value on MySQL); both are normalised to SQL literals. bb's own tables
 * (history, snapshots, lock rows) are left out.
 */
export async function introspect(driver: Driver, history: HistoryIdent, engine: EngineName, schemas?: readonly string[]): Promise<SchemaSnapshot> {
  const current = (await driver.query<{ d: string | null }>('SELECT DATABASE() AS d'))[0]?.d;
  const dbs = schemas && schemas.length > 0 ? [...schemas] : current ? [current] : [];
  if (dbs.length === 0) return { engine, objects: [] };
  const qualify = dbs.length > 1;
  const q = <R>(sql: string): Promise<R[]> => driver.query<R>(sql.replaceAll(':dbs', dbs.map(() => '?').join(', ')), dbs);
  const nameOf = (db: string, name: string): string => (qualify ? `${db}.${name}` : name);
  const mariadb = /mariadb/i.test((await driver.query<{ v: string }>('SELECT VERSION() AS v'))[0]?.v ?? '');
  const own = new Set([history.table, history.snapshotTable, `${history.table}_lock`].map((t) => `${history.schema ?? current}.${t}`));
  const skip = (db: string, table: string): boolean => own.has(`${db}.${table}`);
  const strip = (sql: string): string => stripDefiner(qualify ? sql : unqualify(sql, dbs[0]!));
  const objects: SchemaObject[] = [];

  if (qualify) for (const db of dbs) objects.push({ kind: 'schema', name: db, definition: `CREATE DATABASE ${ident(db)}` });

  const tables = await q<{ db: string; name: string; engine: string | null; collation: string | null; comment: string; options: string | null }>(`
    SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name, ENGINE AS engine, TABLE_COLLATION AS collation, TABLE_COMMENT AS comment, CREATE_OPTIONS AS options
      FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (:dbs) AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')`);
  const tableCollation = new Map<string, string>();
  for (const t of tables) {
    if (skip(t.db, t.name)) continue;
    tableCollation.set(`${t.db}.${t.name}`, t.collation ?? '');
    const parts = [t.engine ? `ENGINE=${t.engine}` : '', t.collation ? `DEFAULT CHARSET=${t.collation.split('_')[0]} COLLATE=${t.collation}` : ''];
    if (t.options && /partitioned/i.test(t.options)) parts.push('PARTITIONED');
    if (t.comment) parts.push(`COMMENT=${literal(t.comment)}`);
    objects.push({ kind: 'table', name: nameOf(t.db, t.name), definition: parts.filter(Boolean).join(' ') });
  }

  for (const c of await q<{ db: string; table: string; name: string; pos: number; type: string; nullable: string; def: string | null; extra: string; collation: string | null; comment: string; generation: string | null }>(`
      SELECT c.TABLE_SCHEMA AS db, c.TABLE_NAME AS \`table\`, c.COLUMN_NAME AS name, c.ORDINAL_POSITION AS pos, c.COLUMN_TYPE AS type, c.IS_NULLABLE AS nullable,
             c.COLUMN_DEFAULT AS def, c.EXTRA AS extra, c.COLLATION_NAME AS collation, c.COLUMN_COMMENT AS comment, c.GENERATION_EXPRESSION AS generation
        FROM information_schema.COLUMNS c JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
       WHERE c.TABLE_SCHEMA IN (:dbs) AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')`)) {
    if (skip(c.db, c.table)) continue;
    const table = nameOf(c.db, c.table);
    let def = c.type;
    if (c.collation && c.collation !== tableCollation.get(`${c.db}.${c.table}`)) def += ` COLLATE ${c.collation}`;
    const extra = c.extra.replace(/\bDEFAULT_GENERATED\b/i, '').trim();
    const generated = c.generation && /\b(VIRTUAL|STORED|PERSISTENT)\b/i.test(extra);
    if (generated) def += ` GENERATED ALWAYS AS (${c.generation}) ${/VIRTUAL/i.test(extra) ? 'VIRTUAL' : 'STORED'}`;
    if (c.nullable === 'NO') def += ' NOT NULL';
    const dflt = generated ? undefined : columnDefault(c.def, c.extra, c.type, mariadb);
    if (dflt !== undefined) def += ` DEFAULT ${dflt}`;
    const rest = extra.replace(/\b(VIRTUAL|STORED|PERSISTENT)\s+GENERATED\b/i, '').replace(/\bINVISIBLE\b/i, 'INVISIBLE').trim();
    if (rest) def += ` ${rest.replace(/\bon update\b/i, 'ON UPDATE').replace(/\bauto_increment\b/i, 'AUTO_INCREMENT').replace(/current_timestamp\(\)/gi, 'CURRENT_TIMESTAMP')}`;
    if (c.comment) def += ` COMMENT ${literal(c.comment)}`;
    // Column order is part of the definition (SELECT * sees it).
    objects.push({ kind: 'column', name: `${table}.${c.name}`, table, definition: `${String(c.pos).padStart(4, '0')} ${def}` });
  }

  // Indexes: one row per column in STATISTICS, grouped by index. SELECT * because MySQL 8 has
  // EXPRESSION (functional key parts) and MariaDB has not.
  const indexes = new Map<string, { db: string; table: string; name: string; unique: boolean; type: string; parts: { seq: number; text: string }[]; comment: string }>();
  for (const s of await q<Record<string, unknown>>('SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (:dbs)')) {
    const db = String(s.TABLE_SCHEMA);
    const table = String(s.TABLE_NAME);
    if (skip(db, table)) continue;
    const name = String(s.INDEX_NAME);
    const key = `${db}.${table}.${name}`;
    let entry = indexes.get(key);
    if (!entry) {
      entry = { db, table, name, unique: Number(s.NON_UNIQUE) === 0, type: String(s.INDEX_TYPE ?? 'BTREE'), parts: [], comment: String(s.INDEX_COMMENT ?? '') };
      indexes.set(key, entry);
    }
    const column = s.COLUMN_NAME === null || s.COLUMN_NAME === undefined ? `(${String(s.EXPRESSION ?? '')})` : ident(String(s.COLUMN_NAME));
    const sub = s.SUB_PART === null || s.SUB_PART === undefined ? '' : `(${String(s.SUB_PART)})`;
    const desc = s.COLLATION === 'D' ? ' DESC' : '';
    entry.parts.push({ seq: Number(s.SEQ_IN_INDEX), text: `${column}${sub}${desc}` });
  }
  for (const i of indexes.values()) {
    const cols = i.parts.sort((a, b) => a.seq - b.seq).map((p) => p.text).join(', ');
    const table = nameOf(i.db, i.table);
    const comment = i.comment ? ` COMMENT ${literal(i.comment)}` : '';
    if (i.name === 'PRIMARY') {
      objects.push({ kind: 'constraint', name: `${table}.PRIMARY`, table, definition: `PRIMARY KEY (${cols})` });
    } else {
      const prefix = i.type === 'FULLTEXT' ? 'FULLTEXT KEY' : i.type === 'SPATIAL' ? 'SPATIAL KEY' : i.unique ? 'UNIQUE KEY' : 'KEY';
      const using = i.type === 'HASH' ? ' USING HASH' : '';
      objects.push({ kind: 'index', name: `${table}.${i.name}`, table, definition: `${prefix} ${ident(i.name)} (${cols})${using}${comment}` });
    }
  }

  const fks = new Map<string, { db: string; table: string; name: string; cols: string[]; refDb: string; refTable: string; refCols: string[]; onUpdate: string; onDelete: string }>();
  for (const r of await q<{ db: string; table: string; name: string; col: string; pos: number; refDb: string; refTable: string; refCol: string; onUpdate: string; onDelete: string }>(`
      SELECT k.TABLE_SCHEMA AS db, k.TABLE_NAME AS \`table\`, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.ORDINAL_POSITION AS pos,
             k.REFERENCED_TABLE_SCHEMA AS refDb, k.REFERENCED_TABLE_NAME AS refTable, k.REFERENCED_COLUMN_NAME AS refCol,
             rc.UPDATE_RULE AS onUpdate, rc.DELETE_RULE AS onDelete
        FROM information_schema.KEY_COLUMN_USAGE k
        JOIN information_schema.REFERENTIAL_CONSTRAINTS rc ON rc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND rc.TABLE_NAME = k.TABLE_NAME
       WHERE k.TABLE_SCHEMA IN (:dbs) AND k.REFERENCED_TABLE_NAME IS NOT NULL
       ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`)) {
    if (skip(r.db, r.table)) continue;
    const key = `${r.db}.${r.table}.${r.name}`;
    let fk = fks.get(key);
    if (!fk) {
      fk = { db: r.db, table: r.table, name: r.name, cols: [], refDb: r.refDb, refTable: r.refTable, refCols: [], onUpdate: r.onUpdate, onDelete: r.onDelete };
      fks.set(key, fk);
    }
    fk.cols.push(ident(r.col));
    fk.refCols.push(ident(r.refCol));
  }
  for (const fk of fks.values()) {
    const table = nameOf(fk.db, fk.table);
    const ref = qualify || fk.refDb !== fk.db ? `${ident(fk.refDb)}.${ident(fk.refTable)}` : ident(fk.refTable);
    const actions = `${fk.onDelete !== 'RESTRICT' && fk.onDelete !== 'NO ACTION' ? ` ON DELETE ${fk.onDelete}` : ''}${fk.onUpdate !== 'RESTRICT' && fk.onUpdate !== 'NO ACTION' ? ` ON UPDATE ${fk.onUpdate}` : ''}`;
    objects.push({ kind: 'constraint', name: `${table}.${fk.name}`, table, definition: `FOREIGN KEY (${fk.cols.join(', ')}) REFERENCES ${ref} (${fk.refCols.join(', ')})${actions}` });
  }

  // CHECK constraints: MariaDB ≥ 10.2 and MySQL ≥ 8.0.16 (MariaDB's table has TABLE_NAME, MySQL's not).
  try {
    const checks = mariadb
      ? await q<{ db: string; table: string; name: string; clause: string; level: string | null }>(`
          SELECT CONSTRAINT_SCHEMA AS db, TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause, LEVEL AS level
            FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (:dbs)`)
      : await q<{ db: string; table: string; name: string; clause: string; level: string | null }>(`
          SELECT tc.TABLE_SCHEMA AS db, tc.TABLE_NAME AS \`table\`, tc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS clause, NULL AS level
            FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc
              ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
           WHERE tc.TABLE_SCHEMA IN (:dbs) AND tc.CONSTRAINT_TYPE = 'CHECK'`);
    for (const c of checks) {
      if (skip(c.db, c.table)) continue;
      // MariaDB reports JSON columns' implicit json_valid() checks as column-level constraints: not user DDL.
      if (c.level === 'Column' && /^json_valid\(`[^`]+`\)$/i.test(c.clause.trim())) continue;
      const table = nameOf(c.db, c.table);
      objects.push({ kind: 'constraint', name: `${table}.${c.name}`, table, definition: `CHECK (${c.clause})` });
    }
  } catch {
    /* no CHECK_CONSTRAINTS on this server (MySQL < 8.0.16, TiDB before 7.2) */
  }

  // MariaDB's sequences (10.3+) are tables of type SEQUENCE; their CREATE statement has the options but
  // not the current value, so using one is not drift.
  for (const sq of await q<{ db: string; name: string }>(`
      SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (:dbs) AND TABLE_TYPE = 'SEQUENCE'`)) {
    const rows = await driver.query<Record<string, string | null>>(`SHOW CREATE SEQUENCE ${ident(sq.db)}.${ident(sq.name)}`).catch(() => []);
    const body = rows[0]?.['Create Table'];
    const name = nameOf(sq.db, sq.name);
    objects.push({ kind: 'sequence', name, definition: body ? strip(body).replace(/\s+ENGINE=\w+\s*$/i, '') : `CREATE SEQUENCE ${qualifiedIdent(name)}` });
  }

  for (const v of await q<{ db: string; name: string; def: string; check: string; security: string; algorithm?: string }>(`
      SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name, VIEW_DEFINITION AS def, CHECK_OPTION AS \`check\`, SECURITY_TYPE AS security
        FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN (:dbs)`)) {
    const check = v.check && v.check !== 'NONE' ? ` WITH ${v.check} CHECK OPTION` : '';
    const security = v.security && v.security !== 'DEFINER' ? ` SQL SECURITY ${v.security}` : '';
    const name = nameOf(v.db, v.name);
    objects.push({ kind: 'view', name, definition: `CREATE${security} VIEW ${qualifiedIdent(name)} AS ${strip(v.def)}${check}` });
  }

  for (const r of await q<{ db: string; name: string; type: string }>(`
      SELECT ROUTINE_SCHEMA AS db, ROUTINE_NAME AS name, ROUTINE_TYPE AS type FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN (:dbs)`)) {
    const type = r.type.toUpperCase() === 'FUNCTION' ? 'FUNCTION' : 'PROCEDURE';
    const rows = await driver.query<Record<string, string | null>>(`SHOW CREATE ${type} ${ident(r.db)}.${ident(r.name)}`).catch(() => []);
    const body = rows[0]?.[type === 'FUNCTION' ? 'Create Function' : 'Create Procedure'];
    const definition = body ? strip(body) : `CREATE ${type} ${ident(r.name)} /* definition not readable with this user's privileges */`;
    objects.push({ kind: 'function', name: `${nameOf(r.db, r.name)} (${type.toLowerCase()})`, definition });
  }

  for (const t of await q<{ db: string; name: string; table: string; timing: string; event: string; body: string; ord: number }>(`
      SELECT TRIGGER_SCHEMA AS db, TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS \`table\`, ACTION_TIMING AS timing,
             EVENT_MANIPULATION AS event, ACTION_STATEMENT AS body, ACTION_ORDER AS ord
        FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN (:dbs)`)) {
    if (skip(t.db, t.table)) continue;
    const table = nameOf(t.db, t.table);
    objects.push({ kind: 'trigger', name: `${table}.${t.name}`, table, definition: `CREATE TRIGGER ${ident(t.name)} ${t.timing} ${t.event} ON ${qualifiedIdent(table)} FOR EACH ROW ${strip(t.body)}` });
  }

  try {
    for (const e of await q<{ db: string; name: string; def: string; type: string; at: string | null; value: string | null; field: string | null; status: string; preserve: string }>(`
        SELECT EVENT_SCHEMA AS db, EVENT_NAME AS name, EVENT_DEFINITION AS def, EVENT_TYPE AS type, EXECUTE_AT AS at,
               INTERVAL_VALUE AS value, INTERVAL_FIELD AS field, STATUS AS status, ON_COMPLETION AS preserve
          FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN (:dbs)`)) {
      const schedule = e.type === 'RECURRING' ? `EVERY ${e.value ?? '?'} ${e.field ?? ''}`.trim() : `AT '${e.at ?? ''}'`;
      const status = e.status === 'ENABLED' ? '' : ` ${e.status === 'SLAVESIDE_DISABLED' ? 'DISABLE ON SLAVE' : 'DISABLE'}`;
      objects.push({ kind: 'other', name: `${nameOf(e.db, e.name)} (event)`, definition: `CREATE EVENT ${qualifiedIdent(nameOf(e.db, e.name))} ON SCHEDULE ${schedule} ON COMPLETION ${e.preserve}${status} DO ${strip(e.def)}` });
    }
  } catch {
    /* no EVENTS table (TiDB) */
  }

  // Sequences before tables: a column's DEFAULT may call NEXTVAL on one.
  const order: Record<string, number> = { schema: 0, sequence: 1, table: 2, column: 3, constraint: 4, index: 5, view: 6, function: 7, trigger: 8, other: 9 };
  objects.sort((a, b) => (order[a.kind]! - order[b.kind]!) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { engine, objects };
}

/**
 * COLUMN_DEFAULT → SQL. MariaDB (≥ 10.2.7) gives an expression: 'text' quoted, NULL as the word NULL,
 * current_timestamp(). MySQL gives the raw value (unquoted text, SQL NULL for none) and marks
 * expressions with DEFAULT_GENERATED in EXTRA.
 */
export function columnDefault(def: string | null, extra: string, type: string, mariadb: boolean): string | undefined {
  if (def === null) return undefined;
  if (mariadb) return def === 'NULL' ? 'NULL' : def.replace(/^current_timestamp\(\)$/i, 'CURRENT_TIMESTAMP');
  if (/DEFAULT_GENERATED/i.test(extra)) return /^current_timestamp/i.test(def) ? def.replace(/^current_timestamp(\(\))?/i, 'CURRENT_TIMESTAMP') : `(${def})`;
  if (/^CURRENT_TIMESTAMP(\(\d*\))?$/i.test(def)) return def.toUpperCase().replace(/\(\)$/, '');
  if (/^(tiny|small|medium|big)?int|^decimal|^float|^double|^bit|^year/i.test(type) && /^-?[\d.]+$|^b'[01]+'$/.test(def)) return def;
  return literal(def);
}

export function ident(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

function qualifiedIdent(name: string): string {
  const dot = name.indexOf('.');
  return dot === -1 ? ident(name) : `${ident(name.slice(0, dot))}.${ident(name.slice(dot + 1))}`;
}

export function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Removes `db`. qualifiers of the one introspected database (view and routine bodies carry them). */
function unqualify(sql: string, db: string): string {
  return sql.split(`${ident(db)}.`).join('');
}

function stripDefiner(sql: string): string {
  return sql.replace(/\s+DEFINER\s*=\s*(`[^`]*`|'[^']*'|\S+?)@(`[^`]*`|'[^']*'|\S+)/i, '');
}
