import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.no-nullable-sorting-key.js';

testRule(rule, {
  valid: [
    "CREATE TABLE events (project_id String DEFAULT '', id String, user_id Nullable(String)) ENGINE = MergeTree ORDER BY (project_id, id);",
    'CREATE TABLE t (a Nullable(Int32)) ENGINE = Log;',
    { sql: 'ALTER TABLE events ADD COLUMN env String, MODIFY ORDER BY (id, env);', before: 'CREATE TABLE events (id String, note Nullable(String)) ENGINE = MergeTree ORDER BY id;' },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE events (project_id Nullable(String), id String) ENGINE = MergeTree ORDER BY (project_id, id);',
      errors: [{ messageId: 'nullable', line: 1, column: 90, message: 'Column project_id in the ORDER BY of events is Nullable(String)' }],
    },
    {
      sql: 'CREATE TABLE t (\n  a LowCardinality(Nullable(String)),\n  b UInt8\n) ENGINE = ReplacingMergeTree\nPRIMARY KEY a\nORDER BY (a, b)\nSETTINGS allow_nullable_key = 1;',
      errors: [{ messageId: 'nullable', line: 6, message: 'LowCardinality(Nullable(String))' }],
    },
    {
      sql: 'ALTER TABLE events ADD COLUMN env Nullable(String), MODIFY ORDER BY (id, env);',
      before: 'CREATE TABLE events (id String) ENGINE = MergeTree ORDER BY id;',
      errors: [{ messageId: 'nullable', message: 'env in the ORDER BY of events' }],
    },
  ],
});
