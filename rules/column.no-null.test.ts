import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.no-null.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);',
    'CREATE TABLE t (a int, b int NOT NULL, PRIMARY KEY (a));',
    'ALTER TABLE users ADD COLUMN n int NOT NULL DEFAULT 0;',
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY, email text);', errors: [{ messageId: 'nullable', line: 1, column: 44, message: 'email of users' }] },
    { sql: 'ALTER TABLE users ADD COLUMN note text NULL;', errors: 1 },
  ],
});
