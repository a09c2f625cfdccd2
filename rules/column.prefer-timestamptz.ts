import { defineRule } from '../src/lint/types.js';
import { newColumns } from './_util/columns.js';

export default defineRule({
  meta: {
    id: 'column.prefer-timestamptz',
    engines: ['postgres'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Use timestamptz instead of timestamp (without time zone)',
    rationale: 'timestamp without time zone stores wall-clock time with no zone: the same value means different instants for sessions in different zones, and DST makes some values ambiguous. timestamptz stores an instant. (Squawk: prefer-timestamptz.)',
    payload: {},
    messages: { ts: 'Column {{table}}.{{column}} is timestamp without time zone; use timestamptz' },
    examples: { bad: 'CREATE TABLE t (id bigint PRIMARY KEY, created_at timestamp);', good: 'CREATE TABLE t (id bigint PRIMARY KEY, created_at timestamptz);' },
  },
  *check(stmt) {
    const changed = (stmt.facts.alterTable?.actions ?? []).flatMap((a) => (a.type === 'alter-column-type' ? [{ column: a.newType, table: stmt.facts.alterTable!.table.name, at: a.at }] : []));
    for (const n of [...newColumns(stmt.facts), ...changed]) {
      if (n.column.type === 'timestamp' || n.column.type === 'timestamp[]') yield { messageId: 'ts', data: { table: n.table, column: n.column.name }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
