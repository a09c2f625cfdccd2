import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.require-collation.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;',
    'CREATE TABLE users (id bigint PRIMARY KEY) DEFAULT COLLATE utf8mb4_0900_ai_ci;',
    'CREATE TABLE users_copy LIKE users;',
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;', errors: [{ messageId: 'missing', line: 1, column: 14, message: 'users' }] },
    { sql: 'CREATE TABLE `app`.`t` (id int PRIMARY KEY);', errors: [{ messageId: 'missing', message: 'app.t' }] },
  ],
});
