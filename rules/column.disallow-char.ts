import { defineRule } from '../src/lint/types.js';
import { newColumns } from './_util/columns.js';

export default defineRule({
  meta: {
    id: 'column.disallow-char',
    engines: ['postgres'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Use text or varchar instead of char(n)',
    rationale: 'char(n) pads values with spaces, which then count or not depending on the operator; it is never faster than text in PostgreSQL. (Squawk: ban-char-field.)',
    payload: {},
    messages: { char: 'Column {{table}}.{{column}} is {{type}}; use text (with a CHECK on the length if needed)' },
    examples: { bad: 'CREATE TABLE t (id bigint PRIMARY KEY, code char(3));', good: 'CREATE TABLE t (id bigint PRIMARY KEY, code text);' },
  },
  *check(stmt) {
    for (const n of newColumns(stmt.facts)) if (n.column.type === 'char') yield { messageId: 'char', data: { table: n.table, column: n.column.name, type: n.column.typeText }, ...(n.at !== undefined ? { at: n.at } : {}) };
  },
});
