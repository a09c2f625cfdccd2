import { defineRule } from '../src/lint/types.js';
import { chFacts, qname, wordAt } from './_util/clickhouse.js';

export default defineRule({
  meta: {
    id: 'clickhouse.mv-no-populate',
    engines: ['clickhouse'],
    kinds: ['other'],
    category: 'safety',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Do not create materialized views with POPULATE',
    rationale: 'POPULATE fills the view from the existing rows while the view is being created: rows inserted into the source table during that time are missed (ClickHouse documents that it "does not work" with concurrent inserts), and on a large table the statement runs for as long as the backfill. Create the view with TO a target table, then backfill with INSERT INTO target SELECT … for a bounded range.',
    payload: {},
    messages: { populate: 'Materialized view {{view}} uses POPULATE: rows inserted while it backfills are lost' },
    examples: {
      bad: 'CREATE MATERIALIZED VIEW daily_mv ENGINE = SummingMergeTree ORDER BY day POPULATE AS SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day;',
      good: 'CREATE MATERIALIZED VIEW daily_mv TO daily AS SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day;',
    },
    whenOff: 'When nothing writes to the source table while the migration runs (a new, empty table).',
  },
  *check(stmt) {
    const f = chFacts(stmt.facts);
    if (!f || f.statement !== 'create-materialized-view' || !f.populate) return;
    const at = wordAt(stmt, 'POPULATE');
    yield { messageId: 'populate', data: { view: qname(f.table) }, ...(at !== undefined ? { at, length: 8 } : {}), help: 'Create the view TO a target table, then backfill it with INSERT INTO … SELECT for past data.' };
  },
});
