import { defineRule } from '../src/lint/types.js';
import { myExprs, myWhereClauses, offsetOf } from './_util/mysql-ast.js';
import { mentionsWhere } from './_util/where.js';

type Node = Record<string, unknown>;

export default defineRule({
  meta: {
    id: 'statement.where.maximum-logical-operator-count',
    engines: ['mysql'],
    kinds: ['select', 'update', 'delete', 'insert'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Limit the values of one IN list and the OR conditions of a WHERE clause',
    rationale: 'A WHERE clause with hundreds of IN values or OR branches is slow to plan, often falls back to a full scan, and is usually a sign that the data belongs in a table to join with.',
    payload: { number: { type: 'number', default: 10, min: 0, integer: true, description: 'Maximum values in one IN list, and maximum OR operators in one WHERE clause' } },
    messages: {
      in: 'IN list with {{count}} values; the limit is {{max}}',
      or: 'WHERE clause with {{count}} OR conditions; the limit is {{max}}',
    },
    examples: {
      bad: 'SELECT id FROM users WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);',
      good: 'SELECT id FROM users WHERE id IN (1, 2, 3);',
    },
  },
  *check(stmt, ctx) {
    if (!mentionsWhere(stmt.text)) return;
    const max = ctx.payload.number;
    for (const where of myWhereClauses(stmt.ast)) {
      let ors = 0;
      const ins: number[] = [];
      myExprs(where, (n: Node) => {
        if (n.type !== 'binary_expr') return;
        const op = String(n.operator).toUpperCase();
        if (op === 'OR' || op === '||') ors++;
        if ((op === 'IN' || op === 'NOT IN') && typeof n.right === 'object' && n.right !== null && Array.isArray((n.right as Node).value)) ins.push(((n.right as Node).value as unknown[]).length);
      });
      let from = 0;
      for (const count of ins) {
        const at = offsetOf(stmt.text, /\bIN\s*\(/i, from);
        from = at + 1;
        if (count > max) yield { messageId: 'in', data: { count, max }, at };
      }
      if (ors > max) yield { messageId: 'or', data: { count: ors, max }, at: offsetOf(stmt.text, /\bWHERE\b/i) };
    }
  },
});
