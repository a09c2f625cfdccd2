import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.modify-order-by.js';

testRule(rule, {
  valid: [
    'ALTER TABLE events ADD COLUMN env LowCardinality(String), MODIFY ORDER BY (project_id, id, env);',
    'CREATE TABLE t (a UInt8, b UInt8) ENGINE = MergeTree ORDER BY (a, b);\nALTER TABLE t ADD COLUMN c UInt8, MODIFY ORDER BY (a, b, c);',
    'ALTER TABLE events ADD COLUMN env String;',
  ],
  invalid: [
    { sql: 'ALTER TABLE events MODIFY ORDER BY (project_id, ts);', errors: [{ messageId: 'alone', line: 1, column: 20, message: 'on events without ADD COLUMN' }] },
    { sql: 'ALTER TABLE events ADD COLUMN env String, MODIFY ORDER BY (env, project_id);', errors: [{ messageId: 'notAppended', message: '(env)' }] },
    { sql: 'CREATE TABLE t (a UInt8, b UInt8) ENGINE = MergeTree ORDER BY (a, b);\nALTER TABLE t ADD COLUMN c UInt8, MODIFY ORDER BY (b, c);', errors: [{ messageId: 'changed', line: 2, message: '(a, b)' }] },
  ],
});
