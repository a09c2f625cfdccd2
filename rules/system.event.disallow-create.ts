import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'system.event.disallow-create',
    engines: ['mysql'],
    kinds: ['other'],
    category: 'system',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Forbid CREATE EVENT',
    rationale: 'Scheduled events run inside the database where nobody watches them: they fail silently, run on every replica promoted to primary (when the scheduler is on), and duplicate the job scheduler the team already has.',
    payload: {},
    messages: { create: 'CREATE EVENT {{name}} is not allowed' },
    examples: {
      bad: "CREATE EVENT purge_sessions ON SCHEDULE EVERY 1 DAY DO DELETE FROM sessions WHERE expires_at < NOW();",
      good: 'CREATE TABLE t (id int PRIMARY KEY);',
    },
  },
  *check(stmt) {
    const c = stmt.facts.create;
    if (c?.object === 'event') yield { messageId: 'create', data: { name: c.name ? qualified(c.name) : '' }, ...(c.name?.at !== undefined ? { at: c.name.at } : {}) };
  },
});
