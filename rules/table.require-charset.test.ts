import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.require-charset.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
    'CREATE TABLE users (id bigint PRIMARY KEY) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;',
    'CREATE TABLE users_copy LIKE users;',
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB;', errors: [{ messageId: 'missing', line: 1, column: 14, message: 'users' }] },
    { sql: 'CREATE TABLE `app`.`t` (id int PRIMARY KEY) COLLATE=utf8mb4_bin;', errors: [{ messageId: 'missing', message: 'app.t' }] },
  ],
});
