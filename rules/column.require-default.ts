import { defineRule } from '../src/lint/types.js';
import { MYSQL_NO_DEFAULT_TYPES } from './_util/mysql-types.js';
import { newColumns } from './_util/columns.js';

export default defineRule({
  meta: {
    id: 'column.require-default',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Require a DEFAULT on every column (except primary keys, identity/AUTO_INCREMENT and generated columns, and on MySQL BLOB/TEXT/JSON/spatial columns)',
    payload: {},
    messages: { missing: 'Column {{table}}.{{column}} has no default value' },
    examples: { bad: 'CREATE TABLE t (id bigint PRIMARY KEY, status text);', good: "CREATE TABLE t (id bigint PRIMARY KEY, status text DEFAULT 'new');" },
  },
  *check(stmt, ctx) {
    const pk = new Set((stmt.facts.createTable?.constraints ?? []).filter((c) => c.type === 'primary-key').flatMap((c) => c.columns.map((x) => x.toLowerCase())));
    for (const n of newColumns(stmt.facts)) {
      const c = n.column;
      if (c.default !== undefined || c.primaryKey || c.autoIncrement || c.generated || pk.has(c.name.toLowerCase())) continue;
      if ((ctx.engine === 'mysql' || ctx.engine === 'tidb') && MYSQL_NO_DEFAULT_TYPES.has(c.type)) continue; // BLOB/TEXT/JSON/spatial: no literal default
      yield { messageId: 'missing', data: { table: n.table, column: c.name }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
