import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.disallow-set-charset.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB;',
    'CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20) CHARACTER SET utf8mb4);',
    'ALTER TABLE users ADD COLUMN note varchar(20) CHARACTER SET latin1;',
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY) DEFAULT CHARSET=latin1;', errors: [{ messageId: 'charset', line: 1, column: 52, message: 'latin1' }] },
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB CHARACTER SET = utf8mb4 COLLATE utf8mb4_bin;', errors: 1 },
    { sql: 'ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4;', errors: [{ messageId: 'charset', message: 'users' }] },
  ],
});
