import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'statement.where.require.update-delete',
    engines: ['postgres', 'snowflake', 'mysql', 'tidb'],
    kinds: ['update', 'delete'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: true,
    description: 'Require a WHERE clause in UPDATE and DELETE statements',
    rationale: 'An UPDATE or DELETE without WHERE changes every row of the table; when that is meant, say so with WHERE true.',
    payload: {},
    messages: { missing: '{{verb}} on {{table}} has no WHERE clause and changes every row' },
    examples: { bad: 'DELETE FROM sessions;', good: "DELETE FROM sessions WHERE expires_at < now() - interval '30 days';" },
  },
  *check(stmt) {
    const d = stmt.facts.dml;
    if (d && !d.hasWhere && d.table) yield { messageId: 'missing', data: { verb: stmt.kind === 'update' ? 'UPDATE' : 'DELETE', table: qualified(d.table) }, help: 'Add a WHERE clause (WHERE true when every row is meant).' };
  },
});
