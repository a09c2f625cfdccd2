import { defineRule } from '../src/lint/types.js';
import { columnOf, indexColumnName, newIndexes } from './_util/mysql-types.js';
import { qualified } from './_util/names.js';

const ALLOWED = new Set(['int', 'integer', 'bigint']); // SERIAL is read as BIGINT UNSIGNED

export default defineRule({
  meta: {
    id: 'index.pk-type-limit',
    engines: ['mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'index',
    defaultLevel: 'error',
    recommended: false,
    description: 'Require INT or BIGINT for primary key columns',
    rationale: 'InnoDB clusters rows by the primary key and copies it into every secondary index: a wide or random key (VARCHAR, UUID strings, DECIMAL) makes every index larger and inserts scatter across pages.',
    usesSchema: true,
    payload: {},
    messages: { type: 'Primary key column {{table}}.{{column}} is {{type}}; use INT or BIGINT' },
    examples: { bad: 'CREATE TABLE t (id varchar(36) PRIMARY KEY);', good: 'CREATE TABLE t (id bigint unsigned AUTO_INCREMENT PRIMARY KEY);' },
  },
  *check(stmt, ctx) {
    for (const n of newIndexes(stmt.facts)) {
      if (n.index.name !== 'PRIMARY') continue;
      for (const col of n.index.columns) {
        const name = indexColumnName(col);
        const c = name === undefined ? undefined : columnOf(stmt.facts, ctx.schema, n.table, name);
        if (c && !ALLOWED.has(c.type)) yield { messageId: 'type', data: { table: qualified(n.table), column: c.name, type: c.typeText }, ...(c.at !== undefined ? { at: c.at } : n.at !== undefined ? { at: n.at } : {}) };
      }
    }
  },
});
