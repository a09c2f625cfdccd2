import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.disallow-partition.js';

testRule(rule, {
  valid: [
    { sql: 'CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz);', engine: 'postgres' },
    'ALTER TABLE events ADD COLUMN kind text;',
    { sql: 'CREATE TABLE events (id bigint PRIMARY KEY, at datetime);', engine: 'mysql' },
    { sql: 'ALTER TABLE events ADD COLUMN kind varchar(20);', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);', engine: 'postgres', errors: [{ messageId: 'partition', column: 14 }] },
    { sql: "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');", engine: 'postgres', errors: 1 },
    { sql: "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');", engine: 'postgres', errors: 1 },
    { sql: 'CREATE TABLE events (id bigint, at datetime, PRIMARY KEY (id)) PARTITION BY HASH (id) PARTITIONS 4;', engine: 'mysql', errors: [{ messageId: 'partition', column: 14 }] },
    { sql: 'ALTER TABLE events ADD PARTITION (PARTITION p3 VALUES LESS THAN (2030));', engine: 'mysql', errors: 1 },
    { sql: 'ALTER TABLE events PARTITION BY KEY (id) PARTITIONS 2;', engine: 'tidb', errors: 1 },
    { sql: 'CREATE TABLE logs (id bigint, PRIMARY KEY (id)) PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (100));', engine: 'tidb', errors: 1 },
  ],
});
