import { defineRule } from '../src/lint/types.js';
import { newColumns } from './_util/columns.js';

export default defineRule({
  meta: {
    id: 'column.maximum-character-length',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Limit the length of CHAR(n) columns (use varchar or text for longer values)',
    rationale: 'char(n) pads every value with spaces to n characters; long char columns waste space and compare surprisingly.',
    payload: { number: { type: 'number', default: 20, min: 0, integer: true, description: 'Maximum n of CHAR(n)' } },
    messages: { length: 'Column {{table}}.{{column}} is char({{length}}); the limit is {{max}}' },
    examples: { bad: 'CREATE TABLE t (id bigint PRIMARY KEY, code char(40));', good: 'CREATE TABLE t (id bigint PRIMARY KEY, code char(8));' },
  },
  *check(stmt, ctx) {
    for (const n of newColumns(stmt.facts)) {
      const len = n.column.typeArgs[0];
      if (n.column.type === 'char' && len !== undefined && len > ctx.payload.number) {
        yield { messageId: 'length', data: { table: n.table, column: n.column.name, length: len, max: ctx.payload.number }, ...(n.at !== undefined ? { at: n.at } : {}) };
      }
    }
  },
});
