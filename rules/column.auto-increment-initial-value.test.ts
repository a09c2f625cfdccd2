import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.auto-increment-initial-value.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id int unsigned AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT = 1;',
    'CREATE TABLE t (id int unsigned AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;',
    { sql: 'ALTER TABLE t AUTO_INCREMENT = 100;', payload: { number: 100 } },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id int unsigned AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4;', errors: [{ messageId: 'value', line: 1, column: 14, message: 'AUTO_INCREMENT = 1000; the initial value must be 1' }] },
    { sql: 'ALTER TABLE orders AUTO_INCREMENT = 5;', errors: [{ messageId: 'value', message: 'orders' }] },
  ],
});
