import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.default-disallow-volatile.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();',
    'ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();',
    'CREATE TABLE users (id bigint PRIMARY KEY);\nALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();',
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();', errors: [{ messageId: 'volatile', line: 1, column: 30, message: 'gen_random_uuid()' }] },
    { sql: 'ALTER TABLE t ADD COLUMN r float8 DEFAULT random() * 10;', errors: 1 },
  ],
});
