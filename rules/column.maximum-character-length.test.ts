import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.maximum-character-length.js';

testRule(rule, {
  valid: ['CREATE TABLE t (id bigint PRIMARY KEY, code char(8));', 'CREATE TABLE t (id bigint PRIMARY KEY, name varchar(400));'],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, code char(40));', errors: [{ messageId: 'length', line: 1, column: 40, message: 'char(40)' }] },
    { sql: 'ALTER TABLE t ADD COLUMN c character(5);', payload: { number: 4 }, errors: 1 },
  ],
});
