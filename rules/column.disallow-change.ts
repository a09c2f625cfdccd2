import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'column.disallow-change',
    engines: ['mysql', 'tidb'],
    kinds: ['alter-table'],
    category: 'column',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid ALTER TABLE … CHANGE COLUMN',
    rationale: 'CHANGE COLUMN renames and redefines a column in one step: a typo in the repeated definition silently changes the type, default or nullability. Use RENAME COLUMN to rename and MODIFY COLUMN to redefine.',
    payload: {},
    messages: { change: 'CHANGE COLUMN {{from}} on {{table}}: use RENAME COLUMN or MODIFY COLUMN instead' },
    examples: { bad: 'ALTER TABLE users CHANGE COLUMN name full_name varchar(100);', good: 'ALTER TABLE users RENAME COLUMN name TO full_name;' },
  },
  *check(stmt) {
    const at = stmt.facts.alterTable;
    if (!at) return;
    for (const a of at.actions) {
      if (a.type === 'change-column') yield { messageId: 'change', data: { from: a.from, table: qualified(at.table) }, ...(a.at !== undefined ? { at: a.at } : {}) };
    }
  },
});
