import { defineRule } from '../src/lint/types.js';
import { declaredConstraints, indexColumnLists } from './_util/keys.js';

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
    const lists = indexColumnLists(stmt.facts);
    for (const c of declaredConstraints(stmt.facts)) if (c.type === 'primary-key' || c.type === 'unique') lists.push({ what: c.type === 'primary-key' ? 'Primary key' : 'Unique key', columns: c.columns, ...(c.at !== undefined ? { at: c.at } : {}) });
    for (const l of lists) if (l.columns.length > ctx.payload.number) yield { messageId: 'many', data: { what: l.what, count: l.columns.length, max: ctx.payload.number }, ...(l.at !== undefined ? { at: l.at } : {}) };
  },
});
