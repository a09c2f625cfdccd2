import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.disallow-set-charset.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id int PRIMARY KEY, name varchar(50)) DEFAULT CHARSET = utf8mb4;',
    'ALTER TABLE t ADD COLUMN token varchar(32) CHARACTER SET binary;',
    'ALTER TABLE t MODIFY COLUMN name varchar(80) COLLATE utf8mb4_bin;',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id int PRIMARY KEY, name varchar(50) CHARACTER SET latin1);', errors: [{ messageId: 'charset', line: 1, column: 37, message: 't.name sets CHARACTER SET latin1' }] },
    { sql: 'ALTER TABLE users ADD COLUMN bio text CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci, MODIFY nick varchar(9) CHARACTER SET ascii;', errors: 2 },
  ],
});
