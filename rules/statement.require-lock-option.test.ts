import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.require-lock-option.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users ADD COLUMN note text, ALGORITHM=INPLACE, LOCK=NONE;',
    'ALTER TABLE users LOCK = SHARED, ADD INDEX idx_a (a);',
    'CREATE TABLE users (id bigint PRIMARY KEY);',
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD COLUMN note text, ALGORITHM=INSTANT;', errors: [{ messageId: 'missing', line: 1, column: 13, message: 'users' }] },
    { sql: "ALTER TABLE `app`.`users` ADD COLUMN note varchar(20) DEFAULT 'LOCK=NONE';", errors: [{ messageId: 'missing', message: 'app.users' }] },
    { sql: 'ALTER TABLE users ADD COLUMN lock_version int;', errors: [{ messageId: 'missing', message: 'users' }] },
    { sql: 'ALTER TABLE users ADD COLUMN `lock` int NOT NULL DEFAULT 0;', errors: [{ messageId: 'missing', message: 'users' }] },
  ],
});
