import { defineRule } from '../src/lint/types.js';
import { definedColumns, isUnsigned } from './_util/mysql-types.js';

export default defineRule({
  meta: {
    id: 'column.auto-increment-must-unsigned',
    engines: ['mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'error',
    recommended: true,
    description: 'Require UNSIGNED on AUTO_INCREMENT columns',
    rationale: 'An AUTO_INCREMENT value is never negative: a signed column wastes half of its range and runs out twice as early.',
    payload: {},
    messages: { signed: 'AUTO_INCREMENT column {{table}}.{{column}} is {{type}}, not UNSIGNED' },
    examples: { bad: 'CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY);', good: 'CREATE TABLE t (id int unsigned AUTO_INCREMENT PRIMARY KEY);' },
  },
  *check(stmt) {
    for (const n of definedColumns(stmt.facts)) {
      if (n.column.autoIncrement && !isUnsigned(n.column)) yield { messageId: 'signed', data: { table: n.table, column: n.column.name, type: n.column.typeText }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
