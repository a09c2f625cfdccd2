/** The columns a statement defines: CREATE TABLE columns and ALTER TABLE … ADD COLUMN. */
import type { ColumnFacts, StatementFacts } from '../../src/lint/facts.js';
import { qualified } from './names.js';

export interface NewColumn {
  readonly column: ColumnFacts;
  readonly table: string;
  /** Added to an existing table (ALTER TABLE … ADD COLUMN), not in CREATE TABLE. */
  readonly added: boolean;
  readonly at?: number;
}

export function newColumns(facts: StatementFacts): NewColumn[] {
  const out: NewColumn[] = [];
  const ct = facts.createTable;
  if (ct) for (const c of ct.columns) out.push({ column: c, table: qualified(ct.table), added: false, ...(c.at !== undefined ? { at: c.at } : {}) });
  const at = facts.alterTable;
  if (at) {
    for (const a of at.actions) {
      if (a.type === 'add-column') out.push({ column: a.column, table: qualified(at.table), added: true, ...(a.at !== undefined ? { at: a.at } : {}) });
      if (a.type === 'modify-column' || a.type === 'change-column') out.push({ column: a.column, table: qualified(at.table), added: true, ...(a.at !== undefined ? { at: a.at } : {}) });
    }
  }
  return out;
}

/** Type names as users write them → the canonical names in ColumnFacts.type. */
const ALIASES: Record<string, string> = {
  integer: 'int', int4: 'int', int8: 'bigint', int2: 'smallint', 'character varying': 'varchar', character: 'char', bpchar: 'char',
  bool: 'boolean', float8: 'double precision', float4: 'real', decimal: 'numeric', serial4: 'serial', serial8: 'bigserial', serial2: 'smallserial',
  'timestamp without time zone': 'timestamp', 'timestamp with time zone': 'timestamptz',
};

export function canonicalType(name: string): string {
  const n = name.trim().toLowerCase().replace(/\s*\(.*\)$/, '');
  return ALIASES[n] ?? n;
}
