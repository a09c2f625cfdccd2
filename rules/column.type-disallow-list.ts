import { defineRule } from '../src/lint/types.js';
import { canonicalType, newColumns } from './_util/columns.js';

export default defineRule({
  meta: {
    id: 'column.type-disallow-list',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'error',
    recommended: false,
    description: 'Forbid a list of column types',
    payload: { list: { type: 'list', default: [], description: 'Type names that columns must not use, e.g. [json, money, "timestamp"]' } },
    messages: { type: 'Column {{table}}.{{column}} uses the forbidden type {{type}}' },
    examples: { bad: 'CREATE TABLE t (id bigint PRIMARY KEY, doc json);', good: 'CREATE TABLE t (id bigint PRIMARY KEY, doc jsonb);' },
    examplePayload: { list: ['json'] },
  },
  *check(stmt, ctx) {
    const banned = new Set(ctx.payload.list.map(canonicalType));
    if (banned.size === 0) return;
    const changed = (stmt.facts.alterTable?.actions ?? []).flatMap((a) => (a.type === 'alter-column-type' ? [{ column: a.newType, table: stmt.facts.alterTable!.table.name, at: a.at }] : []));
    for (const n of [...newColumns(stmt.facts), ...changed]) {
      const t = n.column.type.replace(/\[\]$/, '');
      if (banned.has(t) || banned.has(canonicalType(t))) yield { messageId: 'type', data: { table: n.table, column: n.column.name, type: n.column.typeText }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
