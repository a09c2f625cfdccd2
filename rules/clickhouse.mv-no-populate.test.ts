import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.mv-no-populate.js';

testRule(rule, {
  valid: [
    'CREATE MATERIALIZED VIEW daily_mv TO daily AS SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day;',
    "CREATE MATERIALIZED VIEW mv ENGINE = MergeTree ORDER BY a AS SELECT a, 'POPULATE' AS note FROM src;",
    'CREATE VIEW v AS SELECT a FROM src;',
  ],
  invalid: [
    {
      sql: 'CREATE MATERIALIZED VIEW daily_mv ENGINE = SummingMergeTree ORDER BY day POPULATE AS SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day;',
      errors: [{ messageId: 'populate', line: 1, column: 74, message: 'daily_mv uses POPULATE' }],
    },
    { sql: 'CREATE MATERIALIZED VIEW IF NOT EXISTS db.mv\nENGINE = MergeTree ORDER BY a\npopulate AS SELECT a FROM src;', errors: [{ messageId: 'populate', line: 3, column: 1 }] },
  ],
});
