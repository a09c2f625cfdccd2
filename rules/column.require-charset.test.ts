import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.require-charset.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id int PRIMARY KEY, name varchar(50) CHARACTER SET utf8mb4, n int);',
    'ALTER TABLE t ADD COLUMN bio text CHARSET utf8mb4 COLLATE utf8mb4_bin, ADD COLUMN age int;',
    'CREATE TABLE t (id bigint PRIMARY KEY, data blob, at datetime);',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id int PRIMARY KEY, name varchar(50));', errors: [{ messageId: 'missing', line: 1, column: 37, message: 't.name (varchar(50))' }] },
    { sql: "ALTER TABLE t ADD COLUMN kind enum('a','b') NOT NULL, MODIFY COLUMN code char(3) COLLATE utf8mb4_bin;", errors: [{ messageId: 'missing', message: 't.kind' }, { messageId: 'missing', message: 't.code' }] },
  ],
});
