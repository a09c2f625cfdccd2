import { defineRule } from '../src/lint/types.js';
import { chFacts, qname } from './_util/clickhouse.js';

export default defineRule({
  meta: {
    id: 'clickhouse.no-mutations',
    engines: ['clickhouse'],
    kinds: ['alter-table', 'delete', 'update'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Avoid UPDATE and DELETE mutations in migrations',
    rationale: 'ALTER TABLE … UPDATE/DELETE rewrite every data part that contains matching rows, in the background; on a large table that is hours of I/O, it competes with merges, and a mutation that fails is retried forever until someone kills it. Lightweight DELETE/UPDATE mark rows instead but still leave a mutation behind. Data fixes belong in a controlled backfill, or in partition operations (DROP/REPLACE PARTITION), not in a schema migration. bb waits for mutations and reports one that fails, but cannot make them cheap.',
    payload: {},
    messages: { mutation: '{{what}} on {{table}} rewrites data parts in the background' },
    examples: {
      bad: "ALTER TABLE events UPDATE status = 'done' WHERE status = 'finished';",
      good: 'ALTER TABLE events ADD COLUMN status_v2 LowCardinality(String) DEFAULT status;',
    },
    whenOff: 'For a small table, or a one-off fix the team has sized and accepted (disable it for that statement).',
  },
  *check(stmt) {
    const f = chFacts(stmt.facts);
    if (!f) return;
    if (f.statement === 'delete' || f.statement === 'update') {
      yield { messageId: 'mutation', data: { what: f.statement === 'delete' ? 'DELETE FROM' : 'UPDATE', table: qname(f.table) } };
      return;
    }
    for (const a of f.actions ?? []) {
      if (a.kind === 'update' || a.kind === 'delete') {
        yield { messageId: 'mutation', data: { what: `ALTER TABLE … ${a.kind.toUpperCase()}`, table: qname(f.table) }, at: a.at, length: a.kind.length };
      }
    }
  },
});
