import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.where.require.select',
    engines: ['postgres', 'snowflake', 'mysql', 'tidb'],
    kinds: ['select'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Require a WHERE clause in SELECT statements that read a table',
    rationale: 'A SELECT without WHERE in a migration reads the whole table, which is slow on big tables and usually a mistake.',
    payload: {},
    messages: { missing: 'SELECT from a table without WHERE reads every row' },
    examples: { bad: 'SELECT id FROM users;', good: 'SELECT id FROM users WHERE email IS NULL;' },
  },
  *check(stmt) {
    const s = stmt.facts.select;
    if (s && s.hasFrom && !s.hasWhere) yield { messageId: 'missing' };
  },
});
