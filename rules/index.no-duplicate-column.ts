import { defineRule } from '../src/lint/types.js';
import { declaredConstraints, indexColumnLists } from './_util/keys.js';

export default defineRule({
  meta: {
    id: 'index.no-duplicate-column',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-index', 'create-table', 'alter-table'],
    category: 'index',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid listing the same column twice in an index or key',
    payload: {},
    messages: { dup: '{{what}} lists column {{column}} twice' },
    examples: { bad: 'CREATE INDEX idx_t_a_a ON t (a, a);', good: 'CREATE INDEX idx_t_a_b ON t (a, b);' },
  },
  *check(stmt) {
    const lists = indexColumnLists(stmt.facts);
    for (const c of declaredConstraints(stmt.facts)) {
      if (c.type === 'primary-key' || c.type === 'unique' || c.type === 'foreign-key') lists.push({ what: `${c.type === 'primary-key' ? 'Primary key' : c.type === 'unique' ? 'Unique key' : 'Foreign key'}${c.name ? ` ${c.name}` : ''}`, columns: c.columns, ...(c.at !== undefined ? { at: c.at } : {}) });
    }
    for (const l of lists) {
      const seen = new Set<string>();
      for (const col of l.columns) {
        const k = col.toLowerCase();
        if (seen.has(k)) {
          yield { messageId: 'dup', data: { what: l.what, column: col }, ...(l.at !== undefined ? { at: l.at } : {}) };
          break;
        }
        seen.add(k);
      }
    }
  },
});
