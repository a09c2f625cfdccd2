/** MySQL type families the MySQL/TiDB rules share (ColumnFacts.type is node-sql-parser's type, lower case). */
import type { ColumnFacts, IndexFacts, ObjectName, StatementFacts } from '../../src/lint/facts.js';
import type { SchemaModel } from '../../src/lint/schema-model.js';
import { qualified } from './names.js';

export const MYSQL_INTEGER_TYPES: ReadonlySet<string> = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint']);
/** Types that hold text in a character set: a charset or collation applies to them. */
export const MYSQL_TEXT_TYPES: ReadonlySet<string> = new Set(['char', 'varchar', 'nchar', 'nvarchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum', 'set']);
/** BLOB and TEXT types: an index on them needs a prefix length and is usually a mistake. */
export const MYSQL_BLOB_TYPES: ReadonlySet<string> = new Set(['tinyblob', 'blob', 'mediumblob', 'longblob', 'tinytext', 'text', 'mediumtext', 'longtext']);
/** Types that cannot have a literal DEFAULT before MySQL 8.0.13 (and rarely should). */
export const MYSQL_NO_DEFAULT_TYPES: ReadonlySet<string> = new Set([...MYSQL_BLOB_TYPES, 'json', 'geometry', 'point', 'linestring', 'polygon', 'multipoint', 'multilinestring', 'multipolygon', 'geometrycollection']);

/** The unsigned flag as written (`INT UNSIGNED`, `BIGINT(20) UNSIGNED ZEROFILL`). */
export function isUnsigned(c: ColumnFacts): boolean {
  return /\bunsigned\b/i.test(c.typeText) || /\bzerofill\b/i.test(c.typeText);
}

/** Columns a MySQL statement defines or redefines: CREATE TABLE columns, ADD / MODIFY / CHANGE COLUMN. */
export interface DefinedColumn {
  readonly column: ColumnFacts;
  readonly table: string;
  readonly at?: number;
}

export function definedColumns(facts: StatementFacts): DefinedColumn[] {
  const out: DefinedColumn[] = [];
  const ct = facts.createTable;
  if (ct) for (const c of ct.columns) out.push({ column: c, table: qualified(ct.table), ...(c.at !== undefined ? { at: c.at } : {}) });
  const at = facts.alterTable;
  for (const a of at?.actions ?? []) {
    if (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column') out.push({ column: a.column, table: qualified(at!.table), ...(a.at !== undefined ? { at: a.at } : {}) });
  }
  return out;
}

/** An index column as written ("b(10)" or "b") → the column name; undefined for an expression "(…)". */
export function indexColumnName(c: string): string | undefined {
  if (c.startsWith('(')) return undefined;
  return c.replace(/\s*\(\s*\d+\s*\)\s*$/, '');
}

/** Every index a MySQL statement creates, with the table it is on: CREATE TABLE keys, CREATE INDEX, ALTER TABLE ADD INDEX/KEY/UNIQUE/PRIMARY KEY. */
export interface NewIndex {
  readonly index: IndexFacts;
  readonly table: ObjectName;
  readonly at?: number;
}

export function newIndexes(facts: StatementFacts): NewIndex[] {
  const out: NewIndex[] = [];
  const ct = facts.createTable;
  if (ct) for (const i of ct.indexes ?? []) out.push({ index: i, table: ct.table, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) });
  const ix = facts.createIndex;
  if (ix) out.push({ index: ix, table: ix.table, ...(ix.at !== undefined ? { at: ix.at } : {}) });
  const at = facts.alterTable;
  for (const a of at?.actions ?? []) {
    const pos = a.at !== undefined ? { at: a.at } : {};
    if (a.type === 'add-index') out.push({ index: a.index, table: at!.table, ...pos });
    if (a.type === 'add-constraint' && (a.constraint.type === 'primary-key' || a.constraint.type === 'unique')) {
      const name = a.constraint.type === 'primary-key' ? 'PRIMARY' : a.constraint.name;
      out.push({ index: { ...(name ? { name } : {}), table: at!.table, columns: a.constraint.columns, unique: true }, table: at!.table, ...pos });
    }
  }
  return out;
}

/**
 * The definition of a column of `table` as the statement sees it: a column the same statement defines
 * (CREATE TABLE, ADD/MODIFY/CHANGE COLUMN) wins over the schema model of earlier migrations and statements.
 */
export function columnOf(facts: StatementFacts, schema: SchemaModel, table: ObjectName, column: string): ColumnFacts | undefined {
  const k = column.toLowerCase();
  const own = definedColumns(facts).find((d) => d.column.name.toLowerCase() === k);
  if (own) return own.column;
  return schema.table(table)?.columns.get(k);
}

/**
 * Character sets or collations a MySQL statement names, by their keywords (so that CREATE DATABASE, SET NAMES
 * and statements the parser cannot read count too): `CHARACTER SET x`, `CHARSET = x`, `SET NAMES x`,
 * `COLLATE x`. Comments are skipped; `at` is the offset of the keyword in the statement text.
 */
export function mysqlCharsetMentions(text: string, what: 'charset' | 'collation'): { name: string; at: number }[] {
  // Comments, and string literals with a space in them (a quoted charset or collation name has none), are blanked.
  const masked = text.replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|--[^\n]*|#[^\n]*|\/\*(?!!)[\s\S]*?\*\//g, (m) => (/^['"]/.test(m) && !/\s/.test(m) ? m : ' '.repeat(m.length)));
  const keyword = what === 'charset' ? String.raw`(?:CHARACTER\s+SET|CHARSET|SET\s+NAMES)` : String.raw`COLLATE`;
  const re = new RegExp(String.raw`(?<![\w$])${keyword}\s*=?\s*(['"\x60]?)([\w$]+)\1`, 'gi');
  const out: { name: string; at: number }[] = [];
  for (let m = re.exec(masked); m; m = re.exec(masked)) {
    const name = m[2]!;
    if (/^default$/i.test(name)) continue;
    out.push({ name, at: m.index });
  }
  return out;
}
