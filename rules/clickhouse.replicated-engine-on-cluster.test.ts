import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.replicated-engine-on-cluster.js';

testRule(rule, {
  valid: [
    'CREATE TABLE events ON CLUSTER main (id UInt64) ENGINE = ReplicatedReplacingMergeTree(ver) ORDER BY id;',
    'CREATE TABLE events (id UInt64) ENGINE = MergeTree ORDER BY id;',
    'CREATE TABLE events_all ON CLUSTER main (id UInt64) ENGINE = Distributed(main, default, events, rand());',
    "CREATE TABLE events ON CLUSTER '{cluster}' (id UInt64) ENGINE = SharedMergeTree ORDER BY id;",
  ],
  invalid: [
    { sql: 'CREATE TABLE events ON CLUSTER main (id UInt64) ENGINE = MergeTree ORDER BY id;', errors: [{ messageId: 'plain', line: 1, column: 58, message: 'events is created ON CLUSTER main with the unreplicated engine MergeTree' }] },
    { sql: 'CREATE TABLE db.agg ON CLUSTER c\n(k String, n UInt64)\nENGINE = SummingMergeTree(n) ORDER BY k;', errors: [{ messageId: 'plain', line: 3, column: 10, message: 'SummingMergeTree' }] },
  ],
});
