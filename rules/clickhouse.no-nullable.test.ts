import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.no-nullable.js';

testRule(rule, {
  valid: [
    "CREATE TABLE events (id UInt64, note String DEFAULT '') ENGINE = MergeTree ORDER BY id;",
    { sql: 'CREATE TABLE events (id UInt64, end_time Nullable(DateTime64(3))) ENGINE = MergeTree ORDER BY id;', payload: { allow: ['end_time'] } },
    "ALTER TABLE events ADD COLUMN env LowCardinality(String) DEFAULT 'default';",
  ],
  invalid: [
    { sql: 'CREATE TABLE events (id UInt64, note Nullable(String)) ENGINE = MergeTree ORDER BY id;', errors: [{ messageId: 'nullable', line: 1, column: 33, message: 'Column note of events is Nullable(String)' }] },
    { sql: 'ALTER TABLE scores MODIFY COLUMN trace_id Nullable(String);', errors: [{ messageId: 'nullable', message: 'trace_id of scores' }] },
  ],
});
