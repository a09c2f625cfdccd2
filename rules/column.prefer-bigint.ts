import { defineRule } from '../src/lint/types.js';
import { newColumns } from './_util/columns.js';

const SMALL = new Set(['int', 'smallint', 'serial', 'smallserial']);

export default defineRule({
  meta: {
    id: 'column.prefer-bigint',
    engines: ['postgres'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Use bigint instead of int/smallint for keys and identifiers',
    rationale: 'An int key runs out after 2.1 billion values, and widening it later rewrites the table and every index and foreign key that uses it. The 4 extra bytes are cheap. (Squawk: prefer-bigint-over-int, prefer-bigint-over-smallint.)',
    payload: {
      onlyKeys: { type: 'boolean', default: true, description: 'Check only primary keys and columns named id or *_id (false: every int/smallint column, like Squawk)' },
    },
    messages: { small: 'Column {{table}}.{{column}} is {{type}}; use bigint so it cannot overflow' },
    examples: { bad: 'CREATE TABLE t (id serial PRIMARY KEY);', good: 'CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);' },
  },
  *check(stmt, ctx) {
    const pk = new Set((stmt.facts.createTable?.constraints ?? []).filter((c) => c.type === 'primary-key').flatMap((c) => c.columns.map((x) => x.toLowerCase())));
    for (const n of newColumns(stmt.facts)) {
      const c = n.column;
      if (!SMALL.has(c.type)) continue;
      const key = c.primaryKey || pk.has(c.name.toLowerCase()) || /^(id|.*_id)$/i.test(c.name) || !!c.references;
      if (ctx.payload.onlyKeys && !key) continue;
      yield { messageId: 'small', data: { table: n.table, column: c.name, type: c.typeText }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
