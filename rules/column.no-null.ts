import { defineRule } from '../src/lint/types.js';
import { newColumns } from './_util/columns.js';

export default defineRule({
  meta: {
    id: 'column.no-null',
    engines: ['postgres', 'snowflake', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Require NOT NULL on every column',
    rationale: 'NULL has three-valued logic that surprises queries (x <> 1 skips NULLs) and application code; most columns should always have a value.',
    payload: {},
    messages: { nullable: 'Column {{column}} of {{table}} can be NULL' },
    examples: { bad: 'CREATE TABLE users (id bigint PRIMARY KEY, email text);', good: 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);' },
  },
  *check(stmt) {
    const ct = stmt.facts.createTable;
    const notNull = new Set((ct?.constraints ?? []).filter((c) => c.type === 'primary-key').flatMap((c) => c.columns.map((x) => x.toLowerCase())));
    for (const n of newColumns(stmt.facts)) {
      if (n.column.notNull || n.column.primaryKey || n.column.generated || notNull.has(n.column.name.toLowerCase())) continue;
      yield { messageId: 'nullable', data: { column: n.column.name, table: n.table }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
