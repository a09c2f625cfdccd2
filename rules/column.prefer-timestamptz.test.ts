import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.prefer-timestamptz.js';

testRule(rule, {
  valid: ['CREATE TABLE t (id bigint PRIMARY KEY, created_at timestamptz);', 'ALTER TABLE t ADD COLUMN at timestamp with time zone;'],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, created_at timestamp);', errors: [{ messageId: 'ts', line: 1, column: 40, message: 'created_at' }] },
    { sql: 'ALTER TABLE t ADD COLUMN at timestamp without time zone;', errors: 1 },
    { sql: 'ALTER TABLE t ALTER COLUMN at TYPE timestamp(3);', errors: 1 },
  ],
});
