import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.set-default-for-not-null.js';

testRule(rule, {
  valid: [
    "CREATE TABLE t (id int PRIMARY KEY, status varchar(20) NOT NULL DEFAULT 'new', note text NOT NULL);",
    'CREATE TABLE t (id bigint NOT NULL AUTO_INCREMENT, a int NULL, b int, PRIMARY KEY (id));',
    'ALTER TABLE t ADD COLUMN n int NOT NULL DEFAULT 0, MODIFY COLUMN doc json NOT NULL;',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id int PRIMARY KEY, status varchar(20) NOT NULL);', errors: [{ messageId: 'missing', line: 1, column: 37, message: 't.status' }] },
    { sql: 'ALTER TABLE users ADD COLUMN age int NOT NULL, CHANGE COLUMN a b int NOT NULL;', errors: [{ messageId: 'missing', message: 'users.age' }, { messageId: 'missing', message: 'users.b' }] },
  ],
});
