import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.auto-increment-must-unsigned.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id bigint unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (id));',
    'ALTER TABLE t ADD COLUMN seq int(10) UNSIGNED ZEROFILL NOT NULL AUTO_INCREMENT UNIQUE;',
    'CREATE TABLE t (id int PRIMARY KEY, delta int);',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY);', errors: [{ messageId: 'signed', line: 1, column: 17, message: 't.id is int' }] },
    { sql: 'ALTER TABLE orders MODIFY COLUMN id bigint NOT NULL AUTO_INCREMENT;', errors: [{ messageId: 'signed', message: 'orders.id' }] },
  ],
});
