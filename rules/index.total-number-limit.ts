import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'index.total-number-limit',
    engines: ['postgres'],
    kinds: ['create-index', 'create-table'],
    category: 'index',
    defaultLevel: 'warning',
    recommended: false,
    usesSchema: true,
    description: 'Limit the number of indexes on one table',
    rationale: 'Every index slows down every write to the table and takes space; many indexes on one table usually overlap.',
    payload: { number: { type: 'number', default: 5, description: 'Maximum indexes (including primary and unique keys) on one table' } },
    messages: { many: 'Table {{table}} would have {{count}} indexes; the limit is {{max}}' },
    examples: {
      bad: 'CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int UNIQUE, d int UNIQUE, e int UNIQUE, f int UNIQUE);',
      good: 'CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE);',
    },
  },
  *check(stmt, ctx) {
    const ct = stmt.facts.createTable;
    if (ct) {
      const count = ct.columns.filter((c) => c.primaryKey || c.unique).length + ct.constraints.filter((c) => c.type === 'primary-key' || c.type === 'unique' || c.type === 'exclude').length;
      if (count > ctx.payload.number) yield { messageId: 'many', data: { table: qualified(ct.table), count, max: ctx.payload.number }, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
      return;
    }
    const ix = stmt.facts.createIndex;
    if (!ix) return;
    const table = ctx.schema.table(ix.table);
    if (!table) return;
    let keys = 0;
    for (const s of [...ctx.previous]) {
      const c = s.facts.createTable;
      if (c && c.table.name.toLowerCase() === table.name.toLowerCase()) keys = c.columns.filter((x) => x.primaryKey || x.unique).length + c.constraints.filter((x) => x.type === 'primary-key' || x.type === 'unique').length;
    }
    const count = table.indexes.size + keys + 1;
    if (count > ctx.payload.number) yield { messageId: 'many', data: { table: qualified(ix.table), count, max: ctx.payload.number } };
  },
});
