import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.disallow-order-by',
    engines: ['mysql', 'tidb'],
    kinds: ['update', 'delete'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Forbid ORDER BY in UPDATE and DELETE',
    rationale: 'ORDER BY in a data change only matters together with LIMIT, which picks rows by plan; it also makes the statement sort the rows it changes and hold their locks longer.',
    payload: {},
    messages: { orderBy: '{{verb}} with ORDER BY; change the rows chosen by a condition instead' },
    examples: { bad: 'DELETE FROM sessions WHERE expired = 1 ORDER BY id;', good: 'DELETE FROM sessions WHERE expired = 1;' },
  },
  *check(stmt) {
    if (stmt.facts.dml?.hasOrderBy !== true) return;
    const m = /\bORDER\s+BY\b(?![\s\S]*\bORDER\s+BY\b)/i.exec(stmt.text);
    yield { messageId: 'orderBy', data: { verb: stmt.kind.toUpperCase() }, at: m?.index ?? 0 };
  },
});
