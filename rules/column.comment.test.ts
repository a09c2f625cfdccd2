import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.comment.js';

testRule(rule, {
  valid: [
    { sql: "CREATE TABLE users (id bigint PRIMARY KEY);\nCOMMENT ON COLUMN users.id IS 'User id';", engine: 'postgres' },
    'CREATE TABLE users (id bigint PRIMARY KEY);',
    { sql: "ALTER TABLE app.users ADD COLUMN note text;\nCOMMENT ON COLUMN app.users.note IS 'Free text';", payload: { required: true }, engine: 'postgres' },
    { sql: "CREATE TABLE `users` (`id` bigint NOT NULL COMMENT 'User id', `email` varchar(255) COMMENT 'Login', PRIMARY KEY (`id`));", payload: { required: true }, engine: 'mysql' },
    { sql: "ALTER TABLE users MODIFY COLUMN note text COMMENT 'Free text', ADD COLUMN x int;", engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY, email text);', payload: { required: true }, errors: [{ messageId: 'missing', line: 1, column: 21 }, { messageId: 'missing', message: 'users.email' }] },
    { sql: `COMMENT ON COLUMN users.id IS '${'x'.repeat(70)}';`, engine: 'postgres', errors: [{ messageId: 'long', message: '70 characters' }] },
    { sql: "CREATE TABLE `users` (`id` bigint NOT NULL COMMENT 'User id', `email` varchar(255), PRIMARY KEY (`id`));", payload: { required: true }, engine: 'mysql', errors: [{ messageId: 'missing', line: 1, column: 63, message: 'users.email' }] },
    { sql: `ALTER TABLE users ADD COLUMN bio text COMMENT '${'é'.repeat(65)}';`, engine: 'tidb', errors: [{ messageId: 'long', message: 'users.bio is 65 characters long; the limit is 64' }] },
  ],
});
