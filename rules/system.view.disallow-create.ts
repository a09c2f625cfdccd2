import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'system.view.disallow-create',
    engines: ['mysql'],
    kinds: ['other'],
    category: 'system',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Forbid CREATE VIEW',
    rationale: 'Views hide the queries the application runs, break silently when their tables change, and on MySQL often execute with a temporary table that cannot use indexes (ALGORITHM=TEMPTABLE).',
    payload: {},
    messages: { create: 'CREATE VIEW {{name}} is not allowed' },
    examples: {
      bad: "CREATE VIEW active_users AS SELECT id, email FROM users WHERE deleted_at IS NULL;",
      good: 'CREATE TABLE t (id int PRIMARY KEY);',
    },
  },
  *check(stmt) {
    const c = stmt.facts.create;
    if (c?.object === 'view') yield { messageId: 'create', data: { name: c.name ? qualified(c.name) : '' }, ...(c.name?.at !== undefined ? { at: c.name.at } : {}) };
  },
});
