import { defineRule } from '../src/lint/types.js';
import { chFacts, qname } from './_util/clickhouse.js';

export default defineRule({
  meta: {
    id: 'clickhouse.no-final-in-view',
    engines: ['clickhouse'],
    kinds: ['other'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Do not use FINAL in views and materialized views',
    rationale: 'In a materialized view the SELECT runs on each inserted block only, so FINAL deduplicates nothing across the table and gives a false sense of correctness. In a plain view FINAL merges rows at query time for every query that reads the view, however selective, which is often much slower than expected and hides the cost from the people querying it. Deduplicate where the data is read (argMax, LIMIT 1 BY) or let the caller add FINAL.',
    payload: {},
    messages: {
      mv: 'Materialized view {{view}} uses FINAL, which applies to each inserted block only',
      view: 'View {{view}} uses FINAL: every query on it pays for a merge at read time',
    },
    examples: {
      bad: 'CREATE VIEW latest_users AS SELECT * FROM users FINAL;',
      good: 'CREATE VIEW latest_users AS SELECT id, argMax(name, updated_at) AS name FROM users GROUP BY id;',
    },
    whenOff: 'For a small ReplacingMergeTree table where a FINAL view is the simplest correct read.',
  },
  *check(stmt) {
    const f = chFacts(stmt.facts);
    if (!f || (f.statement !== 'create-view' && f.statement !== 'create-materialized-view') || f.select?.finalAt === undefined) return;
    yield { messageId: f.statement === 'create-view' ? 'view' : 'mv', data: { view: qname(f.table) }, at: f.select.finalAt, length: 5 };
  },
});
