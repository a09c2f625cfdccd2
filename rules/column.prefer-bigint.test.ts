import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.prefer-bigint.js';

testRule(rule, {
  valid: ['CREATE TABLE t (id bigint PRIMARY KEY, n int);', 'ALTER TABLE t ADD COLUMN user_id bigint;'],
  invalid: [
    { sql: 'CREATE TABLE t (id serial PRIMARY KEY);', errors: [{ messageId: 'small', line: 1, column: 17, message: 'serial' }] },
    { sql: 'ALTER TABLE t ADD COLUMN user_id int;', errors: 1 },
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, n smallint);', payload: { onlyKeys: false }, errors: 1 },
  ],
});
