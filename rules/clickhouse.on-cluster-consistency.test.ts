import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.on-cluster-consistency.js';

testRule(rule, {
  valid: [
    'CREATE TABLE events (id UInt64) ENGINE = MergeTree ORDER BY id;\nALTER TABLE events ADD COLUMN name String;',
    'CREATE TABLE events ON CLUSTER main (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY id;\nALTER TABLE events ON CLUSTER main ADD COLUMN name String;\nINSERT INTO events (id) VALUES (1);',
    { sql: "ALTER TABLE events ON CLUSTER '{cluster}' ADD COLUMN name String;", payload: { cluster: 'main' } },
    'CREATE TEMPORARY TABLE scratch (id UInt64);\nDROP TABLE old ON CLUSTER main;',
    // Functions, dictionaries and renames are DDL like tables: ON CLUSTER on each is consistent.
    'CREATE FUNCTION linear ON CLUSTER main AS (x, k, b) -> k * x + b;\nDROP FUNCTION IF EXISTS old_linear ON CLUSTER main;\nDROP DICTIONARY IF EXISTS d ON CLUSTER main;\nRENAME TABLE a TO b ON CLUSTER main;\nEXCHANGE TABLES c AND e ON CLUSTER main;',
    { sql: 'DROP FUNCTION IF EXISTS linear ON CLUSTER main;', payload: { cluster: 'main' } },
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
    {
      // DROP FUNCTION was not DDL to this rule: a function dropped on one server stayed on the others.
      sql: 'CREATE FUNCTION linear ON CLUSTER main AS (x, k, b) -> k * x + b;\nDROP FUNCTION old_linear;',
      errors: [{ messageId: 'missing', line: 2, column: 1, message: 'DROP FUNCTION old_linear has no ON CLUSTER, while other DDL in this file runs ON CLUSTER main' }],
    },
    { sql: 'DROP FUNCTION IF EXISTS linear;', payload: { cluster: 'main' }, errors: [{ messageId: 'required', line: 1, message: 'DROP FUNCTION IF EXISTS linear must run ON CLUSTER main' }] },
    {
      sql: "DROP TABLE t ON CLUSTER main;\nCREATE FUNCTION f AS (x) -> x;\nCREATE DICTIONARY d (id UInt64) PRIMARY KEY id SOURCE(CLICKHOUSE(TABLE 'src')) LAYOUT(FLAT()) LIFETIME(300);\nDROP DICTIONARY d2;\nRENAME DICTIONARY d3 TO d4;",
      errors: [
        { messageId: 'missing', line: 2, message: 'CREATE FUNCTION f has no ON CLUSTER' },
        { messageId: 'missing', line: 3, message: 'CREATE DICTIONARY d has no ON CLUSTER' },
        { messageId: 'missing', line: 4, message: 'DROP DICTIONARY d2 has no ON CLUSTER' },
        { messageId: 'missing', line: 5, message: 'RENAME DICTIONARY d3 has no ON CLUSTER' },
      ],
    },
  ],
});
