import { testRule } from '../src/lint/rule-tester.js';
import rule from './schema.walk-through.js';

const before = 'CREATE TABLE users (id bigint PRIMARY KEY, email text);';
testRule(rule, {
  valid: [
    { sql: 'ALTER TABLE users ADD COLUMN name text;', before },
    { sql: 'CREATE TABLE orders (id bigint PRIMARY KEY);\nCREATE INDEX orders_id ON orders (id);\nINSERT INTO orders (id) VALUES (1);', before },
    { sql: 'ALTER TABLE users RENAME COLUMN email TO mail;\nCREATE INDEX users_mail ON users (mail);', before },
    'ALTER TABLE anything ADD COLUMN x int;',
    { sql: 'DO $$ BEGIN EXECUTE \'CREATE TABLE dyn (id int)\'; END $$;\nALTER TABLE dyn ADD COLUMN x int;', before },
  ],
  invalid: [
    { sql: 'ALTER TABLE user_accounts ADD COLUMN email text;', before, errors: [{ messageId: 'noTable', line: 1, column: 13, message: 'user_accounts' }] },
    { sql: 'ALTER TABLE users DROP COLUMN nickname;', before, errors: [{ messageId: 'noColumn', message: 'nickname' }] },
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY);', before, errors: [{ messageId: 'tableExists', message: 'migrations/0000_before.sql' }] },
    { sql: 'ALTER TABLE users ADD COLUMN email text;', before, errors: [{ messageId: 'columnExists' }] },
    { sql: 'CREATE TABLE t (id int);\nCREATE TABLE t (id int);', errors: [{ messageId: 'tableExists', line: 2 }] },
    { sql: 'CREATE INDEX users_x ON users (x);', before, errors: [{ messageId: 'noColumn', message: 'x' }] },
  ],
});
