import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.on-cluster-consistency.js';

testRule(rule, {
  valid: [
    'CREATE TABLE events (id UInt64) ENGINE = MergeTree ORDER BY id;\nALTER TABLE events ADD COLUMN name String;',
    'CREATE TABLE events ON CLUSTER main (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY id;\nALTER TABLE events ON CLUSTER main ADD COLUMN name String;\nINSERT INTO events (id) VALUES (1);',
    { sql: "ALTER TABLE events ON CLUSTER '{cluster}' ADD COLUMN name String;", payload: { cluster: 'main' } },
    'CREATE TEMPORARY TABLE scratch (id UInt64);\nDROP TABLE old ON CLUSTER main;',
  ],
  invalid: [
    {
      sql: 'CREATE TABLE events ON CLUSTER main (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY id;\nALTER TABLE events ADD COLUMN name String;',
      errors: [{ messageId: 'missing', line: 2, column: 1, message: 'ALTER TABLE events has no ON CLUSTER' }],
    },
    {
      // The statement is named by its object, past IF NOT EXISTS and MATERIALIZED VIEW (not by its first three words).
      sql: 'CREATE TABLE events ON CLUSTER main (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY id;\nCREATE TABLE IF NOT EXISTS db.daily (d Date) ENGINE = MergeTree ORDER BY d;\nCREATE MATERIALIZED VIEW daily_mv TO db.daily AS SELECT toDate(now()) AS d;',
      errors: [
        { messageId: 'missing', line: 2, message: 'CREATE TABLE IF NOT EXISTS db.daily has no ON CLUSTER' },
        { messageId: 'missing', line: 3, message: 'CREATE MATERIALIZED VIEW daily_mv has no ON CLUSTER' },
      ],
    },
    {
      sql: 'DROP TABLE a ON CLUSTER main;\nDROP TABLE b ON CLUSTER other;',
      errors: [{ messageId: 'different', line: 2, column: 14, message: 'ON CLUSTER other differs from ON CLUSTER main' }],
    },
    { sql: 'ALTER TABLE events ADD COLUMN name String;', payload: { cluster: 'main' }, errors: [{ messageId: 'required', line: 1, message: 'must run ON CLUSTER main' }] },
  ],
});
