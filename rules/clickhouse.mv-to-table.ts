import { defineRule } from '../src/lint/types.js';
import { chFacts, qname } from './_util/clickhouse.js';

export default defineRule({
  meta: {
    id: 'clickhouse.mv-to-table',
    engines: ['clickhouse'],
    kinds: ['other'],
    category: 'schema',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Create materialized views with TO an explicit target table',
    rationale: 'Without TO, ClickHouse stores the view\'s rows in a hidden inner table (.inner_id.<uuid>): its schema cannot be altered directly, dropping or recreating the view (the only way to change its query on older servers) drops the data with it, and backfills and renames get awkward. With TO target, the data lives in an ordinary table that outlives the view and can be changed, backfilled and inspected.',
    payload: {},
    messages: { inner: 'Materialized view {{view}} stores its rows in a hidden inner table; write TO a target table' },
    examples: {
      bad: 'CREATE MATERIALIZED VIEW daily_mv ENGINE = SummingMergeTree ORDER BY day AS SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day;',
      good: 'CREATE MATERIALIZED VIEW daily_mv TO daily AS SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day;',
    },
    whenOff: 'For throwaway or refreshable views whose data may be rebuilt at any time.',
  },
  *check(stmt) {
    const f = chFacts(stmt.facts);
    if (!f || f.statement !== 'create-materialized-view' || f.to || f.refresh) return;
    yield { messageId: 'inner', data: { view: qname(f.table) }, ...(f.table ? { at: f.table.at } : {}) };
  },
});
