import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'statement.disallow-add-not-null',
    engines: ['postgres'],
    kinds: ['alter-table'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Do not SET NOT NULL on a column of an existing table',
    rationale: 'ALTER COLUMN … SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock. Add a CHECK (col IS NOT NULL) NOT VALID constraint, VALIDATE it, then SET NOT NULL (PostgreSQL 12+ uses the valid check and skips the scan).',
    payload: {},
    messages: { notNull: 'SET NOT NULL on {{table}}.{{column}} scans the table under an ACCESS EXCLUSIVE lock' },
    examples: {
      bad: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      good: 'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;',
    },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    for (const a of at.actions) {
      if (a.type === 'set-not-null') {
        yield { messageId: 'notNull', data: { table: qualified(at.table), column: a.column }, at: Math.max(0, stmt.text.search(/\bset\s+not\s+null\b/i)), help: 'Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL.' };
      }
    }
  },
});
