import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'index.drop-concurrently',
    engines: ['postgres'],
    kinds: ['drop-index'],
    category: 'index',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Drop indexes with DROP INDEX CONCURRENTLY',
    rationale: 'A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the table: it waits behind running queries and blocks everything queued after it. CONCURRENTLY waits for them without blocking. (Squawk: require-concurrent-index-deletion.)',
    payload: {},
    messages: { concurrently: 'DROP INDEX {{names}} locks the table; use DROP INDEX CONCURRENTLY' },
    examples: { bad: 'DROP INDEX idx_users_email;', good: 'DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;' },
  },
  *check(stmt, ctx) {
    const d = stmt.facts.dropIndex;
    if (!d || d.concurrently) return;
    // An index created earlier in the same file belongs to a table that is new or already locked by this migration.
    const createdHere = new Set(ctx.previous.flatMap((p) => (p.facts.createIndex?.name ? [p.facts.createIndex.name.toLowerCase()] : [])));
    const names = d.names.filter((n) => !createdHere.has(n.name.toLowerCase()));
    if (names.length) yield { messageId: 'concurrently', data: { names: names.map((n) => n.name).join(', ') } };
  },
});
