import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.require-algorithm-option.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users ADD COLUMN note text, ALGORITHM=INPLACE, LOCK=NONE;',
    'ALTER TABLE users ALGORITHM = INSTANT, ADD COLUMN note text;',
    'CREATE TABLE users (id bigint PRIMARY KEY);',
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD COLUMN note text, LOCK=NONE;', errors: [{ messageId: 'missing', line: 1, column: 13, message: 'users' }] },
    { sql: "ALTER TABLE `app`.`users` ADD COLUMN note varchar(20) DEFAULT 'ALGORITHM=COPY';", errors: [{ messageId: 'missing', message: 'app.users' }] },
    { sql: 'ALTER TABLE users ADD COLUMN algorithm_name int;', errors: [{ messageId: 'missing', message: 'users' }] },
    { sql: 'ALTER TABLE users ADD COLUMN `algorithm` int NOT NULL DEFAULT 0;', errors: [{ messageId: 'missing', message: 'users' }] },
  ],
});
