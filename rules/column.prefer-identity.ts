import { defineRule } from '../src/lint/types.js';
import { newColumns } from './_util/columns.js';

export default defineRule({
  meta: {
    id: 'column.prefer-identity',
    engines: ['postgres'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Use GENERATED … AS IDENTITY instead of serial types',
    rationale: 'serial creates a sequence owned separately from the column, with its own permissions, and it is easy to insert explicit values that later collide. Identity columns are the SQL-standard replacement. (Squawk: prefer-identity.)',
    payload: {},
    messages: { serial: 'Column {{table}}.{{column}} is {{type}}; use bigint GENERATED ALWAYS AS IDENTITY' },
    examples: { bad: 'CREATE TABLE t (id bigserial PRIMARY KEY);', good: 'CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);' },
  },
  *check(stmt) {
    for (const n of newColumns(stmt.facts)) if (/^(small|big)?serial$/.test(n.column.type)) yield { messageId: 'serial', data: { table: n.table, column: n.column.name, type: n.column.type }, ...(n.at !== undefined ? { at: n.at } : {}) };
  },
});
