import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'table.add-unique-using-index',
    engines: ['postgres'],
    kinds: ['alter-table'],
    category: 'table',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Add UNIQUE constraints to existing tables USING INDEX built concurrently',
    rationale: 'ADD CONSTRAINT … UNIQUE builds its index under an ACCESS EXCLUSIVE lock. Build it with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … UNIQUE USING INDEX. (Squawk: disallow-unique-constraint.)',
    payload: {},
    messages: { unique: 'ADD UNIQUE on {{table}} builds its index under an ACCESS EXCLUSIVE lock' },
    examples: {
      bad: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
      good: 'CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;',
    },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    for (const a of at.actions) {
      if (a.type === 'add-constraint' && a.constraint.type === 'unique' && !a.constraint.usingIndex) yield { messageId: 'unique', data: { table: qualified(at.table) }, ...(a.at !== undefined ? { at: a.at } : {}) };
      if (a.type === 'add-column' && a.column.unique) yield { messageId: 'unique', data: { table: qualified(at.table) }, ...(a.at !== undefined ? { at: a.at } : {}) };
    }
  },
});
