import { defineRule } from '../src/lint/types.js';
import type { ConstraintFacts } from '../src/lint/facts.js';

export default defineRule({
  meta: {
    id: 'statement.disallow-on-del-cascade',
    engines: ['postgres'],
    kinds: ['create-table', 'alter-table'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Forbid ON DELETE CASCADE on foreign keys',
    rationale: 'A cascading delete can remove far more rows than the statement names, and the cascade holds locks on every table it reaches.',
    payload: {},
    messages: { cascade: 'Foreign key ({{columns}}) → {{referenced}} deletes rows in cascade' },
    examples: {
      bad: 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users ON DELETE CASCADE);',
      good: 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users ON DELETE RESTRICT);',
    },
  },
  *check(stmt) {
    const f = stmt.facts;
    const list: ConstraintFacts[] = [
      ...(f.createTable?.constraints ?? []),
      ...(f.createTable?.columns ?? []).flatMap((c) => (c.references ? [{ type: 'foreign-key' as const, columns: [c.name], references: c.references, ...(c.at !== undefined ? { at: c.at } : {}) }] : [])),
      ...(f.alterTable?.actions ?? []).flatMap((a) => (a.type === 'add-constraint' ? [a.constraint] : a.type === 'add-column' && a.column.references ? [{ type: 'foreign-key' as const, columns: [a.column.name], references: a.column.references, ...(a.column.at !== undefined ? { at: a.column.at } : {}) }] : [])),
    ];
    for (const c of list) {
      if (c.references?.onDelete === 'cascade') yield { messageId: 'cascade', data: { columns: c.columns.join(', '), referenced: c.references.table.name }, ...(c.at !== undefined ? { at: c.at } : {}) };
    }
  },
});
