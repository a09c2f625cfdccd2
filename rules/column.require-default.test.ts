import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.require-default.js';

testRule(rule, {
  valid: [
    "CREATE TABLE t (id bigint PRIMARY KEY, status text DEFAULT 'new');",
    'CREATE TABLE t (id bigserial, n int GENERATED ALWAYS AS (1) STORED, PRIMARY KEY (id));',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, status text);', errors: [{ messageId: 'missing', line: 1, column: 40, message: 't.status' }] },
    { sql: 'ALTER TABLE t ADD COLUMN note text;', errors: 1 },
  ],
});
