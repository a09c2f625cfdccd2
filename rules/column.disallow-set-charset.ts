import { defineRule } from '../src/lint/types.js';
import { definedColumns } from './_util/mysql-types.js';

export default defineRule({
  meta: {
    id: 'column.disallow-set-charset',
    engines: ['mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid a CHARACTER SET on a column definition (the table or database default applies)',
    rationale: 'A column whose character set differs from its table\'s cannot be joined or compared with other columns without conversion, which defeats indexes. Set the character set once, on the table or database. CHARACTER SET binary is allowed.',
    payload: {},
    messages: { charset: 'Column {{table}}.{{column}} sets CHARACTER SET {{charset}}' },
    examples: { bad: 'CREATE TABLE t (id int PRIMARY KEY, name varchar(50) CHARACTER SET latin1);', good: 'CREATE TABLE t (id int PRIMARY KEY, name varchar(50)) DEFAULT CHARSET = utf8mb4;' },
  },
  *check(stmt) {
    for (const n of definedColumns(stmt.facts)) {
      const cs = n.column.charset;
      if (cs !== undefined && cs.toLowerCase() !== 'binary') yield { messageId: 'charset', data: { table: n.table, column: n.column.name, charset: cs }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
