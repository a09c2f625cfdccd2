import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.disallow-limit',
    engines: ['mysql', 'tidb'],
    kinds: ['update', 'delete', 'insert'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Forbid LIMIT in UPDATE, DELETE and INSERT … SELECT',
    rationale: 'Which rows a LIMIT picks depends on the plan, so a migration with UPDATE … LIMIT or INSERT … SELECT … LIMIT changes different rows on each server and is unsafe for statement-based replication.',
    payload: {},
    messages: { limit: '{{verb}} with LIMIT changes rows the plan happens to pick; select the rows by a condition instead' },
    examples: { bad: 'DELETE FROM sessions WHERE expired = 1 LIMIT 1000;', good: 'DELETE FROM sessions WHERE expired = 1 AND id < 1000;' },
  },
  *check(stmt) {
    const d = stmt.facts.dml;
    const limited = d?.hasLimit === true || (stmt.kind === 'insert' && /\bSELECT\b[\s\S]*\bLIMIT\s+\d/i.test(stmt.text));
    if (!limited) return;
    const verb = stmt.kind === 'insert' ? 'INSERT … SELECT' : stmt.kind.toUpperCase();
    const m = /\bLIMIT\b(?![\s\S]*\bLIMIT\b)/i.exec(stmt.text);
    yield { messageId: 'limit', data: { verb }, at: m?.index ?? 0 };
  },
});
