import { defineRule } from '../src/lint/types.js';
import { definedColumns, MYSQL_INTEGER_TYPES } from './_util/mysql-types.js';

export default defineRule({
  meta: {
    id: 'column.auto-increment-must-integer',
    engines: ['mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'error',
    recommended: true,
    description: 'Require an integer type for AUTO_INCREMENT columns',
    rationale: 'AUTO_INCREMENT on FLOAT/DOUBLE/DECIMAL is deprecated (and removed for FLOAT/DOUBLE in MySQL 8.4): the values lose precision and compare badly. Use an integer type.',
    payload: {},
    messages: { type: 'AUTO_INCREMENT column {{table}}.{{column}} is {{type}}, not an integer type' },
    examples: { bad: 'CREATE TABLE t (id double AUTO_INCREMENT PRIMARY KEY);', good: 'CREATE TABLE t (id bigint AUTO_INCREMENT PRIMARY KEY);' },
  },
  *check(stmt) {
    for (const n of definedColumns(stmt.facts)) {
      if (n.column.autoIncrement && !MYSQL_INTEGER_TYPES.has(n.column.type)) yield { messageId: 'type', data: { table: n.table, column: n.column.name, type: n.column.typeText }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
