import { defineRule } from '../src/lint/types.js';
import { myExprs, myWhereClauses, offsetOf } from './_util/mysql-ast.js';
import { mentionsWhere } from './_util/where.js';

export default defineRule({
  meta: {
    id: 'statement.where.no-equal-null',
    engines: ['mysql'],
    kinds: ['select', 'update', 'delete', 'insert'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Forbid comparing with NULL by = or != in WHERE (use IS NULL)',
    rationale: '`x = NULL` and `x != NULL` are never true (they are NULL), so the condition matches no row: an UPDATE or DELETE written this way silently does nothing.',
    payload: {},
    messages: { equalNull: '"{{op}} NULL" is never true; use IS {{not}}NULL' },
    examples: { bad: 'DELETE FROM sessions WHERE user_id = NULL;', good: 'DELETE FROM sessions WHERE user_id IS NULL;' },
  },
  *check(stmt) {
    if (!mentionsWhere(stmt.text)) return;
    for (const where of myWhereClauses(stmt.ast)) {
      const found: string[] = [];
      myExprs(where, (n) => {
        const op = String(n.operator ?? '');
        if (n.type !== 'binary_expr' || !['=', '!=', '<>'].includes(op)) return;
        const isNull = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'null';
        if (isNull(n.left) || isNull(n.right)) found.push(op);
      });
      let from = Math.max(0, stmt.text.search(/\bWHERE\b/i));
      for (const op of found) {
        const re = new RegExp(`(${op === '=' ? '(?<![<>!])=' : op === '!=' ? '!=' : '<>'})\\s*NULL\\b|\\bNULL\\s*(${op === '=' ? '=(?!>)' : op === '!=' ? '!=' : '<>'})`, 'i');
        const at = offsetOf(stmt.text, re, from);
        from = at + 1;
        yield { messageId: 'equalNull', data: { op, not: op === '=' ? '' : 'NOT ' }, at };
      }
    }
  },
});
