import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.no-duplicate-column-assignment',
    engines: ['postgres'],
    kinds: ['update', 'insert'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid assigning the same column twice in one UPDATE or INSERT',
    rationale: 'PostgreSQL rejects "multiple assignments to same column"; the statement fails when the migration runs. (Squawk: ban-duplicate-column-assignments.)',
    payload: {},
    messages: { dup: 'Column {{column}} is assigned more than once' },
    examples: { bad: 'UPDATE users SET name = \'a\', name = \'b\' WHERE id = 1;', good: "UPDATE users SET name = 'b' WHERE id = 1;" },
  },
  *check(stmt) {
    const seen = new Set<string>();
    for (const a of stmt.facts.dml?.assignments ?? []) {
      const key = `${a.column}${a.path ? `.${a.path}` : ''}`.toLowerCase();
      if (seen.has(key)) yield { messageId: 'dup', data: { column: a.column }, at: a.at ?? 0 };
      seen.add(key);
    }
  },
});
