import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.disallow-truncate',
    engines: ['postgres', 'mysql'],
    kinds: ['other'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Forbid TRUNCATE',
    rationale: 'TRUNCATE removes every row at once under an ACCESS EXCLUSIVE lock; in a migration it is almost always a mistake on a real environment.',
    payload: {},
    messages: { truncate: 'TRUNCATE removes every row of {{tables}}' },
    examples: { bad: 'TRUNCATE sessions;', good: "DELETE FROM sessions WHERE expires_at < now();" },
  },
  *check(stmt) {
    const t = stmt.facts.truncate;
    if (t) yield { messageId: 'truncate', data: { tables: t.tables.map((x) => x.name).join(', ') } };
  },
});
