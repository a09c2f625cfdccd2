import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.auto-increment-must-integer.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id bigint unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (id));',
    'ALTER TABLE t MODIFY COLUMN id integer NOT NULL AUTO_INCREMENT;',
    'CREATE TABLE t (id int PRIMARY KEY, price double);',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id double AUTO_INCREMENT PRIMARY KEY);', errors: [{ messageId: 'type', line: 1, column: 17, message: 't.id is double' }] },
    { sql: 'ALTER TABLE t MODIFY COLUMN id decimal(20,0) NOT NULL AUTO_INCREMENT;', errors: [{ messageId: 'type', message: 'decimal(20,0)' }] },
  ],
});
