import { defineRule } from '../src/lint/types.js';
import { definedColumns, MYSQL_TEXT_TYPES } from './_util/mysql-types.js';

export default defineRule({
  meta: {
    id: 'column.require-charset',
    engines: ['mysql'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Require an explicit CHARACTER SET on text columns (CHAR, VARCHAR, TEXT, ENUM, SET)',
    rationale: 'Without one the column takes the table\'s, and through it the server\'s, default character set, which differs between MySQL versions (latin1 before 8.0, utf8mb4 after) and between environments.',
    payload: {},
    messages: { missing: 'Text column {{table}}.{{column}} ({{type}}) has no CHARACTER SET' },
    examples: { bad: 'CREATE TABLE t (id int PRIMARY KEY, name varchar(50));', good: 'CREATE TABLE t (id int PRIMARY KEY, name varchar(50) CHARACTER SET utf8mb4);' },
  },
  *check(stmt) {
    for (const n of definedColumns(stmt.facts)) {
      if (MYSQL_TEXT_TYPES.has(n.column.type) && n.column.charset === undefined) yield { messageId: 'missing', data: { table: n.table, column: n.column.name, type: n.column.typeText }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
