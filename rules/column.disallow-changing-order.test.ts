import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.disallow-changing-order.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users MODIFY COLUMN email varchar(255);',
    'ALTER TABLE users ADD COLUMN nick varchar(20) AFTER name;',
    'ALTER TABLE users CHANGE COLUMN a b int NOT NULL;',
    'CREATE TABLE users (id int PRIMARY KEY, email varchar(255));\nALTER TABLE users MODIFY COLUMN email varchar(255) FIRST;',
  ],
  invalid: [
    { sql: 'ALTER TABLE users MODIFY COLUMN email varchar(255) AFTER id;', errors: [{ messageId: 'order', line: 1, column: 33, message: 'email of users is moved with AFTER' }] },
    { sql: 'ALTER TABLE t CHANGE COLUMN a b int FIRST, MODIFY c int;', errors: [{ messageId: 'order', message: 'a of t is moved with FIRST' }] },
  ],
});
