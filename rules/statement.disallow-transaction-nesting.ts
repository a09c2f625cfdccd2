import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.disallow-transaction-nesting',
    engines: ['postgres'],
    kinds: ['transaction'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Leave transactions to bb: no BEGIN/START TRANSACTION in migrations (unless the file says -- bb:transaction off)',
    rationale: 'bb runs a migration in one transaction together with its history row. A file with its own BEGIN … COMMIT cannot be wrapped (PostgreSQL would nest them), so bb runs it statement by statement and the history row is no longer atomic with the change. Remove BEGIN/COMMIT, or say -- bb:transaction off to manage transactions on purpose. (Squawk: transaction-nesting.)',
    payload: {},
    messages: { nested: 'BEGIN in a migration: bb runs migrations in a transaction itself, and this one then runs outside it' },
    examples: { bad: 'BEGIN;\nALTER TABLE users ADD COLUMN note text;', good: 'ALTER TABLE users ADD COLUMN note text;' },
  },
  *check(stmt, ctx) {
    const header = ctx.file.sql.slice(0, ctx.file.statements[0]?.span.offset ?? 0);
    if (stmt.facts.transaction === 'begin' && !/--\s*bb:transaction\s+off\b/i.test(header)) yield { messageId: 'nested', help: 'Remove BEGIN/COMMIT; bb wraps the file in a transaction (or add -- bb:transaction off to manage it yourself).' };
  },
});
