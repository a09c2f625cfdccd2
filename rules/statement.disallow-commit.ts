import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.disallow-commit',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['transaction'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid COMMIT in migrations (bb manages the transaction)',
    rationale: 'bb runs a migration in one transaction together with its history row; a COMMIT in the file ends that transaction early, so a later failure leaves the change half-applied and the history wrong.',
    payload: {},
    messages: { commit: 'COMMIT ends the migration\'s transaction early' },
    examples: { bad: 'CREATE TABLE t (id bigint PRIMARY KEY);\nCOMMIT;', good: 'CREATE TABLE t (id bigint PRIMARY KEY);' },
  },
  *check(stmt) {
    if (stmt.facts.transaction === 'commit') yield { messageId: 'commit', help: 'Remove it; use -- bb:transaction off for statements that cannot run in a transaction.' };
  },
});
