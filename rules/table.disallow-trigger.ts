import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'table.disallow-trigger',
    engines: ['mysql'],
    kinds: ['other', 'unparsed'],
    category: 'table',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid triggers on tables',
    rationale: 'A trigger runs hidden work inside every write to its table: it slows writes, surprises whoever reads the application code, and online schema change tools (gh-ost, pt-online-schema-change) cannot work on a table with triggers.',
    payload: {},
    messages: { trigger: 'Trigger {{trigger}} on {{table}}: triggers are not allowed' },
    examples: {
      bad: 'CREATE TRIGGER audit_users AFTER UPDATE ON users FOR EACH ROW INSERT INTO audit (id) VALUES (NEW.id);',
      good: 'CREATE TABLE audit (id bigint PRIMARY KEY);',
    },
  },
  *check(stmt) {
    const c = stmt.facts.create;
    if (c?.object !== 'trigger') return;
    const table = stmt.facts.tables?.[0];
    yield { messageId: 'trigger', data: { trigger: c.name ? qualified(c.name) : 'trigger', table: table ? qualified(table) : 'its table' } };
  },
});
