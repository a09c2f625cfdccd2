import { defineRule } from '../src/lint/types.js';
import { pgNode } from './_util/pg.js';

export default defineRule({
  meta: {
    id: 'statement.enum-value-ordering',
    engines: ['postgres'],
    kinds: ['other'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Say where a new enum value goes (ADD VALUE … BEFORE/AFTER)',
    rationale: 'Enum values sort in declaration order; ADD VALUE without BEFORE/AFTER appends, which silently changes ORDER BY and comparisons when the order matters. (Squawk: require-enum-value-ordering.)',
    payload: {},
    messages: { order: "ADD VALUE '{{value}}' does not say BEFORE or AFTER which value it goes" },
    examples: { bad: "ALTER TYPE status ADD VALUE 'archived';", good: "ALTER TYPE status ADD VALUE 'archived' AFTER 'done';" },
  },
  *check(stmt) {
    // Only ALTER TYPE … ADD VALUE: other statements' trees are not read (docs/lint.md).
    if (!/\bVALUE\b/i.test(stmt.text)) return;
    const [type, n] = pgNode(stmt.ast);
    if (type === 'AlterEnumStmt' && n.newVal && !n.oldVal && !n.newValNeighbor) yield { messageId: 'order', data: { value: n.newVal } };
  },
});
