import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.require-order-by.js';

testRule(rule, {
  valid: [
    'CREATE TABLE events (ts DateTime, id UInt64) ENGINE = MergeTree ORDER BY (ts, id);',
    'CREATE TABLE buffer (id UInt64) ENGINE = Null;',
    'CREATE TABLE events_copy AS events;',
    'CREATE TABLE t (id UInt64) ENGINE = ReplicatedMergeTree PRIMARY KEY id;',
  ],
  invalid: [
    { sql: 'CREATE TABLE events (ts DateTime, id UInt64) ENGINE = MergeTree ORDER BY tuple();', errors: [{ messageId: 'empty', line: 1, column: 74, message: 'events is sorted by tuple()' }] },
    { sql: 'CREATE TABLE db.events (id UInt64)\nENGINE = ReplacingMergeTree;', errors: [{ messageId: 'missing', line: 1, column: 17, message: 'db.events has no ORDER BY' }] },
  ],
});
