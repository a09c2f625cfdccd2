import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.no-null.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);',
    'CREATE TABLE t (a int, b int NOT NULL, PRIMARY KEY (a));',
    'ALTER TABLE users ADD COLUMN n int NOT NULL DEFAULT 0;',
    { sql: 'CREATE TABLE t (id NUMBER AUTOINCREMENT, v VARIANT NOT NULL, CONSTRAINT pk PRIMARY KEY (id));', engine: 'snowflake' },
    { sql: 'ALTER TABLE t ADD COLUMN a STRING NOT NULL, b TIMESTAMP_NTZ NOT NULL DEFAULT CURRENT_TIMESTAMP();', engine: 'snowflake' },
    { sql: 'CREATE TABLE `t` (`id` int unsigned NOT NULL AUTO_INCREMENT, `name` varchar(20) NOT NULL DEFAULT \'\', PRIMARY KEY (`id`)) ENGINE=InnoDB;', engine: 'mysql' },
    { sql: 'ALTER TABLE t MODIFY COLUMN name varchar(40) NOT NULL, CHANGE COLUMN a b int NOT NULL;', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY, email text);', engine: 'postgres', errors: [{ messageId: 'nullable', line: 1, column: 44, message: 'email of users' }] },
    { sql: 'CREATE TABLE users (id NUMBER PRIMARY KEY, email STRING);', engine: 'snowflake', errors: [{ messageId: 'nullable', line: 1, column: 44, message: 'EMAIL of USERS' }] },
    { sql: 'ALTER TABLE events ADD COLUMN payload VARIANT, source STRING NOT NULL;', engine: 'snowflake', errors: [{ messageId: 'nullable', message: 'PAYLOAD' }] },
    { sql: 'ALTER TABLE users ADD COLUMN note text NULL;', errors: 1 },
    { sql: 'CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT, `email` varchar(255) DEFAULT NULL, PRIMARY KEY (`id`));', engine: 'mysql', errors: [{ messageId: 'nullable', line: 1, column: 57, message: 'email of users' }] },
    { sql: 'ALTER TABLE users MODIFY COLUMN age int, CHANGE COLUMN nick nickname varchar(20) NOT NULL;', engine: 'mysql', errors: [{ messageId: 'nullable', message: 'age of users' }] },
  ],
});
