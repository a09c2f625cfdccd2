import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'index.key-number-limit',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-index', 'create-table', 'alter-table'],
    category: 'index',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Limit the number of columns in one index',
    rationale: 'Wide indexes are large, slow to maintain and rarely used beyond their first columns.',
    payload: { number: { type: 'number', default: 5, min: 0, integer: true, description: 'Maximum columns in one index or key' } },
    messages: { many: '{{what}} has {{count}} columns; the limit is {{max}}' },
    examples: { bad: 'CREATE INDEX idx_t_wide ON t (a, b, c, d, e, f);', good: 'CREATE INDEX idx_t_a_b ON t (a, b);' },
  },
  *check(stmt, ctx) {
    const lists: { what: string; columns: readonly string[]; at?: number }[] = [];
    const ix = stmt.facts.createIndex;
    if (ix) lists.push({ what: `Index ${ix.name ?? `on ${ix.table.name}`}`, columns: ix.columns });
    // MySQL: KEY/INDEX/FULLTEXT inside CREATE TABLE and ALTER TABLE … ADD INDEX (unique keys come as constraints).
    const ct = stmt.facts.createTable;
    for (const i of ct?.indexes ?? []) if (!i.unique) lists.push({ what: `Index ${i.name ?? `on ${i.table.name}`}`, columns: i.columns, ...(ct!.table.at !== undefined ? { at: ct!.table.at } : {}) });
    for (const a of stmt.facts.alterTable?.actions ?? []) if (a.type === 'add-index') lists.push({ what: `Index ${a.index.name ?? `on ${a.index.table.name}`}`, columns: a.index.columns, ...(a.at !== undefined ? { at: a.at } : {}) });
    const constraints = [...(stmt.facts.createTable?.constraints ?? []), ...(stmt.facts.alterTable?.actions ?? []).flatMap((a) => (a.type === 'add-constraint' ? [a.constraint] : []))];
    for (const c of constraints) if (c.type === 'primary-key' || c.type === 'unique') lists.push({ what: c.type === 'primary-key' ? 'Primary key' : 'Unique key', columns: c.columns, ...(c.at !== undefined ? { at: c.at } : {}) });
    for (const l of lists) if (l.columns.length > ctx.payload.number) yield { messageId: 'many', data: { what: l.what, count: l.columns.length, max: ctx.payload.number }, ...(l.at !== undefined ? { at: l.at } : {}) };
  },
});
