import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.no-final-in-view.js';

testRule(rule, {
  valid: [
    'CREATE VIEW latest_users AS SELECT id, argMax(name, updated_at) AS name FROM users GROUP BY id;',
    "CREATE VIEW v AS SELECT 'FINAL' AS word, final_state FROM t;",
    'SELECT * FROM users FINAL;',
  ],
  invalid: [
    { sql: 'CREATE VIEW latest_users AS SELECT * FROM users FINAL;', errors: [{ messageId: 'view', line: 1, column: 49, message: 'latest_users' }] },
    { sql: 'CREATE MATERIALIZED VIEW mv TO agg AS\nSELECT id, count() AS n\nFROM src final\nGROUP BY id;', errors: [{ messageId: 'mv', line: 3, column: 10 }] },
  ],
});
