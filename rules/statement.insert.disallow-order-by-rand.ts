import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.insert.disallow-order-by-rand',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['insert'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Forbid ORDER BY random() in INSERT … SELECT',
    rationale: 'Sorting by random() reads and sorts the whole source table and makes the inserted data differ on every environment.',
    payload: {},
    messages: { random: 'INSERT … SELECT sorts by random()' },
    examples: { bad: 'INSERT INTO sample (id) SELECT id FROM users ORDER BY random() LIMIT 10;', good: 'INSERT INTO sample (id) SELECT id FROM users ORDER BY id LIMIT 10;' },
  },
  *check(stmt) {
    if (stmt.facts.dml?.orderByRandom) yield { messageId: 'random', at: Math.max(0, stmt.text.search(/\border\s+by\b/i)) };
  },
});
