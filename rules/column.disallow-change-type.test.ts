import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.disallow-change-type.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users ADD COLUMN age_big bigint;',
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY, age int);\nALTER TABLE users ALTER COLUMN age TYPE bigint;', engine: 'postgres' },
    { sql: 'ALTER TABLE users MODIFY COLUMN age int NOT NULL DEFAULT 0;', before: 'CREATE TABLE users (id bigint PRIMARY KEY, age INT);', engine: 'mysql' },
    { sql: 'ALTER TABLE users CHANGE COLUMN age years int;', before: 'CREATE TABLE users (id bigint PRIMARY KEY, age int);', engine: 'tidb' },
    { sql: 'ALTER TABLE users MODIFY COLUMN age bigint;', engine: 'mysql', name: 'MySQL: the old type is unknown (no earlier migration creates the table)' },
  ],
  invalid: [
    { sql: 'ALTER TABLE users ALTER COLUMN age TYPE bigint;', engine: 'postgres', errors: [{ messageId: 'type', line: 1, column: 32, message: 'users.age to bigint' }] },
    { sql: 'ALTER TABLE t ALTER a SET DATA TYPE varchar(10) USING a::varchar, ALTER b TYPE text;', engine: 'postgres', errors: 2 },
    { sql: 'ALTER TABLE users MODIFY COLUMN age bigint;', before: 'CREATE TABLE users (id bigint PRIMARY KEY, age int);', errors: [{ messageId: 'mysqlType', line: 1, column: 33, message: 'users.age from int to bigint' }], engine: 'mysql' },
    { sql: 'ALTER TABLE users CHANGE COLUMN name full_name varchar(100);', before: 'CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50));', errors: [{ messageId: 'mysqlType', message: 'varchar(50) to varchar(100)' }], engine: 'tidb' },
  ],
});
