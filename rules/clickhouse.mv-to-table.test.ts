import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.mv-to-table.js';

testRule(rule, {
  valid: [
    'CREATE MATERIALIZED VIEW daily_mv TO daily AS SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day;',
    'CREATE MATERIALIZED VIEW IF NOT EXISTS db.mv TO db.target (day Date, n UInt64) AS SELECT toDate(ts) AS day, count() AS n FROM db.events GROUP BY day;',
    'CREATE VIEW v AS SELECT 1;',
  ],
  invalid: [
    { sql: 'CREATE MATERIALIZED VIEW daily_mv ENGINE = SummingMergeTree ORDER BY day AS SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day;', errors: [{ messageId: 'inner', line: 1, column: 26, message: 'daily_mv' }] },
    { sql: 'CREATE MATERIALIZED VIEW db.mv\nENGINE = MergeTree ORDER BY a POPULATE AS SELECT a FROM src;', errors: [{ messageId: 'inner', line: 1, message: 'db.mv' }] },
  ],
});
