import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.prefer-repack',
    engines: ['postgres'],
    kinds: ['other'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Do not run VACUUM FULL or CLUSTER in migrations',
    rationale: 'VACUUM FULL and CLUSTER rewrite the table under an ACCESS EXCLUSIVE lock for the whole rewrite. Use pg_repack (or pg_squeeze) outside the migration, which rebuilds the table online. (Squawk: prefer-repack.)',
    payload: {},
    messages: { repack: '{{what}} rewrites the table under an ACCESS EXCLUSIVE lock; use pg_repack' },
    examples: { bad: 'VACUUM FULL users;', good: 'VACUUM (ANALYZE) users;' },
  },
  *check(stmt) {
    const m = stmt.facts.maintenance;
    if (m?.command === 'cluster') yield { messageId: 'repack', data: { what: 'CLUSTER' } };
    if (m?.command === 'vacuum' && m.full) yield { messageId: 'repack', data: { what: 'VACUUM FULL' } };
  },
});
