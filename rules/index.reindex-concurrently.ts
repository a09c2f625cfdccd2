import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'index.reindex-concurrently',
    engines: ['postgres'],
    kinds: ['other'],
    category: 'index',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Rebuild indexes with REINDEX … CONCURRENTLY',
    rationale: 'A plain REINDEX blocks writes to the table (and reads that would use the index) for the whole rebuild; CONCURRENTLY (PostgreSQL 12+) does not. (Squawk: require-concurrent-reindex.)',
    payload: {},
    messages: { reindex: 'REINDEX without CONCURRENTLY blocks writes while it rebuilds' },
    examples: { bad: 'REINDEX INDEX idx_users_email;', good: 'REINDEX INDEX CONCURRENTLY idx_users_email;' },
  },
  *check(stmt) {
    const m = stmt.facts.maintenance;
    if (m?.command === 'reindex' && !m.concurrently) yield { messageId: 'reindex' };
  },
});
