import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.disallow-char.js';

testRule(rule, {
  valid: ['CREATE TABLE t (id bigint PRIMARY KEY, code text);', 'ALTER TABLE t ADD COLUMN c varchar(3);', 'CREATE TABLE t (id bigint PRIMARY KEY, c "char");'],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, code char(3));', errors: [{ messageId: 'char', line: 1, column: 40, message: 'char(3)' }] },
    { sql: 'ALTER TABLE t ADD COLUMN c character(2);', errors: 1 },
  ],
});
