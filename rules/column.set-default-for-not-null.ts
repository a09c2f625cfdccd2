import { defineRule } from '../src/lint/types.js';
import { definedColumns, MYSQL_NO_DEFAULT_TYPES } from './_util/mysql-types.js';

export default defineRule({
  meta: {
    id: 'column.set-default-for-not-null',
    engines: ['mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'error',
    recommended: true,
    description: 'Require a DEFAULT on NOT NULL columns',
    rationale: 'An INSERT that omits a NOT NULL column without a default fails in strict mode (and silently stores 0 or \'\' otherwise), and adding such a column to a table with rows needs a value for them. Primary keys, AUTO_INCREMENT and generated columns, and BLOB/TEXT/JSON/spatial columns (which cannot have a literal default) are exempt.',
    payload: {},
    messages: { missing: 'Column {{table}}.{{column}} is NOT NULL but has no default value' },
    examples: { bad: 'CREATE TABLE t (id int PRIMARY KEY, status varchar(20) NOT NULL);', good: "CREATE TABLE t (id int PRIMARY KEY, status varchar(20) NOT NULL DEFAULT 'new');" },
  },
  *check(stmt) {
    const pk = new Set((stmt.facts.createTable?.constraints ?? []).filter((c) => c.type === 'primary-key').flatMap((c) => c.columns.map((x) => x.toLowerCase())));
    for (const n of definedColumns(stmt.facts)) {
      const c = n.column;
      if (!c.notNull || c.default !== undefined || c.primaryKey || c.autoIncrement || c.generated || pk.has(c.name.toLowerCase()) || MYSQL_NO_DEFAULT_TYPES.has(c.type)) continue;
      yield { messageId: 'missing', data: { table: n.table, column: c.name }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
