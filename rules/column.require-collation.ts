import { defineRule } from '../src/lint/types.js';
import { definedColumns, MYSQL_TEXT_TYPES } from './_util/mysql-types.js';

export default defineRule({
  meta: {
    id: 'column.require-collation',
    engines: ['mysql'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Require an explicit COLLATE on text columns (CHAR, VARCHAR, TEXT, ENUM, SET)',
    rationale: 'Without one the column takes the default collation of its character set, which changed between MySQL versions (utf8mb4_general_ci → utf8mb4_0900_ai_ci) and decides how values sort and compare, and whether joins can use indexes.',
    payload: {},
    messages: { missing: 'Text column {{table}}.{{column}} ({{type}}) has no COLLATE' },
    examples: { bad: 'CREATE TABLE t (id int PRIMARY KEY, name varchar(50));', good: 'CREATE TABLE t (id int PRIMARY KEY, name varchar(50) COLLATE utf8mb4_bin);' },
  },
  *check(stmt) {
    for (const n of definedColumns(stmt.facts)) {
      if (MYSQL_TEXT_TYPES.has(n.column.type) && n.column.collation === undefined) yield { messageId: 'missing', data: { table: n.table, column: n.column.name, type: n.column.typeText }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
