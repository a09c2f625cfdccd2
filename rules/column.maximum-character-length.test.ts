import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.maximum-character-length.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id bigint PRIMARY KEY, code char(8));',
    'CREATE TABLE t (id bigint PRIMARY KEY, name varchar(400));',
    { sql: 'ALTER TABLE t MODIFY COLUMN code char(20) CHARACTER SET ascii NOT NULL, ADD COLUMN name varchar(200);', engine: 'mysql' },
    { sql: 'CREATE TABLE `t` (`id` int NOT NULL, `c` char, PRIMARY KEY (`id`)) ENGINE=InnoDB;', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, code char(40));', errors: [{ messageId: 'length', line: 1, column: 40, message: 'char(40)' }] },
    { sql: 'ALTER TABLE t ADD COLUMN c character(5);', payload: { number: 4 }, errors: 1, engine: 'postgres' },
    { sql: 'ALTER TABLE t ADD COLUMN c char(5), MODIFY COLUMN d char(30) NOT NULL;', payload: { number: 4 }, engine: 'mysql', errors: [{ messageId: 'length', line: 1, column: 26, message: 't.c is char(5)' }, { messageId: 'length', message: 't.d is char(30)' }] },
    { sql: 'CREATE TABLE `t` (`id` int NOT NULL, `code` char(64) NOT NULL DEFAULT \'\', PRIMARY KEY (`id`));', engine: 'tidb', errors: 1 },
  ],
});
