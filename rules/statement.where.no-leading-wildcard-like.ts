import { defineRule } from '../src/lint/types.js';
import { myLeadingWildcards } from './_util/mysql-ast.js';
import { leadingWildcards, whereClauses } from './_util/where.js';

export default defineRule({
  meta: {
    id: 'statement.where.no-leading-wildcard-like',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['select', 'update', 'delete', 'insert'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: "Forbid LIKE patterns that start with a wildcard ('%x')",
    rationale: 'A pattern with a leading % or _ cannot use a btree index: the statement scans the whole table.',
    payload: {},
    messages: { leading: "LIKE '{{pattern}}' starts with a wildcard and cannot use an index" },
    examples: { bad: "SELECT id FROM users WHERE email LIKE '%@example.com';", good: "SELECT id FROM users WHERE email LIKE 'admin%';" },
  },
  *check(stmt, ctx) {
    // No LIKE in the text, nothing to check: the tree is not read (it may cost a parse: docs/lint.md).
    if (!/LIKE/i.test(stmt.text)) return; // LIKE, ILIKE, NOT LIKE
    if (ctx.engine === 'mysql' || ctx.engine === 'tidb') {
      for (const w of myLeadingWildcards(stmt.ast, stmt.text)) yield { messageId: 'leading', data: { pattern: w.pattern }, at: w.at };
      return;
    }
    for (const where of whereClauses(stmt.ast)) for (const w of leadingWildcards(where)) yield { messageId: 'leading', data: { pattern: w.pattern }, at: w.at };
  },
});
