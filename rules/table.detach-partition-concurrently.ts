import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'table.detach-partition-concurrently',
    engines: ['postgres'],
    kinds: ['alter-table'],
    category: 'table',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Detach partitions with DETACH PARTITION … CONCURRENTLY',
    rationale: 'A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the parent table; CONCURRENTLY (PostgreSQL 14+) only needs SHARE UPDATE EXCLUSIVE. (Squawk: require-concurrent-partition-detach.)',
    payload: {},
    messages: { detach: 'DETACH PARTITION {{partition}} locks {{table}} exclusively; use DETACH PARTITION … CONCURRENTLY' },
    examples: { bad: 'ALTER TABLE events DETACH PARTITION events_2020;', good: 'ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;' },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    if (ctx.file.serverVersion !== undefined && ctx.file.serverVersion < 14) return;
    for (const a of at.actions) if (a.type === 'detach-partition' && !a.concurrently && !/\bfinalize\b/i.test(stmt.text)) yield { messageId: 'detach', data: { partition: qualified(a.partition), table: qualified(at.table) } };
  },
});
