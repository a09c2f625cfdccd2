import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.disallow-change.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users RENAME COLUMN name TO full_name;',
    'ALTER TABLE users MODIFY COLUMN name varchar(200) NOT NULL;',
    'CREATE TABLE t (id int PRIMARY KEY);',
  ],
  invalid: [
    { sql: 'ALTER TABLE users CHANGE COLUMN name full_name varchar(100);', errors: [{ messageId: 'change', line: 1, column: 38, message: 'name on users' }] },
    { sql: 'ALTER TABLE t ADD COLUMN a int, CHANGE b c int, CHANGE d d bigint;', errors: 2 },
  ],
});
