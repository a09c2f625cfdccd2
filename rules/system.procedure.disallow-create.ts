import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'system.procedure.disallow-create',
    engines: ['mysql'],
    kinds: ['other'],
    category: 'system',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Forbid CREATE PROCEDURE',
    rationale: 'Stored procedures live outside the application code: they are versioned, reviewed, tested and deployed differently, and hold logic the team cannot see in one place. Keep business logic in the application.',
    payload: {},
    messages: { create: 'CREATE PROCEDURE {{name}} is not allowed' },
    examples: {
      bad: "CREATE PROCEDURE archive_orders() BEGIN DELETE FROM orders WHERE created_at < NOW() - INTERVAL 1 YEAR; END;",
      good: 'CREATE TABLE t (id int PRIMARY KEY);',
    },
  },
  *check(stmt) {
    const c = stmt.facts.create;
    if (c?.object === 'procedure') yield { messageId: 'create', data: { name: c.name ? qualified(c.name) : '' }, ...(c.name?.at !== undefined ? { at: c.name.at } : {}) };
  },
});
