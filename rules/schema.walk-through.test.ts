import { testRule } from '../src/lint/rule-tester.js';
import rule from './schema.walk-through.js';

const before = 'CREATE TABLE users (id bigint PRIMARY KEY, email text);';
testRule(rule, {
  valid: [
    { sql: 'ALTER TABLE users ADD COLUMN name text;', before },
    { sql: 'CREATE TABLE orders (id bigint PRIMARY KEY);\nCREATE INDEX orders_id ON orders (id);\nINSERT INTO orders (id) VALUES (1);', before },
    { sql: 'ALTER TABLE users RENAME COLUMN email TO mail;\nCREATE INDEX users_mail ON users (mail);', before },
    'ALTER TABLE anything ADD COLUMN x int;',
    { sql: 'DO $$ BEGIN EXECUTE \'CREATE TABLE dyn (id int)\'; END $$;\nALTER TABLE dyn ADD COLUMN x int;', before, engine: 'postgres' },
    { sql: 'ALTER TABLE users MODIFY COLUMN email varchar(255) NOT NULL, CHANGE COLUMN id user_id bigint;\nCREATE INDEX idx_email ON users (email(20));', before, engine: 'mysql' },
    { sql: 'CREATE TABLE `orders` (`id` bigint NOT NULL, KEY `idx_email` (`id`));\nCREATE INDEX idx_email ON users (email);', before, engine: 'tidb', name: 'MySQL index names are per table' },
  ],
  invalid: [
    { sql: 'ALTER TABLE user_accounts ADD COLUMN email text;', before, errors: [{ messageId: 'noTable', line: 1, column: 13, message: 'user_accounts' }] },
    { sql: 'ALTER TABLE users DROP COLUMN nickname;', before, errors: [{ messageId: 'noColumn', message: 'nickname' }] },
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY);', before, errors: [{ messageId: 'tableExists', message: 'migrations/0000_before.sql' }] },
    { sql: 'ALTER TABLE users ADD COLUMN email text;', before, errors: [{ messageId: 'columnExists' }] },
    { sql: 'CREATE TABLE t (id int);\nCREATE TABLE t (id int);', errors: [{ messageId: 'tableExists', line: 2 }] },
    { sql: 'CREATE INDEX users_x ON users (x);', before, errors: [{ messageId: 'noColumn', message: 'x' }] },
    { sql: 'ALTER TABLE users MODIFY COLUMN nick varchar(20), CHANGE COLUMN id email bigint;', before, engine: 'mysql', errors: [{ messageId: 'noColumn', line: 1, column: 33, message: 'nick' }, { messageId: 'columnExists', message: 'email' }] },
    { sql: 'CREATE TABLE `users` (`id` bigint NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;', before, engine: 'tidb', errors: [{ messageId: 'tableExists', line: 1, column: 14 }] },
    { sql: 'CREATE INDEX idx_email ON users (email);', before: 'CREATE TABLE users (id bigint PRIMARY KEY, email text, KEY idx_email (email(10)));', engine: 'mysql', errors: [{ messageId: 'indexExists', message: 'idx_email' }] },
  ],
});
