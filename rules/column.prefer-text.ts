import { defineRule } from '../src/lint/types.js';
import { newColumns } from './_util/columns.js';

export default defineRule({
  meta: {
    id: 'column.prefer-text',
    engines: ['postgres'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Use text (with a CHECK on the length) instead of varchar(n)',
    rationale: 'Raising n later is cheap, but lowering it or changing the limit of a column used by views needs an ACCESS EXCLUSIVE lock and sometimes a rewrite; a CHECK constraint can be replaced with NOT VALID + VALIDATE without blocking. (Squawk: prefer-text-field.)',
    payload: {},
    messages: { varchar: 'Column {{table}}.{{column}} is {{type}}; prefer text with a CHECK on its length' },
    examples: { bad: 'CREATE TABLE t (id bigint PRIMARY KEY, name varchar(100));', good: 'CREATE TABLE t (id bigint PRIMARY KEY, name text CHECK (length(name) <= 100));' },
  },
  *check(stmt) {
    const changed = (stmt.facts.alterTable?.actions ?? []).flatMap((a) => (a.type === 'alter-column-type' ? [{ column: a.newType, table: stmt.facts.alterTable!.table.name, at: a.at }] : []));
    for (const n of [...newColumns(stmt.facts), ...changed]) {
      if (n.column.type === 'varchar' && n.column.typeArgs.length > 0) yield { messageId: 'varchar', data: { table: n.table, column: n.column.name, type: n.column.typeText }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
