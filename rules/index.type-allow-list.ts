import { defineRule } from '../src/lint/types.js';
import { newIndexes } from './_util/mysql-types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'index.type-allow-list',
    engines: ['mysql'],
    kinds: ['create-table', 'alter-table', 'create-index'],
    category: 'index',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Allow only listed index types (BTREE, HASH, FULLTEXT, SPATIAL); an index without USING counts as BTREE',
    payload: { list: { type: 'list', default: [], description: 'Allowed index types, e.g. [BTREE, FULLTEXT]; empty: any' } },
    messages: { type: 'Index {{index}} on {{table}} is {{type}}; allowed: {{allowed}}' },
    examples: { bad: 'CREATE TABLE t (id int PRIMARY KEY, body text, FULLTEXT KEY ft_body (body));', good: 'CREATE TABLE t (id int PRIMARY KEY, code varchar(20), KEY idx_code (code));' },
    examplePayload: { list: ['BTREE'] },
  },
  *check(stmt, ctx) {
    const allowed = new Set(ctx.payload.list.map((t) => t.toUpperCase()));
    if (allowed.size === 0) return;
    for (const n of newIndexes(stmt.facts)) {
      const type = (n.index.method ?? 'BTREE').toUpperCase();
      if (!allowed.has(type)) yield { messageId: 'type', data: { index: n.index.name ?? `(${n.index.columns.join(', ')})`, table: qualified(n.table), type, allowed: ctx.payload.list.join(', ') }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
