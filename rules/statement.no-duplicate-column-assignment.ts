import { defineRule } from '../src/lint/types.js';
import { pgNode } from './_util/pg.js';

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
    const [type, n] = pgNode(stmt.ast);
    const targets = type === 'UpdateStmt' ? n.targetList : type === 'InsertStmt' ? n.cols : undefined;
    const seen = new Set<string>();
    for (const t of targets ?? []) {
      const r = t.ResTarget;
      if (!r?.name) continue;
      const sub = (r.indirection ?? []).map((i: any) => i.String?.sval ?? '').join('.');
      const key = `${r.name}${sub ? `.${sub}` : ''}`.toLowerCase();
      if (seen.has(key)) yield { messageId: 'dup', data: { column: r.name }, at: r.location ?? 0 };
      seen.add(key);
    }
  },
});
