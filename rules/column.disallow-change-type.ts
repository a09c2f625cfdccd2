import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'column.disallow-change-type',
    engines: ['postgres'],
    kinds: ['alter-table'],
    category: 'column',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid changing the type of a column of an existing table',
    rationale: 'ALTER COLUMN … TYPE rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (except a few binary-compatible changes such as varchar(n) → text), and the running application may not handle the new type. Add a new column, backfill it, and switch over.',
    payload: {},
    messages: { type: 'Changing {{table}}.{{column}} to {{type}} rewrites the table under an ACCESS EXCLUSIVE lock' },
    examples: { bad: 'ALTER TABLE users ALTER COLUMN age TYPE bigint;', good: 'ALTER TABLE users ADD COLUMN age_big bigint;' },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    for (const a of at.actions) {
      if (a.type === 'alter-column-type') yield { messageId: 'type', data: { table: qualified(at.table), column: a.column, type: a.newType.typeText }, ...(a.at !== undefined ? { at: a.at } : {}) };
    }
  },
});
