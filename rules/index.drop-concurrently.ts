import { defineRule } from '../src/lint/types.js';
import { perFile } from './_util/memo.js';

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
    const createdAt = perFile(ctx.file, 'index-created-at', () => {
      const m = new Map<string, number>();
      for (const s of ctx.file.statements) { const n = s.facts.createIndex?.name?.toLowerCase(); if (n && !m.has(n)) m.set(n, s.index); }
      return m;
    });
    const names = d.names.filter((n) => !((createdAt.get(n.name.toLowerCase()) ?? Infinity) < stmt.index));
    if (names.length) yield { messageId: 'concurrently', data: { names: names.map((n) => n.name).join(', ') } };
  },
});
