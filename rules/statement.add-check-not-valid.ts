import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'statement.add-check-not-valid',
    engines: ['postgres'],
    kinds: ['alter-table'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Add CHECK constraints to existing tables as NOT VALID, then VALIDATE them separately',
    rationale: 'ADD CONSTRAINT … CHECK scans the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes. With NOT VALID the constraint applies to new rows at once, and VALIDATE CONSTRAINT later checks the old ones under a lock that lets reads and writes continue.',
    payload: {},
    messages: { check: 'CHECK constraint {{name}} on {{table}} is validated under an ACCESS EXCLUSIVE lock; add it NOT VALID and VALIDATE it in a later statement' },
    examples: {
      bad: 'ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total >= 0);',
      good: 'ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT total_positive;',
    },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    for (const a of at.actions) {
      if (a.type === 'add-constraint' && a.constraint.type === 'check' && !a.constraint.notValid) {
        yield { messageId: 'check', data: { name: a.constraint.name ?? '(unnamed)', table: qualified(at.table) }, ...(a.at !== undefined ? { at: a.at } : {}) };
      }
    }
  },
});
