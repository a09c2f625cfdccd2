import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.require-lock-timeout.js';

testRule(rule, {
  valid: [
    "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;",
    'CREATE TABLE t (id bigint PRIMARY KEY);\nALTER TABLE t ADD COLUMN a int;',
    'CREATE INDEX CONCURRENTLY i ON users (email);',
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD COLUMN note text;', errors: [{ messageId: 'timeout', line: 1, column: 1, message: 'ALTER TABLE on users' }] },
    { sql: "SET statement_timeout = '1min';\nDROP TABLE old_users;", errors: [{ messageId: 'timeout', line: 2 }] },
  ],
});
