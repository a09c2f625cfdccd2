import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'statement.add-foreign-key-not-valid',
    engines: ['postgres'],
    kinds: ['alter-table'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Add foreign keys to existing tables as NOT VALID, then VALIDATE them separately',
    rationale: 'Adding a foreign key checks every existing row while holding SHARE ROW EXCLUSIVE locks on both tables, blocking writes to both. NOT VALID skips the check; VALIDATE CONSTRAINT later runs it under a lock that lets writes continue.',
    payload: {},
    messages: { fk: 'Foreign key {{name}} on {{table}} is validated while both tables are locked; add it NOT VALID and VALIDATE it in a later statement' },
    examples: {
      bad: 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);',
      good: 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;',
    },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    for (const a of at.actions) {
      if (a.type === 'add-constraint' && a.constraint.type === 'foreign-key' && !a.constraint.notValid) {
        yield { messageId: 'fk', data: { name: a.constraint.name ?? '(unnamed)', table: qualified(at.table) }, ...(a.at !== undefined ? { at: a.at } : {}) };
      }
      if (a.type === 'add-column' && a.column.references) {
        yield { messageId: 'fk', data: { name: `on column ${a.column.name}`, table: qualified(at.table) }, ...(a.at !== undefined ? { at: a.at } : {}) };
      }
    }
  },
});
