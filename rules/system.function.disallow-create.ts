import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'system.function.disallow-create',
    engines: ['mysql'],
    kinds: ['other'],
    category: 'system',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Forbid CREATE FUNCTION',
    rationale: 'Stored functions live outside the application code and run per row inside queries, where they cannot be indexed, profiled or tested like application code.',
    payload: {},
    messages: { create: 'CREATE FUNCTION {{name}} is not allowed' },
    examples: {
      bad: "CREATE FUNCTION full_name(first varchar(50), last varchar(50)) RETURNS varchar(101) DETERMINISTIC RETURN CONCAT(first, ' ', last);",
      good: 'CREATE TABLE t (id int PRIMARY KEY);',
    },
  },
  *check(stmt) {
    const c = stmt.facts.create;
    if (c?.object === 'function') yield { messageId: 'create', data: { name: c.name ? qualified(c.name) : '' }, ...(c.name?.at !== undefined ? { at: c.name.at } : {}) };
  },
});
