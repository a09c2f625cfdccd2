import { defineRule } from '../src/lint/types.js';
import { perFile } from './_util/memo.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'index.total-number-limit',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-index', 'create-table', 'alter-table'],
    category: 'index',
    defaultLevel: 'warning',
    recommended: false,
    usesSchema: true,
    description: 'Limit the number of indexes on one table',
    rationale: 'Every index slows down every write to the table and takes space; many indexes on one table usually overlap.',
    payload: { number: { type: 'number', default: 5, min: 0, integer: true, description: 'Maximum indexes (including primary and unique keys) on one table' } },
    messages: { many: 'Table {{table}} would have {{count}} indexes; the limit is {{max}}' },
    examples: {
      bad: 'CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int UNIQUE, d int UNIQUE, e int UNIQUE, f int UNIQUE);',
      good: 'CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE);',
    },
  },
  *check(stmt, ctx) {
    const ct = stmt.facts.createTable;
    if (ctx.engine === 'mysql' || ctx.engine === 'tidb') {
      // MySQL facts list every index of CREATE TABLE, and the schema model keeps them.
      if (ct) {
        const count = ct.indexes?.length ?? 0;
        if (count > ctx.payload.number) yield { messageId: 'many', data: { table: qualified(ct.table), count, max: ctx.payload.number }, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
        return;
      }
      const target = stmt.facts.createIndex?.table ?? stmt.facts.alterTable?.table;
      const model = target ? ctx.schema.table(target) : undefined;
      if (!target || !model) return;
      const added = stmt.facts.createIndex ? 1 : (stmt.facts.alterTable?.actions ?? []).filter((a) => a.type === 'add-index' || (a.type === 'add-constraint' && (a.constraint.type === 'primary-key' || a.constraint.type === 'unique'))).length;
      const dropped = (stmt.facts.alterTable?.actions ?? []).filter((a) => (a.type === 'drop-index' || a.type === 'drop-constraint') && model.indexes.has(a.name.toLowerCase())).length;
      const count = model.indexes.size + added - dropped;
      if (added > 0 && count > ctx.payload.number) yield { messageId: 'many', data: { table: qualified(target), count, max: ctx.payload.number }, ...(target.at !== undefined ? { at: target.at } : {}) };
      return;
    }
    if (ct) {
      const count = ct.columns.filter((c) => c.primaryKey || c.unique).length + ct.constraints.filter((c) => c.type === 'primary-key' || c.type === 'unique' || c.type === 'exclude').length;
      if (count > ctx.payload.number) yield { messageId: 'many', data: { table: qualified(ct.table), count, max: ctx.payload.number }, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
      return;
    }
    const ix = stmt.facts.createIndex;
    if (!ix) return;
    const table = ctx.schema.table(ix.table);
    if (!table) return;
    // Keys of the CREATE TABLE statements of this file, by table: the last one before this statement counts.
    const creates = perFile(ctx.file, 'create-table-keys', () => {
      const m = new Map<string, { index: number; keys: number }[]>();
      for (const s of ctx.file.statements) {
        const c = s.facts.createTable;
        if (!c) continue;
        const list = m.get(c.table.name.toLowerCase()) ?? [];
        list.push({ index: s.index, keys: c.columns.filter((x) => x.primaryKey || x.unique).length + c.constraints.filter((x) => x.type === 'primary-key' || x.type === 'unique').length });
        m.set(c.table.name.toLowerCase(), list);
      }
      return m;
    });
    let keys = 0;
    for (const c of creates.get(table.name.toLowerCase()) ?? []) if (c.index < stmt.index) keys = c.keys;
    const count = table.indexes.size + keys + 1;
    if (count > ctx.payload.number) yield { messageId: 'many', data: { table: qualified(ix.table), count, max: ctx.payload.number } };
  },
});
