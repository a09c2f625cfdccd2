import { defineRule } from '../src/lint/types.js';
import { myCalculations } from './_util/mysql-ast.js';
import { calculationsOnColumns, mentionsWhere, whereClauses } from './_util/where.js';

export default defineRule({
  meta: {
    id: 'statement.where.disallow-functions-and-calculations',
    engines: ['postgres', 'mysql'],
    kinds: ['select', 'update', 'delete'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Forbid functions and arithmetic on columns in WHERE clauses',
    rationale: 'lower(email) = … or price * 2 > … cannot use a plain index on the column: compare the column itself, or add an expression index.',
    payload: {},
    messages: { calc: 'WHERE applies {{what}} to a column, so a plain index on it cannot be used' },
    examples: { bad: "SELECT id FROM users WHERE lower(email) = 'a@b.c';", good: "SELECT id FROM users WHERE email = 'a@b.c';" },
  },
  *check(stmt, ctx) {
    if (!mentionsWhere(stmt.text)) return;
    if (ctx.engine === 'mysql' || ctx.engine === 'tidb') {
      for (const c of myCalculations(stmt.ast, stmt.text)) yield { messageId: 'calc', data: { what: c.what }, at: c.at };
      return;
    }
    for (const where of whereClauses(stmt.ast)) for (const c of calculationsOnColumns(where)) yield { messageId: 'calc', data: { what: c.what }, at: c.at };
  },
});
