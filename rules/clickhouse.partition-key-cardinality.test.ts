import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.partition-key-cardinality.js';

testRule(rule, {
  valid: [
    'CREATE TABLE events (ts DateTime, id UInt64) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY id;',
    'CREATE TABLE events (day Date, region LowCardinality(String), id UInt64) ENGINE = MergeTree PARTITION BY (toMonday(day), region) ORDER BY id;',
    'CREATE TABLE events (id UInt64) ENGINE = MergeTree PARTITION BY cityHash64(id) % 16 ORDER BY id;',
    'CREATE TABLE events (id UInt64) ENGINE = MergeTree ORDER BY id;',
  ],
  invalid: [
    { sql: 'CREATE TABLE events (ts DateTime, id UInt64) ENGINE = MergeTree PARTITION BY ts ORDER BY id;', errors: [{ messageId: 'raw', line: 1, column: 78, message: 'partitions by a DateTime column' }] },
    { sql: 'CREATE TABLE staging (ts DateTime64(3), id String) ENGINE = MergeTree\nPARTITION BY toStartOfInterval(ts, INTERVAL 3 MINUTE)\nORDER BY id;', errors: [{ messageId: 'fine', line: 2, column: 14, message: 'a partition per few minutes' }] },
    { sql: 'CREATE TABLE t (ts DateTime, user_id UUID) ENGINE = MergeTree PARTITION BY (toStartOfHour(ts), user_id) ORDER BY ts;', errors: [{ messageId: 'fine', message: 'per hour' }, { messageId: 'raw', message: 'UUID' }] },
    { sql: 'CREATE TABLE t (id String) ENGINE = MergeTree PARTITION BY sipHash64(id) ORDER BY id;', errors: [{ messageId: 'hash' }] },
  ],
});
