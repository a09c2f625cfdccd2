import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.disallow-partition.js';

testRule(rule, {
  valid: [
    'CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz);',
    'ALTER TABLE events ADD COLUMN kind text;',
  ],
  invalid: [
    { sql: 'CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);', errors: [{ messageId: 'partition', column: 14 }] },
    { sql: "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');", errors: 1 },
    { sql: "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');", errors: 1 },
  ],
});
