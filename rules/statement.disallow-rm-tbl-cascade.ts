import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.disallow-rm-tbl-cascade',
    engines: ['postgres'],
    kinds: ['drop-table', 'other'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid CASCADE when dropping or truncating tables',
    rationale: 'DROP TABLE … CASCADE silently drops every view and foreign key that depends on the table; TRUNCATE … CASCADE empties every table that references it.',
    payload: {},
    messages: { cascade: '{{verb}} … CASCADE also removes everything that depends on {{tables}}' },
    examples: { bad: 'DROP TABLE users CASCADE;', good: 'DROP TABLE users;' },
  },
  *check(stmt) {
    const d = stmt.facts.dropTable;
    if (d?.cascade) yield { messageId: 'cascade', data: { verb: 'DROP TABLE', tables: d.tables.map((t) => t.name).join(', ') }, at: Math.max(0, stmt.text.search(/\bcascade\b/i)) };
    const t = stmt.facts.truncate;
    if (t?.cascade) yield { messageId: 'cascade', data: { verb: 'TRUNCATE', tables: t.tables.map((x) => x.name).join(', ') }, at: Math.max(0, stmt.text.search(/\bcascade\b/i)) };
  },
});
