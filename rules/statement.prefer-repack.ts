import { defineRule } from '../src/lint/types.js';
import { pgNode } from './_util/pg.js';

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
    const [type, n] = pgNode(stmt.ast);
    if (type === 'ClusterStmt') yield { messageId: 'repack', data: { what: 'CLUSTER' } };
    if (type === 'VacuumStmt' && n.is_vacuumcmd && (n.options ?? []).some((o: any) => o.DefElem?.defname === 'full')) yield { messageId: 'repack', data: { what: 'VACUUM FULL' } };
  },
});
